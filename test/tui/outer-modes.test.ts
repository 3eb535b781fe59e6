import { describe, expect, it } from 'vitest';
import type { InputModes } from '../../src/session/terminal.js';
import { OUTER_FOCUS_RESET, outerModeChanges, outerModes } from '../../src/tui/outer-modes.js';

const plain: InputModes = { bracketedPaste: false, applicationCursorKeys: false, applicationKeypad: false, mouse: 'none', focusEvents: false };

describe('the outer terminal’s modes for a focused agent', () => {
  it('always reports the mouse (the wheel scrolls history), at the agent’s level when it asks for more', () => {
    expect(outerModes(plain)).toBe('\x1b[?2004l\x1b[?1l\x1b>\x1b[?1000h\x1b[?1006h\x1b[?1004l');
    expect(outerModes({ ...plain, mouse: 'any', focusEvents: true })).toContain('\x1b[?1003h');
    expect(outerModes({ ...plain, mouse: 'any', focusEvents: true })).toContain('\x1b[?1004h');
  });

  it('writes only what changed, each mode switched off before its successor is on', () => {
    expect(outerModeChanges(plain, plain)).toBe('');
    expect(outerModeChanges(plain, { ...plain, bracketedPaste: true })).toBe('\x1b[?2004h');
    expect(outerModeChanges(plain, { ...plain, focusEvents: true, applicationKeypad: true })).toBe('\x1b=\x1b[?1004h');
    expect(outerModeChanges({ ...plain, mouse: 'any' }, { ...plain, mouse: 'drag' })).toBe('\x1b[?1003l\x1b[?1002h');
    // vt200 and none are the same to the outer terminal: presses are reported either way.
    expect(outerModeChanges(plain, { ...plain, mouse: 'vt200' })).toBe('');
  });

  it('the reset turns off everything focus can turn on', () => {
    for (const seq of ['\x1b[?2004l', '\x1b[?1l', '\x1b>', '\x1b[?1000l', '\x1b[?1002l', '\x1b[?1003l', '\x1b[?1006l', '\x1b[?1004l']) expect(OUTER_FOCUS_RESET).toContain(seq);
  });
});
