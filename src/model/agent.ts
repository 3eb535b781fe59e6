/**
 * The vocabulary every layer speaks about an agent: what it is (its spec), how agentmux treats
 * its prompts, and where it runs when isolated. Imports nothing of ours.
 */
import type { AgentKind } from './kinds.js';
import type { RuleSet } from './rule.js';

/** How agentmux treats an agent's prompts: `rules` (the default), `manual`, `pause`. */
export const APPROVAL_MODES = ['manual', 'rules', 'pause'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

/** An isolated agent's git worktree: where it runs and what it merges into. */
export interface Worktree {
  agent: string;
  repo: string;
  path: string;
  branch: string;
  /** The branch it started from and merges back into. */
  base: string;
}

/**
 * How an isolated agent's new worktree is made ready (config `worktree`): files copied from the
 * user's tree, then a command run in it before the agent starts.
 */
export interface WorktreePrep {
  /** Globs of files to copy from the user's tree; absent: the patterns of `.worktreeinclude`. */
  copy?: string[];
  /** A command line run in the new worktree (the agent's directory there) before the agent starts. */
  setup?: string;
}

/** The setup an isolated agent's session runs before the agent, until it has once succeeded. */
export interface SetupStep {
  /** The command line as configured (shown in the pane). */
  line: string;
  argv: string[];
  /** A file written when it succeeds: its presence means the worktree is set up. */
  done: string;
}

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
  /** The agent's permission rules, parsed (config `permissions`, global then the agent's). */
  rules?: RuleSet;
  /** How agentmux treats its prompts at start (config `approvalMode`); the global one otherwise. */
  approvalMode?: ApprovalMode;
  /** Claude Code's --permission-mode (config `permissionMode`). */
  permissionMode?: string;
  /** Set once its worktree exists: where it runs and what it merges into. */
  worktree?: Worktree;
  /** Its own `worktree` config (over the global one): how its new worktree is made ready. */
  worktreePrep?: WorktreePrep;
  /** Set once its worktree exists, when a setup command is configured. */
  setup?: SetupStep;
}
