/** What the manager says about each agent, and the changes the events log records. */
import type { AgentState, ParsedPrompt } from './screen.js';

/** How an agent's process ended. */
export interface ExitInfo {
  code: number;
  signal?: number;
  /** The worktree's setup command ended so (config `worktree.setup`): the agent never started. */
  setup?: true;
}

export interface AgentStatus {
  name: string;
  state: AgentState;
  /** ms timestamp when the state began. */
  since: number;
  /** Which signal decided the state. */
  reason: string;
  /** The parsed prompt while in `approval`. */
  prompt?: ParsedPrompt;
  exit: ExitInfo | null;
  /** The agent's own permission mode, once its screen has shown one other than its default (Claude Code's footer). */
  agentMode?: string;
  /**
   * The agent's own alert (it rang its bell or wrote a notification) that nobody has looked at
   * since: when it came and its text ('' for a bell; the agent's own words, not yet made plain).
   */
  alert?: { at: number; text: string };
  /** Its worktree's setup command runs (config `worktree.setup`): the agent starts after it. */
  setup?: true;
}

/** A state change, as written to the events log. */
export interface StateChange {
  ts: number;
  agent: string;
  state: AgentState;
  prev: AgentState;
  reason: string;
  prompt?: ParsedPrompt;
  /** An exit agentmux was asked for (x, quitting): not news to the user. */
  requested?: boolean;
}
