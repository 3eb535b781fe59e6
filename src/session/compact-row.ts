import type { IBufferCell, IBufferLine } from '@xterm/headless';
import { CODEPOINT, COMBINED, cellWords, WIDTH_SHIFT } from './cell-words.js';
import { cellSgr, type CellRange, SgrRuns } from './styled-row.js';

/**
 * A history row kept as text instead of xterm cells: the SGR-styled string styledLine makes
 * (no cursor, no marks), and a number holding what the string does not say. Rows whose cells are
 * all one character wide and one UTF-16 unit long (most of them) are that string alone; the
 * others carry, before it, one character per cell drawn giving its length and width, so the row
 * can be read back cell by cell (to mark search matches, or to cut it to a narrower view).
 *
 * The number: bit 0 the row continues the one above (xterm's isWrapped); bits 1-15 the blanks
 * xterm's own text of the row ends with (translateToString(true) keeps printed spaces, the
 * styled string drops them); bits 16-31 the row's width in cells.
 */
export interface CompactRow {
  styled: string;
  meta: number;
}

const WIDE = 0x8000;
const MAX_TRAIL = 0x7fff;

/** The row's width in cells when it was kept. */
export const rowWidth = (meta: number): number => meta >>> 16;
/** The row continues the one above it. */
export const rowWrapped = (meta: number): boolean => (meta & 1) === 1;

/**
 * Writes a compact row cell by cell, as styledLine writes a line: blanks in the default style
 * are held until something follows them.
 */
export class RowWriter {
  private out = '';
  private pending = 0;
  private current = '';
  private desc: string | null = null;
  private drawn = 0; // cells written to `out`, for the descriptor
  private x = 0;
  private textEnd = 0; // end of the last cell xterm holds a character other than a blank in
  private contentEnd = 0; // end of the last cell xterm holds anything in (printed blanks too)

  /** The next cell: its characters, SGR parameters, width; `content`: xterm holds something in it. */
  cell(chars: string, sgr: string, w: number, content: boolean): void {
    const x = this.x;
    this.x += w;
    if (content) {
      this.contentEnd = x + w;
      if (chars !== ' ') this.textEnd = x + w;
    }
    if (sgr === '' && chars === ' ') {
      this.pending++;
      return;
    }
    if (this.desc === null && (w !== 1 || chars.length !== 1)) this.desc = '\x01'.repeat(this.drawn + this.pending);
    // Blanks in the default style written while another style is on would read back as that
    // style's: kept as U+0001 (no cell holds a control character), drawn as blanks.
    if (this.pending) {
      this.out += (this.current === '' ? ' ' : '\x01').repeat(this.pending);
      if (this.desc !== null) this.desc += '\x01'.repeat(this.pending);
    }
    if (sgr !== this.current) {
      this.out += this.current === '' ? `\x1b[${sgr}m` : sgr === '' ? '\x1b[0m' : `\x1b[0;${sgr}m`;
      this.current = sgr;
    }
    this.drawn += this.pending + 1;
    if (this.desc !== null) this.desc += String.fromCharCode(Math.min(chars.length, WIDE - 1) | (w === 2 ? WIDE : 0));
    this.pending = 0;
    this.out += chars;
  }

  /** The row, `width` cells wide. */
  finish(width: number, wrapped: boolean): CompactRow {
    const out = this.current === '' ? this.out : `${this.out}\x1b[0m`;
    const styled = this.desc === null ? out : `\0${this.desc}\0${out}`;
    // Kept for a long time: made one flat string now, not the chain of pieces it was built from.
    styled.charCodeAt(0);
    const blanks = Math.min(MAX_TRAIL, Math.max(0, this.contentEnd - this.textEnd));
    return { styled, meta: ((Math.min(width, 0xffff) << 16) | (blanks << 1) | (wrapped ? 1 : 0)) >>> 0 };
  }
}

// A line's characters, as one byte each while they all fit in one (the string is then half the size).
let bytes = Buffer.alloc(512);
let units = new Uint16Array(512);
let unitBytes = Buffer.from(units.buffer);

