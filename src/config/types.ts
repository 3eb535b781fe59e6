import { DEFAULT_NOTIFY, type NotifySettings } from '../notify/types.js';
import type { ApprovalMode } from '../approvals/decide.js';
import type { AgentKind } from './kinds.js';

/** A fully resolved agent: what the session layer needs to start it. */
export interface AgentSpec {
  name: string;
  /** Program and arguments (a shell command line becomes [shell, '-c', line]). */
  argv: string[];
  /** Absolute working directory. */
  cwd: string;
  env: Record<string, string>;
  kind: AgentKind;
  /** First task, typed into the agent once it is ready. */
  prompt?: string;
  /** Run in its own git worktree on branch agentmux/<name> (config `isolate`). */
  isolate?: boolean;
  /** Globs of the files the agent should touch; others are flagged in review. */
  scope?: string[];
  /** Claude Code permission rules (config `permissions`, global and the agent's), in Claude's syntax. */
  claudePermissions?: { allow: string[]; deny: string[] };
  /** The agent's rules as written (config `permissions`, global then the agent's). */
  rules?: { allow: string[]; deny: string[] };
  /** How agentmux treats its prompts at start (config `approvalMode`); the global one otherwise. */
  approvalMode?: ApprovalMode;
  /** Claude Code's --permission-mode (config `permissionMode`). */
  permissionMode?: string;
  /** Set once its worktree exists: where it runs and what it merges into. */
  worktree?: { agent: string; repo: string; path: string; branch: string; base: string };
}

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
  /** The approval mode of agents that name none (config `approvalMode`). */
  approvalMode: ApprovalMode;
}

export const DEFAULT_SETTINGS: Settings = { scrollback: 10_000, stallAfterMs: 180_000, settleMs: 500, detachKey: 'ctrl+]', notify: DEFAULT_NOTIFY, worktreeDir: '.agentmux/worktrees', approvalMode: 'rules' };

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
