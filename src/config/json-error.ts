/** Line and column (1-based) of a character offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** A character as it may be shown on one line of a terminal: printable, or its code. */
function shown(c: string | undefined): string {
  if (c === undefined) return 'the end of the file';
  return /^[\x21-\x7e]$/.test(c) ? `"${c}"` : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Where the first JSON syntax error in `text` is, and what it is: a small scanner of the JSON
 * grammar (JSON.parse's own messages give no position for some errors, span several lines and
 * quote the file's bytes). Null when the text is valid JSON.
 */
export function findJsonError(text: string): { offset: number; message: string } | null {
  let i = 0;
  class Stop extends Error {
    constructor(
      readonly offset: number,
      message: string,
    ) {
      super(message);
    }
  }
  const fail = (message: string, at = i): never => {
    throw new Stop(at, message);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const unexpected = (expected: string) => fail(`expected ${expected}, found ${shown(text[i])}`);
  const string = () => {
    i++; // the opening quote
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('unterminated string');
      if (c === '"') return void i++;
      if (c! < ' ') fail(`control character ${shown(c)} in a string (write it as an escape such as \\n)`);
      if (c === '\\') {
        const e = text[i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail(`invalid escape ${shown(e)} in a string`, i + 1);
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') unexpected(text[i] === '}' ? 'a property name (no comma before "}")' : 'a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') unexpected('":"');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        unexpected('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        ws();
        if (text[i] === ']') unexpected('a value (no comma before "]")');
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return void i++;
        unexpected('"," or "]"');
      }
    }
    if (c === '"') return string();
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (num) return void (i += num[0].length);
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length);
    unexpected('a value');
  };
  try {
    value();
    ws();
    if (i < text.length) unexpected('the end of the file');
    return null;
  } catch (err) {
    if (err instanceof Stop) return { offset: err.offset, message: err.message };
    throw err;
  }
}

/** Describes a JSON.parse failure as one line: "line L, column C: invalid JSON: <what>". */
export function describeJsonError(text: string, err: unknown): string {
  const found = findJsonError(text);
  if (found) {
    const { line, column } = lineColumn(text, found.offset);
    return `line ${line}, column ${column}: invalid JSON: ${found.message}`;
  }
  const message = (err instanceof Error ? err.message : String(err)).replace(/[^\x20-\x7e]+/g, ' ');
  return `invalid JSON: ${message}`;
}