/**
 * One xterm line as a compact row: the same string styledLine(line, line.length, cell) makes,
 * and its meta.
 */
export function compactLine(line: IBufferLine, cell: IBufferCell): CompactRow {
  const data = cellWords(line);
  return (data && wordsLine(line, cell, data)) || cellByCell(line, cell);
}

/** SGR parameters by a cell's two style words (fg, then bg): a line's runs mostly repeat. */
const sgrCache = new Map<number, Map<number, string>>();

function sgrOf(fg: number, bg: number, line: IBufferLine, x: number, cell: IBufferCell): string {
  if (fg === 0 && bg === 0) return '';
  let byBg = sgrCache.get(fg);
  if (!byBg) {
    if (sgrCache.size > 4096) sgrCache.clear();
    byBg = new Map();
    sgrCache.set(fg, byBg);
  }
  let sgr = byBg.get(bg);
  if (sgr === undefined) {
    line.getCell(x, cell);
    sgr = cellSgr(cell);
    if (byBg.size < 4096) byBg.set(bg, sgr);
  }
  return sgr;
}

let cellDesc = new Uint16Array(256);
let descBytes = Buffer.from(cellDesc.buffer);
/** SGR escapes by their parameters: from the default style, and from another style. */
const opens = new Map<string, string>();
const changes = new Map<string, string>();

/**
 * A line read straight from xterm's cell words (three a cell: content, fg, bg) and written
 * straight into one buffer of UTF-16 units, decoded once (one byte a character when it can be):
 * what the RowWriter makes of it cell by cell, without a string per cell. Styles are worked out
 * once per run of cells that share fg and bg; combined characters are read through the cell API.
 */
