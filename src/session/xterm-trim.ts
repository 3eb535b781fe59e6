import type { Terminal } from '@xterm/headless';

/** The parts of xterm's normal buffer that dropping its oldest lines touches (not public API). */
interface CoreBuffer {
  lines: { length: number; maxLength: number; trimStart(n: number): void; _array: unknown[]; _startIndex: number };
  ybase: number;
  ydisp: number;
  savedY: number;
}

function normalBuffer(term: Terminal): CoreBuffer | null {
  const core = (term as unknown as { _core?: { buffers?: { normal?: CoreBuffer } } })._core;
  const b = core?.buffers?.normal;
  if (!b || typeof b.lines?.trimStart !== 'function' || !Array.isArray(b.lines._array) || typeof b.lines._startIndex !== 'number') return null;
  if (typeof b.ybase !== 'number' || typeof b.ydisp !== 'number' || typeof b.savedY !== 'number') return null;
  return b;
}

/** Whether this xterm's buffer has the shape dropTopLines needs (checked once per terminal). */
export function canDropTopLines(term: Terminal): boolean {
  return normalBuffer(term) !== null;
}

/**
 * Drops the `n` oldest lines of the normal buffer's history, as xterm itself does when its
 * scrollback shrinks (Buffer.resize): the list is trimmed (markers follow its trim event) and
 * the positions counted from its top move up. xterm's ring keeps trimmed lines in their slots
 * until it writes over them: they are let go here, or the memory saved would stay held.
 */
export function dropTopLines(term: Terminal, n: number): void {
  const b = normalBuffer(term);
  if (!b || n <= 0) return;
  const k = Math.min(n, b.ybase);
  const list = b.lines;
  list.trimStart(k);
  for (let i = 1; i <= k; i++) list._array[(list._startIndex - i) % list.maxLength] = undefined;
  b.ybase -= k;
  b.ydisp = Math.max(0, b.ydisp - k);
  b.savedY = Math.max(0, b.savedY - k);
}
