import { describe, expect, it } from 'vitest';
import { HeadlessTerminal } from '../../src/session/terminal.js';

describe('a write is parsed when the parse queue hands it over, not on a timer of its own', () => {
  it('is applied before write returns, in order, and what asks for that is no reply to the program', () => {
    const replies: string[] = [];
    const term = new HeadlessTerminal(40, 5, 100, { reply: (d) => replies.push(d) });
    const applied: string[] = [];
    term.write('before', () => applied.push('before'));
    expect(applied).toEqual(['before']);
    term.write('x', () => applied.push('x'));
    term.write('', () => applied.push('(empty)'));
    expect(applied).toEqual(['before', 'x', '(empty)']);
    expect(term.snapshot().lines[0]).toBe('beforex');
    // A query's answer is a reply; the empty input that marks each write at once is not.
    term.write('\x1b[6n');
    expect(replies).toEqual(['\x1b[1;8R']);
    term.dispose();
  });
});
