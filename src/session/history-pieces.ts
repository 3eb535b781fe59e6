/**
 * Cuts a write into pieces that each add at most `budget` lines to the terminal's history, so
 * the lines can be taken out of xterm's buffer between pieces before xterm would drop them.
 * A character adds at most one line (a line feed, or a wrap); a repeat (`CSI Ps b`, its count
 * already cut to the screen's cells) adds at most `repeatLines`. Every `b` that may end one
 * counts as one (after a digit, `;`, `:`, `[`, C1 CSI, or first in a piece): a guess on the
 * safe side. Most writes are one piece.
 */
export function historyPieces<T extends string | Uint8Array>(data: T, budget: number, repeatLines: number): T[] {
  const weight = (from: number, to: number) => to - from + repeats(data, from, to) * repeatLines;
  if (weight(0, data.length) <= budget) return [data];
  const out: T[] = [];
  for (let from = 0; from < data.length; ) {
    let to = Math.min(data.length, from + budget);
    while (to - from > 1 && weight(from, to) > budget) to = from + ((to - from) >> 1);
    out.push(data.slice(from, to) as T);
    from = to;
  }
  return out;
}

const B = 0x62;

/** How many `b`s in [from, to) may end a repeat. */
function repeats(data: string | Uint8Array, from: number, to: number): number {
  let n = 0;
  const at = typeof data === 'string' ? (i: number) => data.charCodeAt(i) : (i: number) => data[i]!;
  if (typeof data === 'string') {
    for (let i = data.indexOf('b', from); i >= 0 && i < to; i = data.indexOf('b', i + 1)) if (i === from || mayPrecede(at(i - 1))) n++;
    return n;
  }
  for (let i = from; i < to; i++) if (at(i) === B && (i === from || mayPrecede(at(i - 1)))) n++;
  return n;
}

const mayPrecede = (c: number): boolean => (c >= 0x30 && c <= 0x3b) || c === 0x5b || c === 0x9b;
