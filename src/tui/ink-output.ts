import { ansiCodesToString, type AnsiCode, diffAnsiCodes, type StyledChar, styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';

/**
 * Ink's output stage (`ink/build/output.js`, put in its place when the CLI is bundled: see
 * scripts/bundle.mjs), making the same frame from the same writes. Ink's own builds a cell object
 * for every cell of the screen, tokenizes every line again and compares the styles of every pair
 * of neighbouring cells with sets, on every frame: with the dashboard's panes left blank for the
 * painter, ~40 ms a frame on a 200x60 terminal, while keys wait. Here a blank cell is one shared
 * object, a line's styled characters and widths are kept from frame to frame, and neighbouring
 * cells of one style are passed over without computing a difference.
 * test/tui/ink-output.test.ts holds it to Ink's frames, byte for byte.
 */

type Transformer = (line: string, index: number) => string;

interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}

type Operation = { type: 'write'; x: number; y: number; text: string; transformers: Transformer[] } | { type: 'clip'; clip: Clip } | { type: 'unclip' };

/** Widths are functions of their text: kept across frames, until this many. */
const CACHE_MAX = 4096;
/**
 * A line's styled characters too, until they hold this many (an object each, ~70 bytes: ~2 MB;
 * a whole 200x60 frame of different text is 12,000).
 */
const CHARS_MAX = 32 * 1024;

const styledChars = new Map<string, StyledChar[]>();
let charsKept = 0;
const widths = new Map<string, number>();
const widestLines = new Map<string, number>();

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

function charsOf(line: string): StyledChar[] {
  let chars = styledChars.get(line);
  if (chars === undefined) {
    chars = styledCharsFromTokens(tokenize(line));
    if (charsKept + chars.length > CHARS_MAX) {
      styledChars.clear();
      charsKept = 0;
    }
    styledChars.set(line, chars);
    charsKept += chars.length;
  }
  return chars;
}

function widthOf(text: string): number {
  return widths.get(text) ?? remember(widths, text, stringWidth(text));
}

function widestLineOf(text: string): number {
  let w = widestLines.get(text);
  if (w === undefined) {
    w = 0;
    for (const line of text.split('\n')) w = Math.max(w, widthOf(line));
    remember(widestLines, text, w);
  }
  return w;
}

/** A cell nothing was written to. Shared: cells are only ever replaced, never changed. */
const BLANK: StyledChar = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) as unknown as AnsiCode[] });

function sameStyles(a: readonly AnsiCode[], b: readonly AnsiCode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
  return true;
}

/** A row of cells as text: each change of style written as its difference, styles ended at the end. */
function rowText(cells: StyledChar[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (i === 0) {
      if (c.styles.length) out += ansiCodesToString(c.styles);
    } else {
      const prev = cells[i - 1]!.styles;
      // The difference between equal styles is nothing: only a change of style is computed.
      if (!sameStyles(prev, c.styles)) out += ansiCodesToString(diffAnsiCodes(prev, c.styles));
    }
    out += c.value;
    if (i === cells.length - 1 && c.styles.length) out += ansiCodesToString(diffAnsiCodes(c.styles, []));
  }
  return out;
}

export default class Output {
  readonly width: number;
  readonly height: number;
  private readonly operations: Operation[] = [];

  constructor(options: { width: number; height: number }) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void {
    if (!text) return;
    this.operations.push({ type: 'write', x, y, text, transformers: options.transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    const rows: StyledChar[][] = [];
    for (let y = 0; y < this.height; y++) rows.push(new Array<StyledChar>(this.width).fill(BLANK));
    const clips: Clip[] = [];
    for (const op of this.operations) {
      if (op.type === 'clip') clips.push(op.clip);
      else if (op.type === 'unclip') clips.pop();
      else this.put(rows, op, clips.at(-1));
    }
    return {
      // A row is longer than the width only when a write ran past its end, leaving holes.
      output: rows.map((row) => rowText(row.length === this.width ? row : row.filter((cell) => cell !== undefined)).trimEnd()).join('\n'),
      height: rows.length,
    };
  }

  /** One write, clipped, into the rows (the same cells, and the same edge cases, as Ink's). */
  private put(rows: StyledChar[][], op: Extract<Operation, { type: 'write' }>, clip: Clip | undefined): void {
    let { x, y } = op;
    let lines = op.text.split('\n');
    if (clip) {
      const clipX = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
      const clipY = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
      if (clipX && (x + widestLineOf(op.text) < clip.x1! || x > clip.x2!)) return;
      if (clipY && (y + lines.length < clip.y1! || y > clip.y2!)) return;
      if (clipX) {
        const x1 = clip.x1!;
        const x2 = clip.x2!;
        lines = lines.map((line) => {
          const width = widthOf(line);
          return sliceAnsi(line, x < x1 ? x1 - x : 0, x + width > x2 ? x2 - x : width);
        });
        if (x < x1) x = x1;
      }
      if (clipY) {
        const y1 = clip.y1!;
        const y2 = clip.y2!;
        const height = lines.length;
        lines = lines.slice(y < y1 ? y1 - y : 0, y + height > y2 ? y2 - y : height);
        if (y < y1) y = y1;
      }
    }
    let offsetY = 0;
    for (let index = 0; index < lines.length; index++) {
      const row = rows[y + offsetY];
      // As Ink's: a line outside the rows is skipped without moving on a row.
      if (!row) continue;
      let line = lines[index]!;
      for (const transform of op.transformers) line = transform(line, index);
      let offsetX = x;
      for (const c of charsOf(line)) {
        row[offsetX] = c;
        const w = Math.max(1, widthOf(c.value));
        for (let k = 1; k < w; k++) row[offsetX + k] = { type: 'char', value: '', fullWidth: false, styles: c.styles };
        offsetX += w;
      }
      offsetY++;
    }
  }
}
