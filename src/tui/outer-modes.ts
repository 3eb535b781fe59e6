import type { InputModes } from '../session/terminal.js';

/**
 * The outer terminal's input modes while an agent is focused: the keys, pastes, mouse and
 * focus reports it sends reach the agent as its program asked for them. The mouse is always
 * reported (SGR), at least presses, so the wheel can scroll the agent's history. Pure.
 */
const MOUSE_MODE: Record<InputModes['mouse'], number> = { none: 1000, x10: 1000, vt200: 1000, drag: 1002, any: 1003 };

const set = (mode: number, on: boolean) => `\x1b[?${mode}${on ? 'h' : 'l'}`;

/** Every mode, written out: for the moment an agent is focused. */
export function outerModes(m: InputModes): string {
  return `${set(2004, m.bracketedPaste)}${set(1, m.applicationCursorKeys)}${m.applicationKeypad ? '\x1b=' : '\x1b>'}${set(MOUSE_MODE[m.mouse], true)}${set(1006, true)}${set(1004, m.focusEvents)}`;
}

/** Only what changed between two sets of modes: for an agent that changes them while focused. */
export function outerModeChanges(prev: InputModes, next: InputModes): string {
  let out = '';
  if (prev.bracketedPaste !== next.bracketedPaste) out += set(2004, next.bracketedPaste);
  if (prev.applicationCursorKeys !== next.applicationCursorKeys) out += set(1, next.applicationCursorKeys);
  if (prev.applicationKeypad !== next.applicationKeypad) out += next.applicationKeypad ? '\x1b=' : '\x1b>';
  if (MOUSE_MODE[prev.mouse] !== MOUSE_MODE[next.mouse]) out += `${set(MOUSE_MODE[prev.mouse], false)}${set(MOUSE_MODE[next.mouse], true)}`;
  if (prev.focusEvents !== next.focusEvents) out += set(1004, next.focusEvents);
  return out;
}

/** Back to the dashboard: every mode focus may have turned on, off. */
export const OUTER_FOCUS_RESET = '\x1b[?2004l\x1b[?1l\x1b>\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?1006l\x1b[?1004l';
