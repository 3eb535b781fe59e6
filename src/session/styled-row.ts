import type { IBufferCell, IBufferLine } from '@xterm/headless';

/** SGR parameters for a cell's colours and attributes ('' for the default style). */
export function cellSgr(cell: IBufferCell, inverseOverride = false): string {
  const p: string[] = [];
  if (cell.isBold()) p.push('1');
  if (cell.isDim()) p.push('2');
  if (cell.isItalic()) p.push('3');
  if (cell.isUnderline()) p.push('4');
  if (cell.isBlink()) p.push('5');
  if ((cell.isInverse() !== 0) !== inverseOverride) p.push('7');
  if (cell.isInvisible()) p.push('8');
  if (cell.isStrikethrough()) p.push('9');
  if (cell.isOverline()) p.push('53');
  if (cell.isFgPalette()) p.push(paletteSgr(cell.getFgColor(), 30, 90, '38'));
  else if (cell.isFgRGB()) p.push(rgbSgr(cell.getFgColor(), '38'));
  if (cell.isBgPalette()) p.push(paletteSgr(cell.getBgColor(), 40, 100, '48'));
  else if (cell.isBgRGB()) p.push(rgbSgr(cell.getBgColor(), '48'));
  return p.join(';');
}

function paletteSgr(n: number, base: number, bright: number, ext: string): string {
  if (n < 8) return String(base + n);
  if (n < 16) return String(bright + n - 8);
  return `${ext};5;${n}`;
}

function rgbSgr(c: number, ext: string): string {
  return `${ext};2;${(c >> 16) & 255};${(c >> 8) & 255};${c & 255}`;
}

/** Cells [first, end) of a buffer line. */
export type CellRange = readonly [number, number];

/**
 * Where `query` occurs in a line's text (case-insensitive), as cell ranges: wide characters
 * take two cells, so text positions and cells differ.
 */
export function findInLine(line: IBufferLine | undefined, query: string, cell: IBufferCell): CellRange[] {
  if (!line || !query) return [];
  let text = '';
  const starts: number[] = []; // cell of each UTF-16 unit of text
  for (let x = 0; x < line.length; x++) {
    line.getCell(x, cell);
    if (cell.getWidth() === 0) continue;
    const chars = cell.getChars() || ' ';
    for (let i = 0; i < chars.length; i++) starts.push(x);
    text += chars;
  }
  starts.push(line.length);
  const hay = text.toLowerCase();
  const needle = query.toLowerCase();
  const out: CellRange[] = [];
  for (let i = hay.indexOf(needle); i >= 0 && needle; i = hay.indexOf(needle, i + needle.length)) {
    out.push([starts[i]!, starts[i + needle.length] ?? line.length]);
  }
  return out;
}

/**
 * Cells written as text with SGR escapes, one escape per change of style. Blanks in the default
 * style wait until something follows them, so trailing ones are never written.
 */
export class SgrRuns {
  private out = '';
  private pending = '';
  private current = '';

  cell(sgr: string, chars: string): void {
    if (sgr === '' && chars === ' ') {
      this.pending += ' ';
      return;
    }
    this.out += this.pending;
    this.pending = '';
    if (sgr !== this.current) {
      this.out += this.current === '' ? `\x1b[${sgr}m` : sgr === '' ? '\x1b[0m' : `\x1b[0;${sgr}m`;
      this.current = sgr;
    }
    this.out += chars;
  }

  /** The text, its style reset at the end. */
  end(): string {
    return this.current === '' ? this.out : `${this.out}\x1b[0m`;
  }
}

/**
 * One buffer line as text with SGR escapes, `cols` cells wide at most. Trailing blank cells in
 * the default style are dropped. `cursorX` >= 0 draws the cursor there (inverse video), and so
 * are the cells of `marks` (search matches: [first cell, end) ranges). Only characters from the buffer and our own SGR codes come out: nothing an agent printed
 * can reach the outer terminal as an escape sequence.
 */
export function styledLine(line: IBufferLine | undefined, cols: number, cell: IBufferCell, cursorX = -1, marks: readonly CellRange[] = []): string {
  if (!line) return cursorX >= 0 ? `${' '.repeat(cursorX)}\x1b[7m \x1b[0m` : '';
  const runs = new SgrRuns();
  const width = Math.min(cols, line.length);
  for (let x = 0; x < width; x++) {
    line.getCell(x, cell);
    const w = cell.getWidth();
    if (w === 0) continue; // right half of a wide character
    // A wide character cut by the edge of a narrower view would spill one cell past it.
    const chars = w === 2 && x + 1 >= cols ? ' ' : cell.getChars() || ' ';
    runs.cell(cellSgr(cell, x === cursorX || marks.some(([a, b]) => x >= a && x < b)), chars);
  }
  let out = runs.end();
  // The cursor past the last cell drawn: on a blank cell within the view (never past its edge).
  if (cursorX >= width && cursorX < cols) out += `${' '.repeat(Math.max(0, cursorX - width))}\x1b[7m \x1b[0m`;
  return out;
}
