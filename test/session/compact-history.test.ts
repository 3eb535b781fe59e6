import xterm from '@xterm/headless';
import type { Terminal as XTerminal } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { BATCH, FULL_HISTORY, HeadlessTerminal, PIECE } from '../../src/session/terminal.js';
import { findInLine, styledLine } from '../../src/session/styled-row.js';

const { Terminal } = xterm;

/** What the history readers showed when xterm held every line: the reference to match. */
class Reference {
  readonly term: XTerminal;
  constructor(cols: number, rows: number, scrollback: number) {
    this.term = new Terminal({ cols, rows, scrollback, allowProposedApi: true, logLevel: 'off' });
  }
  write(data: string): Promise<void> {
    return new Promise((r) => this.term.write(data, r));
  }
  get historyLength(): number {
    return this.term.buffer.active.baseY;
  }
  styledHistory(back: number, highlight: string | null = null): string[] {
    const buf = this.term.buffer.active;
    const cell = buf.getNullCell();
    const top = Math.max(0, buf.baseY - back);
    const rows: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      const line = buf.getLine(top + y);
      rows.push(styledLine(line, this.term.cols, cell, -1, highlight ? findInLine(line, highlight, cell) : []));
    }
    return rows;
  }
  searchLines(query: string, from: number, dir: 'up' | 'down'): number | null {
    const buf = this.term.buffer.active;
    const q = query.toLowerCase();
    const step = dir === 'up' ? -1 : 1;
    for (let y = buf.baseY - from + step; y >= 0 && y < buf.length; y += step) {
      if (buf.getLine(y)?.translateToString(true).toLowerCase().includes(q)) return buf.baseY - y;
    }
    return null;
  }
  allText(): string[] {
    const buf = this.term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < buf.length; y++) out.push(buf.getLine(y)?.translateToString(true) ?? '');
    return out;
  }
}

const write = (t: HeadlessTerminal, data: string | Uint8Array) => new Promise<void>((r) => t.write(data, r));
/** xterm's own history lines (the full rows) of a HeadlessTerminal. */
const xtermHistory = (t: HeadlessTerminal) => (t as unknown as { term: XTerminal }).term.buffer.normal.baseY;

/** Line n: its number in one of 16 colours (some bold, some on a background), then text. */
function numbered(n: number): string {
  const fg = 30 + (n % 8) + (n % 16 >= 8 ? 60 : 0);
  const bold = n % 3 === 0 ? '1;' : '';
  const bg = n % 5 === 0 ? `;48;5;${n % 256}` : '';
  return `\x1b[${bold}${fg}${bg}mline ${String(n).padStart(6, '0')}\x1b[0m and some words after it`;
}

function chunks(data: string, sizes: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0, k = 0; i < data.length; k++) {
    const size = sizes[k % sizes.length]!;
    out.push(data.slice(i, i + size));
    i += size;
  }
  return out;
}

/** Every history view and search the reference has, compared. */
async function expectSameHistory(t: HeadlessTerminal, ref: Reference, queries: readonly string[], step: number): Promise<void> {
  expect(t.historyLength).toBe(ref.historyLength);
  expect(t.allText()).toEqual(ref.allText());
  for (let back = 0; back <= ref.historyLength + 2; back += step) expect(t.styledHistory(back), `back ${back}`).toEqual(ref.styledHistory(back));
  for (const q of queries) {
    for (const back of [0, 3, Math.floor(ref.historyLength / 2), ref.historyLength]) {
      expect(t.styledHistory(back, q), `"${q}" at ${back}`).toEqual(ref.styledHistory(back, q));
    }
    for (const from of [-t.rows, 0, 17, Math.floor(ref.historyLength / 3), ref.historyLength]) {
      expect(t.searchLines(q, from, 'up'), `"${q}" up from ${from}`).toBe(ref.searchLines(q, from, 'up'));
      expect(t.searchLines(q, from, 'down'), `"${q}" down from ${from}`).toBe(ref.searchLines(q, from, 'down'));
    }
  }
}

