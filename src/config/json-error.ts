import { quote } from './quote.js';

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

/** A problem found in a JSON text: where, what, and whether the text is not JSON at all. */
export interface JsonProblem {
  offset: number;
  message: string;
  /** False for a duplicate field: valid JSON, but JSON.parse would keep only the last one. */
  syntax: boolean;
}

/** An open object (the offsets of its field names so far, made on its second field) or array. */
type Frame = { close: '}'; first: string | null; firstAt: number; keys: Map<string, number> | null } | { close: ']' };

/** A JSON number, matched where the scan is (sticky): however long it is. */
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
/** Every array's frame is alike: one object for all of them keeps a deep nesting small. */
const ARRAY: Frame = { close: ']' };

/**
 * Where the first JSON syntax error in `text` is, and what it is: a small scanner of the JSON
 * grammar (JSON.parse's own messages give no position for some errors, span several lines and
 * quote the file's bytes). With `duplicates`, a field given twice in one object is a problem
 * too. Null when there is none. It keeps its own stack, so no nesting is too deep for it.
 */
export function findJsonError(text: string, opts: { duplicates?: boolean } = {}): JsonProblem | null {
  let i = 0;
  class Stop extends Error {
    constructor(readonly problem: JsonProblem) {
      super(problem.message);
    }
  }
  const fail = (message: string, at = i, syntax = true): never => {
    throw new Stop({ offset: at, message, syntax });
  };
  const ws = () => {
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = text.charCodeAt(++i));
  };
  const unexpected = (expected: string) => fail(`expected ${expected}, found ${shown(text[i])}`);
  const string = () => {
    i++; // the opening quote
    for (;;) {
      const code = text.charCodeAt(i);
      if (code > 0x22 && code !== 0x5c) {
        i++;
        continue;
      }
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
  /** A property name and its colon, in the object `frame`. */
  const key = (frame: Extract<Frame, { close: '}' }>) => {
    ws();
    if (text[i] !== '"') unexpected(text[i] === '}' ? 'a property name (no comma before "}")' : 'a property name in double quotes');
    const start = i;
    string();
    if (opts.duplicates) {
      const raw = text.slice(start + 1, i - 1);
      const name = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      const seen = frame.first === null ? undefined : frame.keys ? frame.keys.get(name) : frame.first === name ? frame.firstAt : undefined;
      if (seen !== undefined) {
        const { line, column } = lineColumn(text, seen);
        fail(`duplicate field ${quote(name)} (also at line ${line}, column ${column}): give each field once`, start, false);
      }
      if (frame.first === null) [frame.first, frame.firstAt] = [name, start];
      else (frame.keys ??= new Map([[frame.first, frame.firstAt]])).set(name, start);
    }
    ws();
    if (text[i] !== ':') unexpected('":"');
    i++;
  };
  const scalar = () => {
    const c = text[i];
    if (c === '"') return string();
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(text);
    if (num) return void (i += num[0].length);
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length);
    unexpected('a value');
  };
  const stack: Frame[] = [];
  try {
    // At the top of the loop a value is due; after it, close what ends and find the next value.
    values: for (;;) {
      ws();
      const c = text[i];
      if (c === '{' || c === '[') {
        i++;
        ws();
        if (text[i] !== (c === '{' ? '}' : ']')) {
          const frame: Frame = c === '{' ? { close: '}', first: null, firstAt: 0, keys: null } : ARRAY;
          stack.push(frame);
          if (frame.close === '}') key(frame);
          continue;
        }
        i++;
      } else scalar();
      for (;;) {
        const frame = stack[stack.length - 1];
        if (!frame) break values;
        ws();
        if (text[i] === ',') {
          i++;
          if (frame.close === '}') key(frame);
          else {
            ws();
            if (text[i] === ']') unexpected('a value (no comma before "]")');
          }
          continue values;
        }
        if (text[i] === frame.close) {
          i++;
          stack.pop();
          continue;
        }
        unexpected(frame.close === '}' ? '"," or "}"' : '"," or "]"');
      }
    }
    ws();
    if (i < text.length) unexpected('the end of the file');
    return null;
  } catch (err) {
    if (err instanceof Stop) return err.problem;
    throw err;
  }
}

/** What is wrong with a config's JSON text as one line ("line L, column C: …"), or null when nothing is. */
export function jsonProblem(text: string): string | null {
  const found = findJsonError(text, { duplicates: true });
  if (!found) return null;
  const { line, column } = lineColumn(text, found.offset);
  return `line ${line}, column ${column}: ${found.syntax ? 'invalid JSON: ' : ''}${found.message}`;
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
