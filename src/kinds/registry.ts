import { AGENT_KINDS, type AgentKind } from '../model/kinds.js';
import type { StabilizerOptions } from '../detect/stabilizer.js';
import { aider } from './aider.js';
import { claude } from './claude.js';
import { codex } from './codex.js';
import { gemini } from './gemini.js';
import type { Profile } from './profile.js';
import { shell } from './shell.js';

/** Every kind's profile: a new kind is its file and one line here (and its name in AGENT_KINDS). */
export const PROFILES: Readonly<Record<AgentKind, Profile>> = { claude, codex, gemini, aider, shell };

/**
 * Infers the kind of an agent from its argv: the basename of the program, or of the
 * script it runs when the program is an interpreter (`node …/claude`, `npx @openai/codex`).
 */
export function inferKind(argv: readonly string[]): AgentKind {
  for (const word of argv.slice(0, 3)) {
    const base = (word.split(/[\\/]/).pop() ?? '').toLowerCase().replace(/\.(c?js|mjs|exe|cmd)$/, '');
    const kind = AGENT_KINDS.find((k) => PROFILES[k].recognises(word, base));
    if (kind) return kind;
  }
  return 'shell';
}

/** The stabilizer's options for a kind: the config's, with the kind's quiet-idle time. */
export function stabilizerOptions(kind: AgentKind, base: Omit<StabilizerOptions, 'quietIdleMs'>): StabilizerOptions {
  const quiet = PROFILES[kind].quietIdleMs;
  return { ...base, ...(quiet !== undefined ? { quietIdleMs: quiet } : {}) };
}