describe('history kept as styled text past the recent lines', () => {
  it('every numbered line is kept, in order, with its colours, whatever the size of the writes', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => numbered(i + 1));
    const data = `${lines.join('\r\n')}\r\n`;
    for (const sizes of [[1, 7, 13], [4095], [65_536, 100, 3], [data.length]]) {
      const t = new HeadlessTerminal(80, 24, 10_000);
      const ref = new Reference(80, 24, 10_000);
      for (const c of chunks(data, sizes)) void write(t, c);
      await write(t, '');
      await ref.write(data);
      // The last 10,000 lines before the screen: 30,000 lines written and the cursor on an empty last row.
      expect(t.historyLength).toBe(10_000);
      const text = t.allText();
      for (let i = 0; i < 10_000; i++) expect(text[i]).toBe(`line ${String(30_000 - 23 - 10_000 + i + 1).padStart(6, '0')} and some words after it`);
      // xterm itself keeps only the recent history as cells.
      expect(xtermHistory(t)).toBeLessThanOrEqual(FULL_HISTORY + PIECE + BATCH);
      await expectSameHistory(t, ref, ['line 012345', 'LINE 02999', 'words after', 'it ', 'nothing like this'], 24);
      expect(t.styledHistory(10_000)[0]).toBe('\x1b[92mline 019978 \x1b[0mand some words after it');
      expect(t.styledHistory(10_000 - 2)[0]).toBe('\x1b[1;94;104mline 019980 \x1b[0mand some words after it');
      t.dispose();
    }
  });

  it('wide characters, combining marks, long wrapped lines, trailing blanks and styled blanks show as before', async () => {
    const t = new HeadlessTerminal(40, 10, 2_000);
    const ref = new Reference(40, 10, 2_000);
    let data = '';
    for (let i = 0; i < 1_500; i++) {
      const kind = i % 6;
      if (kind === 0) data += `宽字符 ${i} 漢字かな🙂 end\r\n`;
      else if (kind === 1) data += `e\u0301te\u0301 ${i} cafe\u0301   \r\n`;
      else if (kind === 2) data += `${'wrap-'.repeat(20)}${i}\r\n`;
      else if (kind === 3) data += `\x1b[44m bg ${i} \x1b[K\x1b[0m\r\n`;
      else if (kind === 4) data += `\x1b[7minverse ${i}\x1b[27m \x1b[4;38;2;10;20;30mrgb\x1b[0m trailing   \r\n`;
      else data += `${'x'.repeat(39)}宽 ${i}\r\n`;
    }
    await write(t, data);
    await ref.write(data);
    expect(xtermHistory(t)).toBeLessThan(t.historyLength);
    await expectSameHistory(t, ref, ['宽', 'e\u0301', 'cafe\u0301 ', 'wrap-w', 'BG 1', 'inverse', 'rgb', 'trailing ', '  ', '🙂'], 1);
    t.dispose();
  });

  it('a write far larger than xterm’s margin, and repeats that make many lines of few bytes, lose nothing', async () => {
    const t = new HeadlessTerminal(20, 5, 20_000);
    const ref = new Reference(20, 5, 20_000);
    // `CSI 100 b` repeats the character before it: one a row (20 cells) times 5, ten bytes a line each.
    let data = '';
    for (let i = 0; i < 3_000; i++) data += `r${i % 10}\x1b[99b\r\n`;
    for (let i = 0; i < 12_000; i++) data += `n${i}\n\r`;
    // One line of 9,000 rows: more than xterm has room for.
    data += `${Array.from({ length: 20_000 }, (_, i) => `w${String(i).padStart(8, '0')}`).join('')}\r\nlast\r\n`;
    await write(t, data);
    await ref.write(data);
    await expectSameHistory(t, ref, ['n11999', 'r7', 'n1', 'w00019999', 'w0000'], 97);
    t.dispose();
  });

  it('clearing the scrollback (ED 3) and a full reset clear the kept history too; the alternate screen has none', async () => {
    const t = new HeadlessTerminal(30, 6, 5_000);
    const ref = new Reference(30, 6, 5_000);
    const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => `l${from + i}\r\n`).join('');
    for (const step of [
      lines(0, 2_000),
      '\x1b[?1049h',
      'alt\r\n',
      lines(5_000, 700),
      '\x1b[3J',
      '\x1b[?1049l',
      lines(10_000, 1_000),
      '\x1b[2J\x1b[3J',
      lines(20_000, 900),
      '\x1bc',
      lines(30_000, 1_200),
    ]) {
      await write(t, step);
      await ref.write(step);
      await expectSameHistory(t, ref, ['l1', 'l30500'], 50);
    }
    t.dispose();
  });

  it('a resize rewraps the kept history as xterm rewraps its own lines', async () => {
    const t = new HeadlessTerminal(60, 8, 3_000);
    const ref = new Reference(60, 8, 3_000);
    let data = '';
    for (let i = 0; i < 1_200; i++) {
      const kind = i % 5;
      if (kind === 0) data += `short ${i}\r\n`;
      else if (kind === 1) data += `\x1b[32m${'long-'.repeat(25)}\x1b[0m${i}\r\n`;
      else if (kind === 2) data += `${'y'.repeat(59)}宽字符 ${i} 漢字かな\r\n`;
      else if (kind === 3) data += `\x1b[1;44m styled ${i} \x1b[0m then plain words and more words ${i}\r\n`;
      else data += `${'w '.repeat(40)}${i}\r\n`;
    }
    await write(t, data);
    await ref.write(data);
    for (const [cols, rows] of [
      [41, 8],
      [97, 10],
      [23, 6],
      [60, 8],
    ] as const) {
      t.resize(cols, rows);
      ref.term.resize(cols, rows);
      await write(t, `after ${cols}\r\n`);
      await ref.write(`after ${cols}\r\n`);
      await expectSameHistory(t, ref, ['long-long', '宽字', 'styled 1', 'after', 'w w w 3'], 7);
    }
    t.dispose();
  });

  it('search over 10,000 kept lines takes well under 50 ms', async () => {
    const t = new HeadlessTerminal(120, 40, 10_000);
    const data = `${Array.from({ length: 12_000 }, (_, i) => numbered(i)).join('\r\n')}\r\n`;
    await write(t, data);
    const t0 = performance.now();
    const found = t.searchLines('no such line anywhere', -40, 'up');
    const slowest = performance.now() - t0;
    expect(found).toBeNull();
    const t1 = performance.now();
    expect(t.searchLines('line 001990', -40, 'up')).not.toBeNull();
    const styled = t.styledHistory(9_990, 'line');
    const view = performance.now() - t1;
    expect(styled.join('')).toContain('\x1b[');
    process.stdout.write(`search of 10,000 lines: ${slowest.toFixed(1)} ms; a match and its view: ${view.toFixed(1)} ms\n`);
    expect(slowest).toBeLessThan(50);
    t.dispose();
  });
});
