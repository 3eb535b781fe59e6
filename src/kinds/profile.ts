import type { Action } from '../lib/rules.js';
import type { Detector, ParsedPrompt } from '../model/screen.js';

/**
 * Everything agentmux knows about one kind of agent, in one place: how it is recognised from
 * a command, how its screen is read, its time rules, and what its prompts ask in the rules'
 * terms. One file per kind (this folder); the registry maps every kind to its profile, so a
 * kind with a missing part does not compile.
 */
export interface Profile {
  /** True when a word of the command (program or script, lower-cased basename `base`) is this agent. */
  recognises(word: string, base: string): boolean;
  /** Reads its screen (see src/detect/). */
  detect: Detector;
  /**
   * For agents whose only sign of work is output: how long they must be quiet to count as
   * idle, at the least (the stabilizer lengthens it to the agent's own rhythm).
   */
  quietIdleMs?: number;
  /**
   * What a prompt with a subject asks to do, in the rules' terms, or null when it is not one
   * thing agentmux can judge (then the prompt is the user's).
   */
  actions(prompt: ParsedPrompt & { subject: NonNullable<ParsedPrompt['subject']> }): Action[] | null;
}
