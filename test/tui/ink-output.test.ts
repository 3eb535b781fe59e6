import chalk from 'chalk';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// Ink's own output stage, which the bundle replaces (not exported by the package: by path).
import InkOutput from '../../node_modules/ink/build/output.js';
import Output from '../../src/tui/ink-output.js';

chalk.level = 3;
const dist = join(import.meta.dirname, '../../dist');

type Op = { kind: 'write'; x: number; y: number; text: string; t: number[] } | { kind: 'clip'; x1?: number; x2?: number; y1?: number; y2?: number } | { kind: 'unclip' };

const TRANSFORMERS: Array<(line: string, index: number) => string> = [
  (line) => chalk.red(line),
  (line, i) => (i % 2 ? chalk.bold(line) : chalk.dim(line)),
  (line) => chalk.bgHex('#203040')(line),
  (line) => line.toUpperCase(),
];

const piece = fc.oneof(fc.constantFrom('a', 'bc', ' ', '  x ', 'é', 'e\u0301', '中文', '😀', '│', '─┐', '\t', 'aut', 'Working', '✻ Thinking…'), fc.string({ maxLength: 6 }));
const styled = fc.tuple(piece, fc.constantFrom('plain', 'red', 'bold', 'dimItalic', 'bgBlue', 'hex', 'underline', 'link')).map(([s, style]) => {
  switch (style) {
    case 'red':
      return chalk.red(s);
    case 'bold':
      return chalk.bold(s);
    case 'dimItalic':
      return chalk.dim.italic(s);
    case 'bgBlue':
      return chalk.bgBlue.white(s);
    case 'hex':
      return chalk.hex('#ff8800')(s);
    case 'underline':
      return chalk.underline(s);
    case 'link':
      return `\x1b]8;;https://example.com\x07${s}\x1b]8;;\x07`;
    default:
      return s;
  }
});
const text = fc
  .array(
    fc.array(styled, { maxLength: 5 }).map((p) => p.join('')),
    { minLength: 1, maxLength: 4 },
  )
  .map((lines) => lines.join('\n'));
const coord = (max: number) => fc.integer({ min: -3, max });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('write' as const), x: coord(24), y: coord(10), text, t: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('clip' as const), x1: coord(20), x2: coord(24), y1: coord(8), y2: coord(10) }, { requiredKeys: ['kind'] }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'unclip' as const }) },
);

interface OutputLike {
  write(x: number, y: number, text: string, o: { transformers: Array<(line: string, index: number) => string> }): void;
  clip(c: object): void;
  unclip(): void;
  get(): { output: string; height: number };
}

function run(out: OutputLike, ops: Op[]): { output: string; height: number } {
  for (const o of ops) {
    if (o.kind === 'write') out.write(o.x, o.y, o.text, { transformers: o.t.map((k) => TRANSFORMERS[k]!) });
    else if (o.kind === 'clip') out.clip({ x1: o.x1, x2: o.x2, y1: o.y1, y2: o.y2 });
    else out.unclip();
  }
  return out.get();
}

describe("the output stage put in Ink's place", () => {
  it("makes Ink's frame, byte for byte, from any writes and clips", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 10 }), fc.array(op, { maxLength: 12 }), (width, height, ops) => {
        const ours = run(new Output({ width, height }), ops);
        const inks = run(new InkOutput({ width, height }) as unknown as OutputLike, ops);
        expect(ours).toEqual(inks);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same frame again from what it kept of the last (a line styled one way, then another)', () => {
    const frame = (style: (s: string) => string) =>
      run(new Output({ width: 20, height: 2 }), [
        { kind: 'write', x: 1, y: 0, text: 'same text', t: [] },
        { kind: 'write', x: 0, y: 1, text: style('styled'), t: [] },
      ]);
    const first = frame(chalk.red);
    expect(frame(chalk.red)).toEqual(first);
    expect(frame(chalk.blue).output).not.toEqual(first.output);
    expect(frame(chalk.blue)).toEqual(
      run(new InkOutput({ width: 20, height: 2 }) as unknown as OutputLike, [
        { kind: 'write', x: 1, y: 0, text: 'same text', t: [] },
        { kind: 'write', x: 0, y: 1, text: chalk.blue('styled'), t: [] },
      ]),
    );
  });

  it('makes the same frames after what it keeps has been dropped for room (many different lines)', () => {
    for (let f = 0; f < 300; f++) {
      const ops: Op[] = Array.from({ length: 4 }, (_, k) => ({ kind: 'write', x: 0, y: k, text: chalk.cyan(`frame ${f} line ${k} `.repeat(8)), t: [] }));
      const ours = run(new Output({ width: 200, height: 4 }), ops);
      if (f % 50 === 0 || f === 299) expect(ours).toEqual(run(new InkOutput({ width: 200, height: 4 }) as unknown as OutputLike, ops));
    }
  });

  it("is the one the bundled CLI uses, in Ink's place", () => {
    const chunks = readdirSync(dist).filter((f) => f.endsWith('.mjs'));
    const holding = (marker: string) => chunks.filter((f) => readFileSync(join(dist, f), 'utf8').includes(marker));
    // The chunks the build left (dist/ is not cleaned), of which the newest is the CLI's.
    const newest = (files: string[]) => files.map((f) => ({ f, t: statSync(join(dist, f)).mtimeMs })).sort((a, b) => b.t - a.t)[0]?.f;
    const ui = newest(holding('// node_modules/ink/build/renderer.js'));
    expect(ui).toBeDefined();
    const text = readFileSync(join(dist, ui!), 'utf8');
    expect(text.includes('// dist/tui/ink-output.js'), 'the UI chunk holds src/tui/ink-output').toBe(true);
    expect(text.includes('// node_modules/ink/build/output.js'), "the UI chunk holds Ink's output stage").toBe(false);
  });
});
