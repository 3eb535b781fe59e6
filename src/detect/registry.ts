import type { AgentKind } from '../model/kinds.js';
import { detectAider } from './aider-screen.js';
import { detectClaude } from './claude.js';
import { detectCodex } from './codex-screen.js';
import { detectGemini } from './gemini-screen.js';
import { detectShell } from './shell.js';
import type { StabilizerOptions } from './stabilizer.js';
import type { Detector } from '../model/screen.js';

export interface DetectionPolicy {
  detect: Detector;
  /** Kind-specific time rules (the rest comes from the config). */
  quietIdleMs?: number;
}

/**
 * Quiet time after which an agent whose only sign of work is output counts as idle, at the
 * least (the stabilizer lengthens it to the agent's own rhythm): aider streams its answers
 * without pause; a shell command may print every second or two.
 */
const AIDER_QUIET_IDLE_MS = 2000;
const SHELL_QUIET_IDLE_MS = 3000;

/** The detector of each agent kind: each reads its own agent's screen, and only that. */
export function detectionFor(kind: AgentKind): DetectionPolicy {
  switch (kind) {
    case 'claude':
      return { detect: detectClaude };
    case 'codex':
      return { detect: detectCodex };
    case 'gemini':
      return { detect: detectGemini };
    case 'aider':
      // aider shows no spinner while it streams: its output is its work.
      return { detect: detectAider, quietIdleMs: AIDER_QUIET_IDLE_MS };
    case 'shell':
      return { detect: detectShell, quietIdleMs: SHELL_QUIET_IDLE_MS };
  }
}

export function stabilizerOptions(policy: DetectionPolicy, base: Omit<StabilizerOptions, 'quietIdleMs'>): StabilizerOptions {
  return { ...base, ...(policy.quietIdleMs !== undefined ? { quietIdleMs: policy.quietIdleMs } : {}) };
}
