import { quote } from './quote.js';

/** The byte a terminal sends for ctrl+<key> ("ctrl+]" -> 0x1d): the detach key must be one byte. */
export function controlByte(name: string): string {
  const m = /^ctrl\+(.)$/i.exec(name.trim());
  if (!m) throw new Error(`not a ctrl+<key> combination: ${quote(name, 20)}`);
  const code = m[1]!.toUpperCase().charCodeAt(0);
  if (code < 0x40 || code > 0x5f) throw new Error(`ctrl+${m[1]} sends no control byte`);
  return String.fromCharCode(code & 0x1f);
}

/**
 * Keys Claude Code and shells use: agentmux never takes them for itself. Every ctrl+letter is
 * taken (readline's ctrl+a/e/k/u/w, ctrl+l, ctrl+o, ctrl+t, flow control, Claude Code's ctrl+b/r),
 * and so are esc, tab, enter and backspace.
 */
export const RESERVED = [...'abcdefghijklmnopqrstuvwxyz'].map((c) => `ctrl+${c}`).concat(['ctrl+[', 'ctrl+?']);

/** Why a detach key cannot be used, or null when it can. */
export function detachKeyProblem(name: string): string | null {
  try {
    controlByte(name);
  } catch (err) {
    return `must be ctrl+<key> that sends one control byte, such as "ctrl+]" or "ctrl+\\" (${(err as Error).message})`;
  }
  const key = name.trim().toLowerCase();
  return RESERVED.includes(key) ? `${key} is used by the agents (Claude Code, shells): pick another, such as "ctrl+]"` : null;
}
