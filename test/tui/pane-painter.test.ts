import { describe, expect, it } from 'vitest';
import { HeadlessTerminal } from '../../src/session/terminal.js';
import { PanePainter, type Placement } from '../../src/tui/pane-painter.js';

/** Writes and waits until the terminal has parsed it. */
const feed = (t: HeadlessTerminal, data: string) => new Promise<void>((r) => t.write(data, r));

describe('the pane painter, checked on a real terminal emulator', () => {
  it('paints an agent screen into its pane, then only the rows that change, and leaves the rest alone', async () => {
    // The outer terminal (what the user sees) with a frame drawn around a 10x3 pane at (2, 2).
    const outer = new HeadlessTerminal(30, 8, 0);
    const frame = ['#'.repeat(14), ...Array(4).fill(`#${' '.repeat(12)}#`), '#'.repeat(14)].map((l, i) => `\x1b[${i + 1};1H${l}`).join('');
    await feed(outer, `${frame}\x1b[8;1Hcursor-here`);
    // The agent's terminal, and the painter between them.
    const agent = new HeadlessTerminal(10, 3, 100);
    await feed(agent, '\x1b[31mred\x1b[0m line\r\n中文 wide\r\nthird');
    const writes: string[] = [];
    const painter = new PanePainter(
      (d) => writes.push(d),
      () => agent,
    );
    const place: Placement = { agent: 'a', x: 2, y: 1, cols: 10, rows: 3, clipY: 100, back: 0 };
    painter.setPlacements([place]);
    painter.paint(null);
    await feed(outer, writes.join(''));
    let lines = outer.snapshot().lines;
    expect(lines.slice(0, 6)).toEqual(['##############', '# red line   #', '# 中文 wide  #', '# third      #', `#${' '.repeat(12)}#`, '##############']);
    expect(outer.cellAt(2, 1)?.getFgColor()).toBe(1); // red, as the agent printed it
    expect(outer.cellAt(7, 3)?.isInverse()).toBeTruthy(); // the agent's cursor, after "third"
    expect(outer.snapshot().cursor).toMatchObject({ x: 11, y: 7 }); // restored after painting

    // One row changes (and the cursor leaves the third): only those rows are sent.
    writes.length = 0;
    await feed(agent, '\x1b[2;1H\x1b[2Kchanged');
    painter.paint(new Set(['a']));
    expect(writes).toHaveLength(1);
    expect(writes[0]!.match(/\x1b\[\d+;\d+H/g)).toEqual(['\x1b[3;3H', '\x1b[4;3H']);
    await feed(outer, writes[0]!);
    lines = outer.snapshot().lines;
    expect(lines[2]).toBe('# changed    #');
    expect(lines[1]).toBe('# red line   #');

    // Nothing changed: nothing is sent. Another agent's change is not this pane's business.
    writes.length = 0;
    painter.paint(new Set(['a', 'b']));
    expect(writes).toEqual([]);
  });

  it('a cursor in the pending-wrap position stays inside the pane: the border is never erased (issue 14.6)', async () => {
    const outer = new HeadlessTerminal(20, 6, 0);
    const frame = ['#'.repeat(12), ...Array(3).fill(`#${' '.repeat(10)}#`), '#'.repeat(12)].map((l, i) => `\x1b[${i + 1};1H${l}`).join('');
    await feed(outer, frame);
    const agent = new HeadlessTerminal(10, 3, 100);
    await feed(agent, 'x\r\n0123456789'); // a full row: the cursor waits past the last column
    const writes: string[] = [];
    const painter = new PanePainter(
      (d) => writes.push(d),
      () => agent,
    );
    painter.setPlacements([{ agent: 'a', x: 1, y: 1, cols: 10, rows: 3, clipY: 100, back: 0 }]);
    painter.paint(null);
    await feed(outer, writes.join(''));
    const lines = outer.snapshot().lines;
    expect(lines[2]).toBe('#0123456789#');
    expect(outer.cellAt(11, 2)?.getChars()).toBe('#');
    expect(outer.cellAt(11, 2)?.isInverse()).toBeFalsy();
    expect(outer.cellAt(10, 2)?.isInverse()).toBeTruthy(); // drawn on the last cell instead
  });

  it('clips at the approval bar, repaints what each Ink frame rewrote, paints nothing once stopped', async () => {
    const agent = new HeadlessTerminal(8, 3, 100);
    await feed(agent, 'one\r\ntwo\r\nthree');
    const writes: string[] = [];
    const painter = new PanePainter(
      (d) => writes.push(d),
      () => agent,
    );
    painter.setPlacements([{ agent: 'a', x: 0, y: 0, cols: 8, rows: 3, clipY: 2, back: 0 }]);
    await Promise.resolve();
    expect(writes.join('')).toContain('two');
    expect(writes.join('')).not.toContain('three'); // row 2 is under the bar
    // Every frame Ink writes carries a repaint of every pane, unchanged rows included.
    writes.length = 0;
    for (let i = 0; i < 2; i++) {
      const frame = painter.afterFrame();
      expect(frame).toContain('one');
      expect(frame).toContain('two');
    }
    // A frame that rewrote some screen rows only (the rest of the screen as it was): the pane's
    // rows on those rows, and nothing else; a frame that rewrote no row, nothing.
    const partial = painter.afterFrame([1, 5]);
    expect(partial.match(/\x1b\[\d+;\d+H/g)).toEqual(['\x1b[2;1H']);
    expect(partial).toContain('two');
    expect(partial).not.toContain('one');
    expect(painter.afterFrame([])).toBe('');
    // New placements twice in one turn: one repaint, in the new place.
    painter.setPlacements([{ agent: 'a', x: 5, y: 0, cols: 8, rows: 3, clipY: 3, back: 0 }]);
    painter.setPlacements([{ agent: 'a', x: 6, y: 0, cols: 8, rows: 3, clipY: 3, back: 0 }]);
    await Promise.resolve();
    expect(writes).toHaveLength(1);
    expect(writes[0]).toContain('\x1b[1;7H');
    expect(writes[0]).toContain('three');
    painter.stop();
    expect(painter.afterFrame()).toBe('');
    painter.paint(null);
    expect(writes).toHaveLength(1);
  });
});
