import { describe, expect, it } from 'vitest';
import { scrollKey, splitFocusInput } from '../../src/tui/focus-input.js';
import type { ScrollState } from '../../src/tui/ui-state.js';

const view = (back: number, extra: Partial<ScrollState> = {}): ScrollState => ({ back, typing: null, query: null, note: null, ...extra });
const key = (name: string) => ({ name, seq: name });
const key2 = (name: string, seq: string) => ({ name, seq });
// A history where "needle" is at positions 30 and 80, and on the live screen's second row (-1).
const HITS = [-1, 30, 80];
const search = (_q: string, from: number, dir: 'up' | 'down') => (dir === 'up' ? HITS.find((p) => p > from) : [...HITS].reverse().find((p) => p < from)) ?? null;
const V = { page: 20, rows: 20, history: 100 };

describe('focus input', () => {
  it('sends everything before the detach key or PgUp to the agent, and says which came', () => {
    expect(splitFocusInput('abc', '\x1d')).toEqual({ before: 'abc', special: null, after: '' });
    expect(splitFocusInput('ab\x1dcd', '\x1d')).toMatchObject({ before: 'ab', after: 'cd' });
    expect(splitFocusInput('x\x1b[5~y\x1d', '\x1d')).toEqual({ before: 'x', special: { kind: 'pageup' }, after: 'y\x1d' });
    expect(splitFocusInput('ab\x1dcd', '\x1d').special).toEqual({ kind: 'detach' });
    expect(splitFocusInput('k\x1b[<64;10;5Mz', '\x1d')).toEqual({ before: 'k', special: { kind: 'mouse', event: { button: 64, x: 10, y: 5, release: false, seq: '\x1b[<64;10;5M' } }, after: 'z' });
  });

  it('scrolls by pages and lines within the history, and back to live at the bottom', () => {
    expect(scrollKey(view(0), key('pageup'), V, search)).toEqual({ scroll: view(20) });
    expect(scrollKey(view(90), key('pageup'), V, search)).toEqual({ scroll: view(100) });
    expect(scrollKey(view(10), key('pagedown'), V, search)).toEqual({ live: true, forward: false });
    expect(scrollKey(view(5), key('up'), V, search)).toEqual({ scroll: view(6) });
  });

  it('searches with / and enter from the bottom of the view up, then n goes further up and N back down', () => {
    let r = scrollKey(view(40), key('/'), V, search);
    expect(r).toEqual({ scroll: view(40, { typing: '' }) });
    for (const ch of 'needle') r = scrollKey((r as { scroll: ScrollState }).scroll, key(ch), V, search);
    r = scrollKey((r as { scroll: ScrollState }).scroll, key('enter'), V, search);
    // 30 is in the view (40 down to 21): it does not move, the match is marked.
    expect(r).toEqual({ scroll: view(40, { query: 'needle', match: 30 }) });
    r = scrollKey((r as { scroll: ScrollState }).scroll, key('n'), V, search);
    expect(r).toEqual({ scroll: view(80, { query: 'needle', match: 80 }) });
    r = scrollKey((r as { scroll: ScrollState }).scroll, key('N'), V, search);
    // Down: the match shows at the view's bottom.
    expect(r).toEqual({ scroll: view(49, { query: 'needle', match: 30 }) });
    r = scrollKey((r as { scroll: ScrollState }).scroll, key('N'), V, search);
    expect(r).toEqual({ scroll: view(18, { query: 'needle', match: -1 }) });
    expect(scrollKey(view(80, { query: 'needle', match: 80 }), key('n'), V, search)).toEqual({ scroll: view(80, { query: 'needle', match: 80, note: 'no match above: needle' }) });
  });

  it('finds text on the live screen too (issue 12.9)', () => {
    let r: ReturnType<typeof scrollKey> = { scroll: view(0, { typing: 'needle' }) };
    r = scrollKey((r as { scroll: ScrollState }).scroll, key('enter'), V, search);
    expect(r).toEqual({ scroll: view(0, { query: 'needle', match: -1 }) });
    r = scrollKey(view(0, { typing: 'nothing' }), key('enter'), V, () => null);
    expect(r).toEqual({ scroll: view(0, { query: 'nothing', note: 'not found: nothing' }) });
  });

  it('the mouse wheel scrolls three lines at a time', () => {
    expect(scrollKey(view(10), key2('mouse', '\x1b[<64;1;1M'), V, search)).toEqual({ scroll: view(13) });
    expect(scrollKey(view(10), key2('mouse', '\x1b[<65;1;1M'), V, search)).toEqual({ scroll: view(7) });
    expect(scrollKey(view(2), key2('mouse', '\x1b[<65;1;1M'), V, search)).toEqual({ live: true, forward: false });
  });

  it('esc and q return to live; any other key returns and goes on to the agent', () => {
    expect(scrollKey(view(10), key('escape'), V, search)).toEqual({ live: true, forward: false });
    expect(scrollKey(view(10), key('x'), V, search)).toEqual({ live: true, forward: true });
  });
});
