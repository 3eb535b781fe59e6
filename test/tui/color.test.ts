import { describe, expect, it } from 'vitest';
import { colorLevel } from '../../src/tui/color.js';
import { STATE_COLORS } from '../../src/tui/format.js';

describe('colour from the terminal, not from CI (issue 12.7)', () => {
  it('keeps colour with any CI variable, even CI=0 or CI=true, on a colour terminal', () => {
    expect(colorLevel({ TERM: 'xterm-256color', CI: '0' }, true)).toBe(2);
    expect(colorLevel({ TERM: 'screen', CI: 'true' }, true)).toBe(1);
    expect(colorLevel({ TERM: 'xterm', COLORTERM: 'truecolor', CI: '1' }, true)).toBe(3);
  });

  it('honours NO_COLOR, a dumb terminal and a pipe', () => {
    expect(colorLevel({ TERM: 'xterm-256color', NO_COLOR: '1' }, true)).toBe(0);
    expect(colorLevel({ TERM: 'dumb' }, true)).toBe(0);
    expect(colorLevel({ TERM: 'xterm-256color' }, false)).toBe(0);
    expect(colorLevel({ TERM: 'xterm', FORCE_COLOR: '0' }, true)).toBe(0);
  });

  it('never draws a state in dark blue, which does not read on black', () => {
    expect(Object.values(STATE_COLORS)).not.toContain('blue');
  });
});
