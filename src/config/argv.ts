/**
 * Splits a command line into argv the way a POSIX shell would for plain words:
 * whitespace separates, single quotes are literal, double quotes allow \" and \\,
 * a backslash outside quotes escapes the next character. No expansion of any kind.
 * Returns an error message instead of argv when a quote is left open.
 */
export function splitCommand(line: string): string[] | { error: string } {
  const out: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) out.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) return { error: `unclosed ${quote === '"' ? 'double' : 'single'} quote` };
  if (inWord) out.push(word);
  return out;
}
