import { describe, expect, it } from 'vitest';
import { HeadlessTerminal } from '../../src/session/terminal.js';

describe('the echo of typed keys is parsed at once, not on a timer behind other terminals', () => {
  it('after expectEcho the next write is applied before write returns; later writes wait as usual', async () => {
    const replies: string[] = [];
    const term = new HeadlessTerminal(40, 5, 100, { reply: (d) => replies.push(d) });
    let applied = false;
    term.write('before', () => (applied = true));
    expect(applied).toBe(false); // xterm's usual way: parsed on a timer
    await new Promise<void>((r) => term.write('', r));

    term.expectEcho();
    let echoed = false;
    term.write('x', () => (echoed = true));
    expect(echoed).toBe(true);
    expect(term.snapshot().lines[0]).toBe('beforex');

    let next = false;
    term.write('y', () => (next = true));
    expect(next).toBe(false);
    await new Promise<void>((r) => term.write('', r));
    expect(next).toBe(true);
    // The empty input that marks the echo is not sent to the program as a reply.
    expect(replies).toEqual([]);
    term.dispose();
  });
});
