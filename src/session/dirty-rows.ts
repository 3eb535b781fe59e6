import type { Terminal } from '@xterm/headless';

/** The part of xterm's input handler that reports the rows a parse changed (not public API). */
interface CoreInputHandler {
  onRequestRefreshRows(listener: (rows: { start: number; end: number } | undefined) => void): unknown;
}

/**
 * Hears which screen rows (0 = the screen's top) each parse changed: xterm's own report of them,
 * the one its renderer repaints by. `changed` gets the first and last row; every row when xterm
 * says so. Returns false when this xterm has no such report (then nothing can be kept per row).
 */
export function watchDirtyRows(term: Terminal, changed: (start: number, end: number) => void): boolean {
  const handler = (term as unknown as { _core?: { _inputHandler?: Partial<CoreInputHandler> } })._core?._inputHandler;
  if (typeof handler?.onRequestRefreshRows !== 'function') return false;
  handler.onRequestRefreshRows((rows) => (rows ? changed(rows.start, rows.end) : changed(0, Number.MAX_SAFE_INTEGER)));
  return true;
}
