import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FRAME_BACKLOG_LIMIT, OuterOutput, REDRAW_BACKLOG } from '../../src/tui/outer-output.js';

/** A client's socket as OuterOutput sees it, whose backlog the test sets. */
class Link extends EventEmitter {
  writableLength = 0;
  readonly written: string[] = [];
  write(data: string): boolean {
    this.written.push(data);
    return true;
  }
}

function setup() {
  const link = new Link();
  let redraws = 0;
  const out = new OuterOutput(link, () => {
    redraws++;
    out.always('WHOLE');
  });
  return { link, out, redraws: () => redraws };
}

describe('OuterOutput', () => {
  it('drops frames while the backlog is over the limit, never what must arrive, and draws whole at drain', () => {
    const { link, out, redraws } = setup();
    out.frame('a');
    link.writableLength = FRAME_BACKLOG_LIMIT + 1;
    out.frame('b');
    out.always('ALERT');
    expect(link.written).toEqual(['a', 'ALERT']);
    link.writableLength = 0;
    link.emit('drain');
    expect(redraws()).toBe(1);
    expect(link.written.at(-1)).toBe('WHOLE');
    out.frame('c');
    expect(link.written.at(-1)).toBe('c');
  });

  it('a terminal that never quite catches up still gets a whole screen, not parts over a stale one', () => {
    const { link, out, redraws } = setup();
    link.writableLength = FRAME_BACKLOG_LIMIT + 1;
    out.frame('dropped');
    // Below the limit but still behind: no part of a frame goes out over the stale screen.
    link.writableLength = REDRAW_BACKLOG + 1;
    out.frame('part');
    expect(link.written).toEqual([]);
    // Low enough, though never empty (no 'drain'): the next frame is the whole screen.
    link.writableLength = REDRAW_BACKLOG;
    out.frame('next');
    expect(redraws()).toBe(1);
    expect(link.written).toEqual(['WHOLE']);
    // Drawn once: a later drain does not draw it again.
    link.emit('drain');
    expect(redraws()).toBe(1);
  });
});
