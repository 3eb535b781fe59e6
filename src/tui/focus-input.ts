import type { Key } from './keys.js';
import type { ScrollState } from './ui-state.js';

export const PAGE_UP = '\x1b[5~';

/** What one key does to the history view: a new view, or back to live (`null`), forwarding the key or not. */
export type ScrollResult = { scroll: ScrollState } | { live: true; forward: boolean };

/** The history view's size: a page to move by, the rows it shows, the lines of history above the screen. */
export interface ScrollView {
  page: number;
  rows: number;
  history: number;
}

/**
 * Finds the nearest line matching `query` beyond position `from`, going up (positions above it)
 * or down. Positions count lines above the live screen's top: 0 is the screen's first row, the
 * screen's other rows are negative.
 */
export type LineSearch = (query: string, from: number, dir: 'up' | 'down') => number | null;

/**
 * The history view's keys (pure): PgUp/PgDn and arrows move, '/' starts a search, enter runs it
 * (from the bottom of what the view shows upwards, then from the live screen's bottom), n / N find the next match
 * further up / down, esc or q back to live; any other key goes back to live and on to the agent.
 * The view moves only when the match is not already in it.
 */
export function scrollKey(s: ScrollState, key: Key, view: ScrollView, search: LineSearch): ScrollResult {
  const clamp = (back: number) => Math.max(0, Math.min(view.history, back));
  const at = (back: number, note: string | null = null): ScrollResult => ({ scroll: { ...s, back: clamp(back), note } });
  const show = (q: string, found: number | null, dir: 'up' | 'down', miss: string): ScrollResult => {
    if (found === null) return { scroll: { ...s, typing: null, query: q, note: `${miss}: ${q}` } };
    const inView = found <= s.back && found > s.back - view.rows;
    const back = inView ? s.back : clamp(dir === 'up' ? found : found + view.rows - 1);
    return { scroll: { ...s, typing: null, query: q, match: found, back, note: null } };
  };
  if (s.typing !== null) {
    if (key.name === 'enter') {
      const q = s.typing || s.query;
      if (!q) return { scroll: { ...s, typing: null } };
      // From the view's bottom up; then, wrapping, from the live screen's bottom.
      const found = search(q, s.back - view.rows, 'up') ?? search(q, -view.rows, 'up');
      return show(q, found, 'up', 'not found');
    }
    if (key.name === 'escape') return { scroll: { ...s, typing: null } };
    if (key.name === 'backspace') return { scroll: { ...s, typing: [...s.typing].slice(0, -1).join('') } };
    if (key.name === 'paste') return { scroll: { ...s, typing: s.typing + (key.text ?? '') } };
    if ([...key.name].length === 1) return { scroll: { ...s, typing: s.typing + key.name } };
    return { scroll: s };
  }
  switch (key.name) {
    case 'pageup':
      return at(s.back + view.page);
    case 'pagedown': {
      const back = s.back - view.page;
      return back <= 0 ? { live: true, forward: false } : at(back);
    }
    case 'up':
      return at(s.back + 1);
    case 'down':
      return s.back <= 1 ? { live: true, forward: false } : at(s.back - 1);
    case '/':
      return { scroll: { ...s, typing: '', note: null } };
    case 'n':
    case 'N': {
      if (!s.query) return at(s.back, 'no search yet: press /');
      const up = key.name === 'n';
      const from = s.match ?? (up ? s.back : s.back - view.rows + 1);
      return show(s.query, search(s.query, from, up ? 'up' : 'down'), up ? 'up' : 'down', up ? 'no match above' : 'no match below');
    }
    case 'escape':
    case 'q':
      return { live: true, forward: false };
    case 'mouse': {
      const m = parseMouse(key.seq);
      if (m?.button === WHEEL_UP) return at(s.back + 3);
      if (m?.button === WHEEL_DOWN) return s.back <= 3 ? { live: true, forward: false } : at(s.back - 3);
      return { scroll: s };
    }
    default:
      return { live: true, forward: true };
  }
}

/** An SGR mouse report (the outer terminal sends them while an agent is focused). */
const MOUSE = /\x1b\[<(\d+);(\d+);(\d+)([Mm])/;

export interface MouseEvent {
  button: number;
  x: number;
  y: number;
  release: boolean;
  seq: string;
}

export function parseMouse(seq: string): MouseEvent | null {
  const m = MOUSE.exec(seq);
  return m ? { button: Number(m[1]), x: Number(m[2]), y: Number(m[3]), release: m[4] === 'm', seq: m[0] } : null;
}

/** Wheel up and down in SGR mouse reports. */
export const WHEEL_UP = 64;
export const WHEEL_DOWN = 65;

export type FocusSpecial = { kind: 'detach' } | { kind: 'pageup' } | { kind: 'mouse'; event: MouseEvent };

/**
 * Splits focused input at the first thing agentmux takes (the detach key, PgUp, a mouse
 * report); the bytes before it go to the agent as they are.
 */
export function splitFocusInput(data: string, detachByte: string): { before: string; special: FocusSpecial | null; after: string } {
  const d = data.indexOf(detachByte);
  const p = data.indexOf(PAGE_UP);
  const m = MOUSE.exec(data);
  const candidates = [
    d >= 0 ? { at: d, len: 1, special: { kind: 'detach' } as FocusSpecial } : null,
    p >= 0 ? { at: p, len: PAGE_UP.length, special: { kind: 'pageup' } as FocusSpecial } : null,
    m ? { at: m.index, len: m[0].length, special: { kind: 'mouse', event: parseMouse(m[0])! } as FocusSpecial } : null,
  ].filter((c) => c !== null);
  if (!candidates.length) return { before: data, special: null, after: '' };
  const first = candidates.reduce((a, b) => (b.at < a.at ? b : a));
  return { before: data.slice(0, first.at), special: first.special, after: data.slice(first.at + first.len) };
}
