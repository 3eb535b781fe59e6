import { describe, expect, it } from 'vitest';
import { scrollKey, splitFocusInput } from '../../src/tui/focus-input.js';
import type { ScrollState } from '../../src/tui/ui-state.js';

const view = (back: number, extra: Partial<ScrollState> = {}): ScrollState => ({ back, typing: null, query: null, note: null, ...extra });
const key = (name: string) => ({ name, seq: name });
const key2 = (name: string, seq: string) => ({ name, seq });
// A history where "needle" is at scroll positions 30 and 80.
const search = (_q: string, from: number) => [30, 80].find((p) => p > from) ?? null;

describe('focus input', () => {
  it('sends everything before the detach key or PgUp to the agent, and says which came', () => {
    expect(splitFocusInput('abc', '\x1d')).toEqual({ before: 'abc', special: null, after: '' });
    expect(splitFocusInput('ab\x1dcd', '\x1d')).toMatchObject({ before: 'ab', after: 'cd' });
    expect(splitFocusInput('x\x1b[5~y\x1d', '\x1d')).toEqual({ before: 'x', special: { kind: 'pageup' }, after: 'y\x1d' });
    expect(splitFocusInput('ab\x1dcd', '\x1d').special).toEqual({ kind: 'detach' });
    expect(splitFocusInput('k\x1b[<64;10;5Mz', '\x1d')).toEqual({ before: 'k', special: { kind: 'mouse', event: { button: 64, x: 10, y: 5, release: false, seq: '\x1b[<64;10;5M' } }, after: 'z' });
  });

  it('scrolls by pages and lines within the history, and back to live at the bottom', () => {
    expect(scrollKey(view(0), key('pageup'), 20, 100, search)).toEqual({ scroll: view(20) });
    expect(scrollKey(view(90), key('pageup'), 20, 100, search)).toEqual({ scroll: view(100) });
    expect(scrollKey(view(10), key('pagedown'), 20, 100, search)).toEqual({ live: true, forward: false });
    expect(scrollKey(view(5), key('up'), 20, 100, search)).toEqual({ scroll: view(6) });
  });

  it('searches with / and enter, then n goes further up and N back down', () => {
    let r = scrollKey(view(10), key('/'), 20, 100, search);
    expect(r).toEqual({ scroll: view(10, { typing: '' }) });
    for (const ch of 'needle') r = scrollKey((r as { scroll: ScrollState }).scroll, key(ch), 20, 100, search);
    r = scrollKey((r as { scroll: ScrollState }).scroll, key('enter'), 20, 100, search);
    expect(r).toEqual({ scroll: view(30, { query: 'needle' }) });
    r = scrollKey((r as { scroll: ScrollState }).scroll, key('n'), 20, 100, search);
    expect(r).toEqual({ scroll: view(80, { query: 'needle' }) });
    r = scrollKey((r as { scroll: ScrollState }).scroll, key('N'), 20, 100, search);
    expect(r).toEqual({ scroll: view(30, { query: 'needle' }) });
    expect(scrollKey(view(80, { query: 'needle' }), key('n'), 20, 100, search)).toEqual({ scroll: view(80, { query: 'needle', note: 'no match above: needle' }) });
  });

  it('the mouse wheel scrolls three lines at a time', () => {
    expect(scrollKey(view(10), key2('mouse', '\x1b[<64;1;1M'), 20, 100, search)).toEqual({ scroll: view(13) });
    expect(scrollKey(view(10), key2('mouse', '\x1b[<65;1;1M'), 20, 100, search)).toEqual({ scroll: view(7) });
    expect(scrollKey(view(2), key2('mouse', '\x1b[<65;1;1M'), 20, 100, search)).toEqual({ live: true, forward: false });
  });

  it('esc and q return to live; any other key returns and goes on to the agent', () => {
    expect(scrollKey(view(10), key('escape'), 20, 100, search)).toEqual({ live: true, forward: false });
    expect(scrollKey(view(10), key('x'), 20, 100, search)).toEqual({ live: true, forward: true });
  });
});
