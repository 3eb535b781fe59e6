/**
 * Splits raw terminal input into keys. Ink's own parser does not split keys that arrive
 * together, and focus mode must pass the exact bytes through, so agentmux reads stdin itself.
 */
export interface Key {
  /** "q", "enter", "ctrl+c", "alt+x", "up", "shift+tab", "pageup", "f5", "paste", "mouse", "unknown". */
  name: string;
  /** The exact bytes that made this key (forwarded as-is in focus mode). */
  seq: string;
  /** The pasted text for "paste". */
  text?: string;
}

const CSI_TILDE: Record<string, string> = {
  '1': 'home',
  '2': 'insert',
  '3': 'delete',
  '4': 'end',
  '5': 'pageup',
  '6': 'pagedown',
  '7': 'home',
  '8': 'end',
  '11': 'f1',
  '12': 'f2',
  '13': 'f3',
  '14': 'f4',
  '15': 'f5',
  '17': 'f6',
  '18': 'f7',
  '19': 'f8',
  '20': 'f9',
  '21': 'f10',
  '23': 'f11',
  '24': 'f12',
};
const CSI_LETTER: Record<string, string> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  P: 'f1',
  Q: 'f2',
  R: 'f3',
  S: 'f4',
  Z: 'shift+tab',
};
const CONTROL: Record<number, string> = {
  0: 'ctrl+space',
  8: 'backspace',
  9: 'tab',
  10: 'enter',
  13: 'enter',
  27: 'escape',
  28: 'ctrl+\\',
  29: 'ctrl+]',
  30: 'ctrl+^',
  31: 'ctrl+_',
  127: 'backspace',
};

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

function modifierPrefix(param: string | undefined): string {
  const m = Number(param ?? '1') - 1;
  if (!(m > 0)) return '';
  return `${m & 4 ? 'ctrl+' : ''}${m & 2 ? 'alt+' : ''}${m & 1 ? 'shift+' : ''}`;
}

function controlName(code: number): string {
  return CONTROL[code] ?? (code >= 1 && code <= 26 ? `ctrl+${String.fromCharCode(96 + code)}` : 'unknown');
}

/** Decodes one key at the start of `s`; null when the sequence is incomplete. */
function decodeOne(s: string): Key | null {
  const c = s.charCodeAt(0);
  if (c !== 27) {
    const ch = String.fromCodePoint(s.codePointAt(0)!);
    return { name: c < 32 || c === 127 ? controlName(c) : ch, seq: ch };
  }
  if (s.length === 1) return null; // a lone ESC: wait a moment for the rest
  if (s.startsWith(PASTE_START)) {
    const end = s.indexOf(PASTE_END);
    if (end < 0) return null;
    const seq = s.slice(0, end + PASTE_END.length);
    return { name: 'paste', seq, text: s.slice(PASTE_START.length, end) };
  }
  const second = s[1]!;
  if (second === '[' || second === 'O') {
    // CSI / SS3: parameters and intermediates, then one final byte in @..~
    let i = 2;
    while (i < s.length && s.charCodeAt(i) >= 0x20 && s.charCodeAt(i) <= 0x3f) i++;
    if (i >= s.length) return null;
    const seq = s.slice(0, i + 1);
    const final = s[i]!;
    const params = s.slice(2, i);
    if (params.startsWith('<') && (final === 'M' || final === 'm')) return { name: 'mouse', seq };
    if (final === '~') {
      const [code, mod] = params.split(';');
      const base = CSI_TILDE[code ?? ''];
      return { name: base ? modifierPrefix(mod) + base : 'unknown', seq };
    }
    const base = CSI_LETTER[final];
    if (base) {
      const mod = params.split(';')[1];
      return { name: base === 'shift+tab' ? base : modifierPrefix(mod) + base, seq };
    }
    if (final === 'I') return { name: 'focus-in', seq };
    if (final === 'O') return { name: 'focus-out', seq };
    return { name: 'unknown', seq };
  }
  // ESC followed by a key: alt+key
  const inner = decodeOne(s.slice(1));
  if (!inner) return null;
  return { name: inner.name === 'escape' ? 'escape' : `alt+${inner.name}`, seq: `\x1b${inner.seq}` };
}

/** How long a lone ESC waits for the rest of an escape sequence before it is the escape key. */
export const ESC_WAIT_MS = 40;

/** Stateful decoder: feed chunks as they arrive; incomplete sequences wait for the next chunk. */
export class KeyDecoder {
  private pending = '';

  feed(chunk: string): Key[] {
    this.pending += chunk;
    const keys: Key[] = [];
    while (this.pending.length > 0) {
      const key = decodeOne(this.pending);
      if (!key) break;
      keys.push(key);
      this.pending = this.pending.slice(key.seq.length);
    }
    return keys;
  }

  /** True when bytes wait for the rest of a sequence (a lone ESC, say). */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Gives up waiting: a lone ESC is the escape key; an unfinished sequence is passed as it is. */
  flush(): Key[] {
    if (!this.pending) return [];
    const rest = this.pending;
    this.pending = '';
    if (rest === '\x1b') return [{ name: 'escape', seq: rest }];
    if (rest.startsWith('\x1b') && rest.length > 1 && rest[1] !== '[' && rest[1] !== 'O') {
      return [{ name: 'escape', seq: '\x1b' }, ...this.feed(rest.slice(1)), ...this.flush()];
    }
    return [{ name: 'unknown', seq: rest }];
  }
}
