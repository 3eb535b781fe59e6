import { describe, expect, it } from 'vitest';
import { KeyDecoder } from '../../src/tui/keys.js';

const names = (d: KeyDecoder, s: string) => d.feed(s).map((k) => k.name);

describe('KeyDecoder', () => {
  it('splits keys that arrive together', () => {
    expect(names(new KeyDecoder(), 'qj\x1b[A\r\x03\x1d')).toEqual(['q', 'j', 'up', 'enter', 'ctrl+c', 'ctrl+]']);
  });

  it('waits for the rest of a sequence split across chunks', () => {
    const d = new KeyDecoder();
    expect(names(d, '\x1b[')).toEqual([]);
    expect(d.hasPending).toBe(true);
    expect(names(d, '5~x')).toEqual(['pageup', 'x']);
  });

  it('treats a lone ESC as escape once flushed, and ESC+key as alt', () => {
    const d = new KeyDecoder();
    expect(names(d, '\x1b')).toEqual([]);
    expect(d.flush().map((k) => k.name)).toEqual(['escape']);
    expect(names(d, '\x1bx')).toEqual(['alt+x']);
  });

  it('knows modifiers, shift+tab, function keys and paste, and keeps the exact bytes', () => {
    const d = new KeyDecoder();
    const keys = d.feed('\x1b[1;5C\x1b[Z\x1b[15~\x1bOP\x1b[200~hi\x1b[A\x1b[201~é');
    expect(keys.map((k) => k.name)).toEqual(['ctrl+right', 'shift+tab', 'f5', 'f1', 'paste', 'é']);
    expect(keys[4]!.text).toBe('hi\x1b[A');
    expect(keys.map((k) => k.seq).join('')).toBe('\x1b[1;5C\x1b[Z\x1b[15~\x1bOP\x1b[200~hi\x1b[A\x1b[201~é');
  });
});
