import type { IBufferCell, IBufferLine } from '@xterm/headless';
import { CODEPOINT, COMBINED, cellWords, WIDTH_SHIFT } from './cell-words.js';

const HAS_CONTENT = CODEPOINT | COMBINED;

let units = new Uint16Array(512);
let unitBytes = Buffer.from(units.buffer);
let latin = Buffer.alloc(512);

/**
 * The line's text as `translateToString(true)` gives it (trailing blanks trimmed), read from
 * the cell words into one reused buffer and decoded once. xterm's own adds a character at a
 * time, a new string for every cell: with fifty agents printing, the screens detection reads
 * made 93 MB of garbage a second that way.
 */
export function lineText(line: IBufferLine, cell: IBufferCell): string {
  const data = cellWords(line);
  if (!data) return line.translateToString(true);
  const length = line.length;
  let end = 0;
  for (let x = length - 1; x >= 0; x--) {
    const content = data[x * 3]!;
    if (content & HAS_CONTENT) {
      end = x + (content >>> WIDTH_SHIFT);
      break;
    }
  }
  if (end * 2 + 2 > units.length) {
    units = new Uint16Array(end * 2 + 64);
    unitBytes = Buffer.from(units.buffer);
    latin = Buffer.alloc(units.length);
  }
  const out = units;
  let o = 0;
  let high = 0;
  for (let x = 0; x < end; ) {
    const content = data[x * 3]!;
    const cp = content & CODEPOINT;
    if (content & COMBINED) {
      const chars = line.getCell(x, cell)?.getChars() ?? '';
      if (o + chars.length + 2 > out.length) return line.translateToString(true);
      for (let k = 0; k < chars.length; k++) out[o++] = chars.charCodeAt(k);
      high |= 0x100;
    } else if (cp > 0xffff) {
      out[o++] = 0xd800 + ((cp - 0x10000) >> 10);
      out[o++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      high |= 0x100;
    } else {
      const c = cp || 32;
      out[o] = c;
      latin[o++] = c;
      high |= c;
    }
    x += content >>> WIDTH_SHIFT || 1;
  }
  return high < 0x100 ? latin.toString('latin1', 0, o) : unitBytes.toString('utf16le', 0, o * 2);
}
