import { describe, expect, it } from 'vitest';
import { DEFAULT_LOOK } from '../../src/session/terminal-replies.js';
import { lookFromEnv, OuterLook } from '../../src/tui/outer-look.js';

describe('the outer terminal’s look, read from its replies in the input', () => {
  it('takes colour and cell replies out of the keys, even cut across chunks', () => {
    const o = new OuterLook({}, 0);
    expect(o.feed('a\x1b]11;rgb:1010/2020/3030\x1b\\b', 1)).toBe('ab');
    expect(o.feed('\x1b]10;rgb:c0c0/c0', 2)).toBe('');
    expect(o.feed('c0/c0c0\x07x\x1b[6;18;9t', 3)).toBe('x');
    expect(o.current).toEqual({ foreground: 'rgb:c0c0/c0c0/c0c0', background: 'rgb:1010/2020/3030', cell: { width: 9, height: 18 } });
  });

  it('leaves keys alone: a lone Esc, arrows, and everything once the replies’ time is over', () => {
    const o = new OuterLook({}, 0);
    expect(o.feed('\x1b', 1)).toBe('\x1b');
    expect(o.feed('\x1b[A\x1b[6~', 2)).toBe('\x1b[A\x1b[6~');
    expect(o.feed('\x1b]11;rgb:1/2/3\x07', 10_000)).toBe('\x1b]11;rgb:1/2/3\x07');
    expect(o.current).toEqual(DEFAULT_LOOK);
  });

  it('COLORFGBG with a white background gives a light look until the terminal says', () => {
    expect(lookFromEnv({ COLORFGBG: '0;15' }).background).toBe('rgb:ffff/ffff/ffff');
    expect(lookFromEnv({})).toEqual(DEFAULT_LOOK);
  });
});
