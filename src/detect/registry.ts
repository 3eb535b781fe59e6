import type { AgentKind } from '../config/kinds.js';
import { detectClaude } from './claude.js';
import { detectShell } from './shell.js';
import type { StabilizerOptions } from './stabilizer.js';
import type { Detector } from './types.js';

export interface DetectionPolicy {
  detect: Detector;
  /** Kind-specific time rules (the rest comes from the config). */
  quietIdleMs?: number;
}

/** The detector of each agent kind. Kinds without their own detector yet use the generic one, by name. */
export function detectionFor(kind: AgentKind): DetectionPolicy {
  switch (kind) {
    case 'claude':
      return { detect: detectClaude };
    case 'codex':
    case 'gemini':
    case 'aider':
    case 'shell':
      return { detect: detectShell, quietIdleMs: 2000 };
  }
}

export function stabilizerOptions(policy: DetectionPolicy, base: Omit<StabilizerOptions, 'quietIdleMs'>): StabilizerOptions {
  return { ...base, ...(policy.quietIdleMs !== undefined ? { quietIdleMs: policy.quietIdleMs } : {}) };
}
