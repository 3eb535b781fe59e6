import type { Key } from './keys.js';
import type { ScrollState } from './ui-state.js';

export const PAGE_UP = '\x1b[5~';

/** What one key does to the history view: a new view, or back to live (`null`), forwarding the key or not. */
export type ScrollResult = { scroll: ScrollState } | { live: true; forward: boolean };

/**
 * The history view's keys (pure): PgUp/PgDn and arrows move, '/' starts a search, enter runs it,
 * n / N find the next match further up / down, esc or q back to live; any other key goes back to
 * live and on to the agent.
 */
export function scrollKey(s: ScrollState, key: Key, page: number, history: number, search: (q: string, from: number) => number | null): ScrollResult {
  const at = (back: number, note: string | null = null): ScrollResult => ({ scroll: { ...s, back: Math.max(0, Math.min(history, back)), note } });
  if (s.typing !== null) {
    if (key.name === 'enter') {
      const q = s.typing;
      const found = q ? search(q, s.back) : null;
      return { scroll: { ...s, typing: null, query: q || s.query, back: found ?? s.back, note: found === null ? `not found: ${q}` : null } };
    }
    if (key.name === 'escape') return { scroll: { ...s, typing: null } };
    if (key.name === 'backspace') return { scroll: { ...s, typing: [...s.typing].slice(0, -1).join('') } };
    if (key.name === 'paste') return { scroll: { ...s, typing: s.typing + (key.text ?? '') } };
    if ([...key.name].length === 1) return { scroll: { ...s, typing: s.typing + key.name } };
    return { scroll: s };
  }
  switch (key.name) {
    case 'pageup':
      return at(s.back + page);
    case 'pagedown': {
      const back = s.back - page;
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
      const found = key.name === 'n' ? search(s.query, s.back) : null;
      if (key.name === 'N') {
        // Down: the match nearest below the view's top.
        let best: number | null = null;
        for (let from = 0; from < s.back; ) {
          const hit = search(s.query, from);
          if (hit === null || hit >= s.back) break;
          best = hit;
          from = hit;
        }
        return best === null ? at(s.back, `no match below: ${s.query}`) : at(best);
      }
      return found === null ? at(s.back, `no match above: ${s.query}`) : at(found);
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

