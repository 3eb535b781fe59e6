import type { IBufferLine } from '@xterm/headless';

// How xterm keeps a line (not public API): three 32-bit words a cell (content, fg, bg); in the
// content word, the code point, a flag for combined characters (kept apart, read through the
// cell API) and the cell's width.
export const CODEPOINT = 0x1fffff;
export const COMBINED = 0x200000;
export const WIDTH_SHIFT = 22;

/** The line's cell words, or null when this xterm keeps them some other way (then use its API). */
export function cellWords(line: IBufferLine): Uint32Array | null {
  const data = (line as unknown as { _line?: { _data?: unknown } })._line?._data;
  return data instanceof Uint32Array && data.length >= line.length * 3 ? data : null;
}
