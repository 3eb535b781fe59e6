import xterm from '@xterm/headless';
import type { Terminal as XTerminal } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { styledLine } from '../../src/session/styled-row.js';
import { HeadlessTerminal } from '../../src/session/terminal.js';
import { readRecording } from '../helpers/replay.js';

const { Terminal } = xterm;

/**
 * The screen as read straight off a plain xterm, every row every time: what the terminal's
 * rows kept between reads must always equal.
 */
class Reference {
  readonly term: XTerminal;
  constructor(cols: number, rows: number) {
    this.term = new Terminal({ cols, rows, scrollback: 1000, allowProposedApi: true, logLevel: 'off' });
  }
  write(data: string | Uint8Array): Promise<void> {
    return new Promise((r) => this.term.write(data, r));
  }
  lines(): { text: string[]; wrapped: boolean[] } {
    const buf = this.term.buffer.active;
    const text: string[] = [];
    const wrapped: boolean[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      const line = buf.getLine(buf.baseY + y);
      text.push(line?.translateToString(true) ?? '');
      wrapped.push(line?.isWrapped ?? false);
    }
    return { text, wrapped };
  }
  styled(cursor: { x: number; y: number; visible: boolean }): string[] {
    const buf = this.term.buffer.active;
    const cell = buf.getNullCell();
    const x = Math.min(cursor.x, this.term.cols - 1);
    return Array.from({ length: this.term.rows }, (_, y) => styledLine(buf.getLine(buf.baseY + y), this.term.cols, cell, cursor.visible && y === cursor.y ? x : -1));
  }
}

/** A small seeded generator: the same run every time. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** Output that changes rows every way a terminal can: text, moves, erases, regions, screens, resets. */
function chunk(rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const n = (max: number) => 1 + Math.floor(rnd() * max);
  const parts = [
    () => `line ${n(999)} ${'word '.repeat(n(12))}`,
    () => '\r\n',
    () => `\x1b[${n(12)};${n(40)}H`,
    () => `\x1b[${pick([0, 1, 2])}J`,
    () => `\x1b[${pick([0, 1, 2])}K`,
    () => `\x1b[${n(3)}${pick(['L', 'M', '@', 'P', 'S', 'T', 'X'])}`,
    () => `\x1b[${n(4)};${4 + n(8)}r`,
    () => '\x1b[r',
    () => `\x1b[38;5;${n(255)}m${pick(['中文', 'résumé', '✓ ok', 'e\u0301'])}\x1b[0m`,
    () => `\x1b[1;4;48;2;${n(255)};0;0m bold \x1b[0m`,
    () => pick(['\x1b[?25l', '\x1b[?25h']),
    () => pick(['\x1b[?1049h', '\x1b[?1049l']),
    () => '\t|',
    () => '\x1b#8',
    () => (rnd() < 0.2 ? '\x1bc' : '\x1b[2J\x1b[H'),
    () => `${'x'.repeat(30 + n(40))}`,
    () => '\x1b7\x1b[1;1Hcorner\x1b8',
  ];
  let out = '';
  for (let i = n(6); i > 0; i--) out += pick(parts)();
  return out;
}

const write = (t: HeadlessTerminal, d: string | Uint8Array) => new Promise<void>((r) => t.write(d, r));

function expectSame(term: HeadlessTerminal, ref: Reference, at: string): void {
  const snap = term.snapshot();
  const want = ref.lines();
  expect(snap.lines, `${at}: lines`).toEqual(want.text);
  expect(snap.wrapped, `${at}: wrapped`).toEqual(want.wrapped);
  expect(term.styledRows(), `${at}: styled rows`).toEqual(ref.styled(snap.cursor));
}

describe('screen rows are kept between reads only while the parser leaves them unchanged', () => {
  it('after every write of random output (moves, erases, regions, both screens, resets, resizes) every row reads as xterm has it', async () => {
    const rnd = random(17);
    let cols = 40;
    let rows = 12;
    const term = new HeadlessTerminal(cols, rows, 1000);
    let ref = new Reference(cols, rows);
    const sent: string[] = [];
    for (let i = 0; i < 1500; i++) {
      if (i % 250 === 249) {
        // A resize: the reference is remade from the same bytes at the new size.
        cols = 30 + Math.floor(rnd() * 30);
        rows = 8 + Math.floor(rnd() * 8);
        term.resize(cols, rows);
        ref.term.dispose();
        ref = new Reference(cols, rows);
        sent.length = 0;
        // The terminal keeps its rewrapped screen; from here both start over from a cleared screen.
        const clear = '\x1bc';
        await write(term, clear);
        await ref.write(clear);
        expectSame(term, ref, `after resize ${i}`);
        continue;
      }
      const data = chunk(rnd);
      sent.push(data);
      await write(term, data);
      await ref.write(data);
      expectSame(term, ref, `write ${i}: ${JSON.stringify(data)}`);
      // Read twice: what is kept is what was read.
      if (i % 7 === 0) expectSame(term, ref, `again ${i}`);
    }
  });

  it.each(['2.1.197', '2.1.331'])('a real Claude Code %s session replayed chunk by chunk reads the same as xterm after every chunk', async (version) => {
    const { header, chunks } = readRecording('claude', version);
    const term = new HeadlessTerminal(header.cols, header.rows, 1000);
    const ref = new Reference(header.cols, header.rows);
    let n = 0;
    for (const c of chunks) {
      if (c.resize) {
        term.resize(c.resize[0], c.resize[1]);
        ref.term.resize(c.resize[0], c.resize[1]);
        continue;
      }
      await write(term, c.d!);
      await ref.write(c.d!);
      expectSame(term, ref, `chunk ${n++}`);
    }
    expect(n).toBeGreaterThan(10);
  });
});
