import { bindingFor, OTHER, type Binding } from './keymap.js';
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

/** What a history key works on: the view as it is, its size, and the search over its lines. */
export interface HistoryCtx {
  s: ScrollState;
  view: ScrollView;
  search: LineSearch;
}

const clamp = (c: HistoryCtx, back: number) => Math.max(0, Math.min(c.view.history, back));
const at = (c: HistoryCtx, back: number, note: string | null = null): ScrollResult => ({ scroll: { ...c.s, back: clamp(c, back), note } });
const LIVE: ScrollResult = { live: true, forward: false };

/** Shows a search's result: the view moves only when the match is not already in it. */
function show(c: HistoryCtx, q: string, found: number | null, dir: 'up' | 'down', miss: string): ScrollResult {
  const { s, view } = c;
  if (found === null) return { scroll: { ...s, typing: null, query: q, note: `${miss}: ${q}` } };
  const inView = found <= s.back && found > s.back - view.rows;
  const back = inView ? s.back : clamp(c, dir === 'up' ? found : found + view.rows - 1);
  return { scroll: { ...s, typing: null, query: q, match: found, back, note: null } };
}

function next(c: HistoryCtx, up: boolean): ScrollResult {
  const { s, view } = c;
  if (!s.query) return at(c, s.back, 'no search yet: press /');
  const from = s.match ?? (up ? s.back : s.back - view.rows + 1);
  return show(c, s.query, c.search(s.query, from, up ? 'up' : 'down'), up ? 'up' : 'down', up ? 'no match above' : 'no match below');
}

/** The history view's keys (pure): each gives the new view, or back to live (forwarding the key or not). */
export const HISTORY_KEYS: readonly Binding<HistoryCtx, ScrollResult>[] = [
  { keys: ['pageup'], help: 'a page up', short: 'scroll', shortKeys: ['pageup', 'pagedown', 'up', 'down'], run: (c) => at(c, c.s.back + c.view.page) },
  { keys: ['pagedown'], help: 'a page down (past the bottom: back to live)', run: (c) => (c.s.back - c.view.page <= 0 ? LIVE : at(c, c.s.back - c.view.page)) },
  { keys: ['up'], help: 'a line up', run: (c) => at(c, c.s.back + 1) },
  { keys: ['down'], help: 'a line down', run: (c) => (c.s.back <= 1 ? LIVE : at(c, c.s.back - 1)) },
  { keys: ['/'], help: 'search the history (enter finds, upwards)', short: 'search', run: (c) => ({ scroll: { ...c.s, typing: '', note: null } }) },
  { keys: ['n'], help: 'the next match further up', short: 'next match up/down', shortKeys: ['n', 'N'], run: (c) => next(c, true) },
  { keys: ['N'], help: 'the next match further down', run: (c) => next(c, false) },
  { keys: ['escape', 'q'], help: 'back to the live screen', short: 'back to live', shortKeys: ['escape'], run: () => LIVE },
  {
    keys: ['mouse'],
    help: 'the wheel scrolls three lines',
    run: (c, key) => {
      const m = parseMouse(key.seq);
      if (m?.button === WHEEL_UP) return at(c, c.s.back + 3);
      if (m?.button === WHEEL_DOWN) return c.s.back <= 3 ? LIVE : at(c, c.s.back - 3);
      return { scroll: c.s };
    },
  },
  { keys: [OTHER], help: 'back to live, and the key goes on to the agent', short: 'goes to the agent', run: () => ({ live: true, forward: true }) },
];

/** Typing a history search (pure). */
export const HISTORY_SEARCH_KEYS: readonly Binding<HistoryCtx, ScrollResult>[] = [
  {
    keys: ['enter'],
    help: 'find it: from the bottom of the view upwards, then from the live screen’s bottom',
    short: 'find',
    run: (c) => {
      const q = c.s.typing || c.s.query;
      if (!q) return { scroll: { ...c.s, typing: null } };
      const found = c.search(q, c.s.back - c.view.rows, 'up') ?? c.search(q, -c.view.rows, 'up');
      return show(c, q, found, 'up', 'not found');
    },
  },
  { keys: ['escape'], help: 'search nothing', short: 'cancel', run: (c) => ({ scroll: { ...c.s, typing: null } }) },
  { keys: ['backspace'], help: 'delete a character', run: (c) => ({ scroll: { ...c.s, typing: [...(c.s.typing ?? '')].slice(0, -1).join('') } }) },
  { keys: ['paste'], help: 'a paste is typed in', run: (c, key) => ({ scroll: { ...c.s, typing: (c.s.typing ?? '') + (key.text ?? '') } }) },
  { keys: [OTHER], help: 'typed into the search', run: (c, key) => ({ scroll: [...key.name].length === 1 ? { ...c.s, typing: (c.s.typing ?? '') + key.name } : c.s }) },
];

/**
 * One key in the history view (pure): PgUp/PgDn and arrows move, '/' starts a search, n / N find
 * the next match further up / down, esc or q back to live; any other key goes back to live and
 * on to the agent.
 */
export function scrollKey(s: ScrollState, key: Key, view: ScrollView, search: LineSearch): ScrollResult {
  const table = s.typing !== null ? HISTORY_SEARCH_KEYS : HISTORY_KEYS;
  return bindingFor(table, key.name)!.run({ s, view, search }, key);
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
