import type { ScreenSnapshot } from '../model/screen.js';

/**
 * The screen's logical lines: each row the terminal soft-wrapped is joined to the row it
 * continues, so what a line says never depends on how wide the terminal is. `rowOf[i]` is the
 * screen row where logical line i starts; `lineOfRow[r]` the logical line holding row r.
 */
export function logicalLines(snap: Pick<ScreenSnapshot, 'lines' | 'wrapped' | 'cols'>): { lines: string[]; rowOf: number[]; lineOfRow: number[] } {
  const lines: string[] = [];
  const rowOf: number[] = [];
  const lineOfRow: number[] = [];
  snap.lines.forEach((row, r) => {
    if (snap.wrapped?.[r] && lines.length) {
      // The row above was full: its trailing blanks were trimmed off, but they are part of the line.
      lines[lines.length - 1] = lines[lines.length - 1]!.padEnd(snap.cols) + row;
    } else {
      lines.push(row);
      rowOf.push(r);
    }
    lineOfRow.push(lines.length - 1);
  });
  return { lines, rowOf, lineOfRow };
}
