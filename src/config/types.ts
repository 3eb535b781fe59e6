import { DEFAULT_NOTIFY, type NotifySettings } from './notify-settings.js';
import type { ApprovalMode } from '../model/agent.js';
import type { AgentSpec, WorktreePrep } from '../model/agent.js';

export interface Settings {
  /** Lines of scrollback kept per agent. */
  scrollback: number;
  /** Working with no progress for this long is `stalled` (config `stallAfter`). */
  stallAfterMs: number;
  /** How long an idle screen must hold after work before the agent counts as idle. */
  settleMs: number;
  /** The key that leaves a focused agent (config `keys.detach`). */
  detachKey: string;
  notify: NotifySettings;
  /** Where isolated agents' worktrees go, relative to the repository (config `worktreeDir`). */
  worktreeDir: string;
  /** How every isolated agent's new worktree is made ready (config `worktree`); an agent's own replaces each field. */
  worktree: WorktreePrep;
  /** The approval mode of agents that name none (config `approvalMode`). */
  approvalMode: ApprovalMode;
  /** Whether the outer terminal's title shows the agents' state (config `title`). */
  title: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  scrollback: 10_000,
  stallAfterMs: 180_000,
  settleMs: 500,
  detachKey: 'ctrl+]',
  notify: DEFAULT_NOTIFY,
  worktreeDir: '.agentmux/worktrees',
  worktree: {},
  approvalMode: 'rules',
  title: true,
};

export interface ResolvedConfig {
  /** The file the agents came from, or null for ad-hoc agents / defaults. */
  file: string | null;
  agents: AgentSpec[];
  settings: Settings;
}

/** A problem with user input: printed as one line, exit code 2. */
export class ConfigError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
