import { type CompactRow, readCells, RowWriter, rowWidth, rowWrapped } from './compact-row.js';

interface Cell {
  chars: string;
  sgr: string;
  w: number;
  content: boolean;
}

/**
 * Compact history rows rewrapped for a screen `cols` wide, as xterm reflows its own lines on a
 * resize: the rows of a wrapped line are joined (each but the last its full width, less the
 * blank before a wide character that did not fit; the last up to its text) and split again,
 * a wide character that would straddle the edge moving to the next row. A line of one row that
 * fits stays as it is (cut to the screen's width). Pure.
 */
export function reflowRows(rows: readonly CompactRow[], cols: number): CompactRow[] {
  const out: CompactRow[] = [];
  for (let i = 0; i < rows.length; ) {
    let end = i + 1;
    while (end < rows.length && rowWrapped(rows[end]!.meta)) end++;
    const group = rows.slice(i, end);
    i = end;
    if (group.every((r) => rowWidth(r.meta) === cols) || (group.length === 1 && rowWidth(group[0]!.meta) <= cols)) {
      out.push(...group);
      continue;
    }
    const cells = group.map((r) => rowCells(r));
    if (group.length === 1 && trimmedLength(cells[0]!, group[0]!.meta) <= cols) {
      out.push(writeRow(cut(cells[0]!, cols), cols, rowWrapped(group[0]!.meta)));
      continue;
    }
    const joined: Cell[] = [];
    cells.forEach((row, k) => {
      const width = rowWidth(group[k]!.meta);
      const last = k === group.length - 1;
      const trimmed = trimmedLength(row, group[k]!.meta);
      const nextWide = !last && cells[k + 1]![0]?.w === 2;
      const length = last ? trimmed : trimmed < width && nextWide ? width - 1 : width;
      let x = 0;
      for (const c of row) {
        if (x + c.w > length) break;
        joined.push({ ...c, content: x < trimmed });
        x += c.w;
      }
      for (; x < length; x++) joined.push({ chars: ' ', sgr: '', w: 1, content: x < trimmed });
    });
    let row: Cell[] = [];
    let x = 0;
    const first = out.length;
    for (const c of joined) {
      if (x + c.w > cols) {
        out.push(writeRow(row, cols, out.length > first || rowWrapped(group[0]!.meta)));
        row = [];
        x = 0;
      }
      row.push(c);
      x += c.w;
    }
    out.push(writeRow(row, cols, out.length > first || rowWrapped(group[0]!.meta)));
  }
  return out;
}

/** A row's drawn cells, each marked as holding something in xterm when before its trimmed end. */
function rowCells(row: CompactRow): Cell[] {
  const c = readCells(row.styled);
  const cells: Cell[] = c.chars.map((chars, k) => ({ chars, sgr: c.sgr[k]!, w: c.width[k]!, content: true }));
  const trimmed = trimmedLength(cells, row.meta);
  let x = 0;
  for (const cell of cells) {
    cell.content = x < trimmed;
    x += cell.w;
  }
  return cells;
}

/** Where xterm's translateToString(true) of the row ends, in cells: its text and the blanks it kept. */
function trimmedLength(cells: readonly Cell[], meta: number): number {
  let x = 0;
  let text = 0;
  for (const c of cells) {
    x += c.w;
    if (c.chars !== ' ') text = x;
  }
  return text + ((meta >>> 1) & 0x7fff);
}

/** The cells within `cols`; a wide character cut by the edge is a blank, as styledLine draws it. */
function cut(cells: readonly Cell[], cols: number): Cell[] {
  const out: Cell[] = [];
  let x = 0;
  for (const c of cells) {
    if (x >= cols) break;
    out.push(x + c.w > cols ? { ...c, chars: ' ', w: 1 } : c);
    x += c.w;
  }
  return out;
}

function writeRow(cells: readonly Cell[], cols: number, wrapped: boolean): CompactRow {
  const w = new RowWriter();
  for (const c of cells) w.cell(c.chars, c.sgr, c.w, c.content);
  return w.finish(cols, wrapped);
}
