import xterm from '@xterm/headless';
import ansiEscapes from 'ansi-escapes';
import chalk from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDiff } from '../../src/tui/frame-diff.js';

chalk.level = 3;
const COLS = 40;
const ROWS = 8;

/** What Ink writes for a frame in its standard mode: the last frame's lines erased, then the new ones. */
function inkWrite(lines: string[], before: string[] | null): string {
  return (before ? ansiEscapes.eraseLines(before.length) : '') + lines.join('\n');
}

/** A terminal as the client's is: raw mode keeps the TTY's ONLCR, so a newline also returns the carriage. */
function terminal(): xterm.Terminal {
  return new xterm.Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true, convertEol: true });
}

const write = (t: xterm.Terminal, data: string) => new Promise<void>((r) => t.write(data, r));

/** Every cell of the screen: its character and its colours and attributes. */
function cells(t: xterm.Terminal): string {
  const b = t.buffer.active;
  const out: string[] = [];
  for (let y = 0; y < ROWS; y++) {
    const line = b.getLine(b.viewportY + y)!;
    for (let x = 0; x < COLS; x++) {
      const c = line.getCell(x)!;
      out.push(`${c.getChars() || ' '}:${c.getFgColorMode()}/${c.getFgColor()}/${c.getBgColorMode()}/${c.getBgColor()}/${c.isBold()}${c.isInverse()}${c.isUnderline()}`);
    }
  }
  return `${out.join(',')}@${b.cursorY}`;
}

const word = fc.constantFrom('agentmux', 'working', 'idle', 'approval', '│', '╭──╮', '中文', '1 build', ' ', '');
const styledWord = fc.tuple(word, fc.constantFrom(0, 1, 2, 3)).map(([w, s]) => [w, chalk.green(w), chalk.bold.inverse(w), chalk.bgBlue.white(w)][s]!);
const line = fc.array(styledWord, { maxLength: 4 }).map((ws) => ws.join(' '));
/** A dashboard-like sequence of frames: mostly the same height with a few lines changed, sometimes another height. */
const frames = fc.tuple(fc.array(line, { minLength: ROWS, maxLength: ROWS }), fc.array(fc.tuple(fc.nat(ROWS - 1), line, fc.nat(9)), { minLength: 1, maxLength: 12 })).map(([first, changes]) => {
  const out = [first];
  for (const [row, text, roll] of changes) {
    const last = [...out.at(-1)!];
    if (roll === 0) out.push(last.slice(0, Math.max(1, row)));
    else if (roll === 1) out.push([...last, text].slice(0, ROWS));
    else {
      last[Math.min(row, last.length - 1)] = text;
      out.push(last);
    }
  }
  return out;
});

describe('FrameDiff', () => {
  it("leaves the terminal's screen exactly as Ink's whole frames do, cell for cell, cursor row included", async () => {
    await fc.assert(
      fc.asyncProperty(frames, async (seq) => {
        const whole = terminal();
        const diffed = terminal();
        const diff = new FrameDiff();
        let before: string[] | null = null;
        for (const lines of seq) {
          const ink = inkWrite(lines, before);
          before = lines;
          await write(whole, ink);
          await write(diffed, diff.next(ink, ROWS).bytes);
          expect(cells(diffed)).toBe(cells(whole));
        }
        whole.dispose();
        diffed.dispose();
      }),
      { numRuns: 150 },
    );
  });

  it('writes only the lines that changed, and names their rows', () => {
    const diff = new FrameDiff();
    const a = ['agentmux · 4 agents', '1 build   working', '2 tests   idle', ''];
    expect(diff.next(inkWrite(a, null), 10)).toEqual({ bytes: inkWrite(a, null), rows: null });
    const b = [...a];
    b[2] = `2 tests   ${chalk.yellow('approval')}`;
    const u = diff.next(inkWrite(b, a), 10);
    expect(u.rows).toEqual([2]);
    expect(u.bytes).toBe(`\x1b[3;1H${b[2]}\x1b[K\x1b[4;1H`);
    // The same frame again: nothing to write.
    expect(diff.next(inkWrite(b, b), 10)).toEqual({ bytes: '', rows: [] });
  });

  it('passes a write through whole, and forgets the screen, when it is not a plain frame of the same height', () => {
    const diff = new FrameDiff();
    const a = ['one', 'two'];
    diff.next(inkWrite(a, null), 10);
    // Another height.
    const taller = ['one', 'two', 'three'];
    expect(diff.next(inkWrite(taller, a), 10).rows).toBeNull();
    // Taller than the terminal (it scrolls: rows are no longer lines).
    const tall = Array.from({ length: 12 }, (_, i) => `line ${i}`);
    expect(diff.next(inkWrite(tall, taller), 10).rows).toBeNull();
    expect(diff.next(inkWrite(tall, tall), 10).rows).toBeNull();
    // A cursor movement or a clear inside the frame.
    const moved = ['one', '\x1b[5;1Htwo'];
    diff.next(inkWrite(a, null), 10);
    expect(diff.next(inkWrite(moved, a), 10)).toEqual({ bytes: inkWrite(moved, a), rows: null });
    // Not a frame at all (no erase before it, and not the first).
    diff.next(inkWrite(a, null), 10);
    expect(diff.next('two', 10).rows).toBeNull();
    // After a reset (a resize), a frame goes whole.
    diff.next(inkWrite(a, null), 10);
    diff.reset();
    expect(diff.next(inkWrite(a, a), 10).rows).toBeNull();
  });

  it('lets mode changes through without forgetting the screen', () => {
    const diff = new FrameDiff();
    const a = ['one', 'two'];
    diff.next(inkWrite(a, null), 10);
    expect(diff.next('\x1b[?25l', 10)).toEqual({ bytes: '\x1b[?25l', rows: [] });
    expect(diff.next(inkWrite(['one', 'TWO'], a), 10).rows).toEqual([1]);
  });

  it('keeps colours and links as frame content', () => {
    const diff = new FrameDiff();
    const a = ['one', 'two'];
    diff.next(inkWrite(a, null), 10);
    const linked = ['one', `${chalk.hex('#ff8800')('two')} \x1b]8;;https://example.com\x07site\x1b]8;;\x07`];
    expect(diff.next(inkWrite(linked, a), 10).rows).toEqual([1]);
  });
});