function wordsLine(line: IBufferLine, cell: IBufferCell, data: Uint32Array): CompactRow | null {
  const full = line.length;
  // Empty cells in the default style at the end draw nothing and hold nothing.
  let width = full;
  while (width > 0 && data[width * 3 - 3] === 1 << WIDTH_SHIFT && data[width * 3 - 2] === 0 && data[width * 3 - 1] === 0) width--;
  // Room for every cell's characters and a style change at each.
  const room = width * 48 + 64;
  if (units.length < room || cellDesc.length < width) {
    bytes = Buffer.alloc(room);
    units = new Uint16Array(room);
    unitBytes = Buffer.from(units.buffer);
    cellDesc = new Uint16Array(width + 16);
    descBytes = Buffer.from(cellDesc.buffer);
  }
  const out = units;
  const b8 = bytes;
  let o = 0;
  let high = 0;
  let fg = 0;
  let bg = 0;
  let sgr = '';
  let current = '';
  let pending = 0;
  let textEnd = 0;
  let contentEnd = 0;
  let simple = true;
  let n = 0; // cells so far
  let drawn = 0; // cells up to the last one that is not a blank in the default style
  for (let x = 0; x < width; x++) {
    const i = x * 3;
    const content = data[i]!;
    const w = content >>> WIDTH_SHIFT;
    if (w === 0) continue;
    if (x === 0 || data[i + 1] !== fg || data[i + 2] !== bg) {
      fg = data[i + 1]!;
      bg = data[i + 2]!;
      sgr = sgrOf(fg, bg, line, x, cell);
    }
    const cp = content & CODEPOINT;
    const combined = (content & COMBINED) !== 0;
    if (combined || cp > 0xffff) {
      textEnd = contentEnd = x + w;
    } else if (cp) {
      contentEnd = x + w;
      if (cp !== 32) textEnd = x + w;
    }
    if (!combined && (cp === 0 || cp === 32) && sgr === '') {
      pending++;
      if (w !== 1) simple = false;
      cellDesc[n++] = 1 | (w === 2 ? WIDE : 0);
      continue;
    }
    // Blanks in the default style written while another style is on: U+0001 (see RowWriter).
    const blank = current === '' ? 32 : 1;
    for (; pending > 0; pending--) {
      out[o] = blank;
      b8[o++] = blank;
    }
    if (sgr !== current) {
      let e: string | undefined = '\x1b[0m';
      if (current === '') {
        e = opens.get(sgr);
        if (e === undefined) opens.set(sgr, (e = `\x1b[${sgr}m`));
      } else if (sgr !== '') {
        e = changes.get(sgr);
        if (e === undefined) changes.set(sgr, (e = `\x1b[0;${sgr}m`));
      }
      o = put(out, b8, o, e);
      current = sgr;
    }
    let len = 1;
    if (combined) {
      line.getCell(x, cell);
      const chars = cell.getChars();
      if (o + chars.length + 16 > out.length) return null;
      o = put(out, b8, o, chars);
      high |= 0x100;
      len = chars.length;
    } else if (cp > 0xffff) {
      out[o++] = 0xd800 + ((cp - 0x10000) >> 10);
      out[o++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      high |= 0x100;
      len = 2;
    } else {
      const c = cp || 32;
      out[o] = c;
      b8[o++] = c;
      high |= c;
    }
    if (w !== 1 || len !== 1) simple = false;
    cellDesc[n++] = len | (w === 2 ? WIDE : 0);
    drawn = n;
    if (o + 64 > out.length) return null;
  }
  if (current !== '') o = put(out, b8, o, '\x1b[0m');
  const text = high < 0x100 ? bytes.toString('latin1', 0, o) : unitBytes.toString('utf16le', 0, o * 2);
  const styled = simple ? text : `\0${descBytes.toString('utf16le', 0, drawn * 2)}\0${text}`;
  const trail = Math.min(MAX_TRAIL, Math.max(0, contentEnd - textEnd));
  return { styled, meta: ((Math.min(full, 0xffff) << 16) | (trail << 1) | (line.isWrapped ? 1 : 0)) >>> 0 };
}

/** Writes `str` at `o` (SGR escapes are ASCII; other text marks the line two-byte itself). */
function put(out: Uint16Array, b8: Uint8Array, o: number, str: string): number {
  for (let k = 0; k < str.length; k++) {
    const c = str.charCodeAt(k);
    out[o] = c;
    b8[o++] = c;
  }
  return o;
}

function cellByCell(line: IBufferLine, cell: IBufferCell): CompactRow {
  const row = new RowWriter();
  const width = line.length;
  for (let x = 0; x < width; x++) {
    line.getCell(x, cell);
    const w = cell.getWidth();
    if (w === 0) continue;
    const raw = cell.getChars();
    row.cell(raw || ' ', cellSgr(cell), w, raw !== '');
  }
  return row.finish(width, line.isWrapped);
}

/** The styled string of a compact row without its cell descriptor (default blanks still U+0001). */
function rowString(styled: string): string {
  return styled.charCodeAt(0) === 0 ? styled.slice(styled.indexOf('\0', 1) + 1) : styled;
}

/** The styled string of a compact row, as styledLine draws it. */
export function rowStyled(styled: string): string {
  const s = rowString(styled);
  return s.includes('\x01') ? s.replaceAll('\x01', ' ') : s;
}

const SGR = /\x1b\[[\d;]*m/g;

/** The row's characters without styles (blanks it ends with included as drawn). */
function drawnText(styled: string): string {
  const s = rowStyled(styled);
  return s.includes('\x1b') ? s.replace(SGR, '') : s;
}

/** The row's text as xterm gives it (translateToString(true)): what search and plain text read. */
export function rowText(row: CompactRow): string {
  const text = drawnText(row.styled);
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  const trail = (row.meta >>> 1) & MAX_TRAIL;
  return trail ? text.slice(0, end) + ' '.repeat(trail) : text.slice(0, end);
}

/** Whether the row's text contains `needle` (already lower case), as a search over xterm's text finds it. */
export function rowContains(row: CompactRow, needle: string): boolean {
  // A needle that does not end in a blank is found in the drawn text exactly when it is in xterm's:
  // the two differ only in the blanks they end with.
  if (!needle.endsWith(' ')) return drawnText(row.styled).toLowerCase().includes(needle);
  return rowText(row).toLowerCase().includes(needle);
}

export interface Cells {
  chars: string[];
  sgr: string[];
  width: number[];
}

/** The cells drawn in a compact row, in order. */
export function readCells(styled: string): Cells {
  let desc = '';
  let s = styled;
  if (styled.charCodeAt(0) === 0) {
    const end = styled.indexOf('\0', 1);
    desc = styled.slice(1, end);
    s = styled.slice(end + 1);
  }
  const DEFAULT_BLANK = 1;
  const cells: Cells = { chars: [], sgr: [], width: [] };
  let sgr = '';
  let k = 0;
  for (let i = 0; i < s.length; ) {
    if (s.charCodeAt(i) === 0x1b) {
      const end = s.indexOf('m', i);
      const params = s.slice(i + 2, end);
      sgr = params === '0' ? '' : params.startsWith('0;') ? params.slice(2) : params;
      i = end + 1;
      continue;
    }
    const d = desc ? desc.charCodeAt(k) : 1;
    const units = d & (WIDE - 1);
    const blank = s.charCodeAt(i) === DEFAULT_BLANK;
    cells.chars.push(blank ? ' ' : s.slice(i, i + units));
    cells.sgr.push(blank ? '' : sgr);
    cells.width.push(d & WIDE ? 2 : 1);
    i += units;
    k++;
  }
  return cells;
}

/** SGR parameters with inverse video turned the other way, in the order cellSgr writes them. */
export function toggleInverse(sgr: string): string {
  const p = sgr ? sgr.split(';') : [];
  // Attributes come first (1-9, 53), then the colours (30 and up, 38;… and 48;… included).
  let attrs = 0;
  while (attrs < p.length && (Number(p[attrs]) < 30 || p[attrs] === '53')) attrs++;
  const at = p.indexOf('7');
  if (at >= 0 && at < attrs) p.splice(at, 1);
  else {
    let i = 0;
    while (i < attrs && Number(p[i]) < 7) i++;
    p.splice(i, 0, '7');
  }
  return p.join(';');
}

/**
 * A compact row as styledLine would draw its line `cols` cells wide with the matches of
 * `query` marked (the same text, cells and escapes).
 */
export function styledRow(row: CompactRow, cols: number, query: string | null): string {
  const width = rowWidth(row.meta);
  const needle = query ? query.toLowerCase() : '';
  if (width <= cols && (!needle || !drawnText(row.styled).toLowerCase().includes(needle.trimEnd()))) return rowStyled(row.styled);
  const cells = readCells(row.styled);
  // Past the cells drawn the line holds blanks in the default style, up to its width.
  const xs: number[] = [];
  let x = 0;
  for (const w of cells.width) {
    xs.push(x);
    x += w;
  }
  for (; x < width; x++) {
    xs.push(x);
    cells.chars.push(' ');
    cells.sgr.push('');
    cells.width.push(1);
  }
  const marks = needle ? findCells(cells, xs, width, needle) : [];
  const runs = new SgrRuns();
  for (let i = 0; i < cells.chars.length; i++) {
    const cx = xs[i]!;
    if (cx >= cols) break;
    const w = cells.width[i]!;
    const chars = w === 2 && cx + 1 >= cols ? ' ' : cells.chars[i]!;
    const marked = marks.some(([a, b]) => cx >= a && cx < b);
    runs.cell(marked ? toggleInverse(cells.sgr[i]!) : cells.sgr[i]!, chars);
  }
  return runs.end();
}

/** findInLine over a compact row's cells: where `needle` (lower case) occurs, as cell ranges. */
function findCells(cells: Cells, xs: readonly number[], width: number, needle: string): CellRange[] {
  let text = '';
  const starts: number[] = [];
  for (let i = 0; i < cells.chars.length; i++) {
    const chars = cells.chars[i]!;
    for (let u = 0; u < chars.length; u++) starts.push(xs[i]!);
    text += chars;
  }
  starts.push(width);
  const hay = text.toLowerCase();
  const out: CellRange[] = [];
  for (let i = hay.indexOf(needle); i >= 0 && needle; i = hay.indexOf(needle, i + needle.length)) {
    out.push([starts[i]!, starts[i + needle.length] ?? width]);
  }
  return out;
}
