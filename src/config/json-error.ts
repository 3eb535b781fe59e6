/** Line and column (1-based) of a character offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Describes a JSON.parse failure as "line L, column C: <what>". */
export function describeJsonError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const at = /at position (\d+)/.exec(message);
  const lc = /\(line (\d+) column (\d+)\)/.exec(message);
  let where: { line: number; column: number };
  if (lc) where = { line: Number(lc[1]), column: Number(lc[2]) };
  else if (at) where = lineColumn(text, Number(at[1]));
  else where = lineColumn(text, text.length);
  const what = message
    .replace(/\s*in JSON at position \d+.*$/, '')
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/^Unexpected end of JSON input$/, 'unexpected end of file');
  return `line ${where.line}, column ${where.column}: invalid JSON: ${what}`;
}
