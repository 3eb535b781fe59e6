/** The states of an agent, as the README's table defines them. */
export const AGENT_STATES = ['starting', 'working', 'approval', 'idle', 'stalled', 'exited'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/** What detectors read: the live screen only (never scrollback). */
export interface ScreenSnapshot {
  cols: number;
  rows: number;
  /** Visible rows from buffer.baseY, as plain text with trailing blanks trimmed. */
  lines: string[];
  cursor: { x: number; y: number; visible: boolean };
  /** Per row: true when the row continues the one above (the terminal wrapped a long line). */
  wrapped?: readonly boolean[];
  title: string;
  /** True when the program drew on the alternate screen. */
  alternate: boolean;
}

/** One choice of a prompt: its label and the keys that select it (as bytes to send). */
export interface PromptOption {
  label: string;
  /** The option's number as shown ("1."), when it has one. */
  number?: number;
  keys: string[];
}

export type PromptKind = 'permission' | 'plan' | 'question' | 'trust' | 'api-key' | 'bypass' | 'mcp-server' | 'rate-limit' | 'confirm' | 'menu';

/** A prompt read off the screen: what is asked, about what, and how to answer. */
export interface ParsedPrompt {
  kind: PromptKind;
  question: string;
  /** What the prompt is about: a tool and its command, or a file, or other text. */
  subject?: {
    tool?: string;
    command?: string;
    file?: string;
    text?: string;
    /** Pieced together from several screen lines: shown to people, never matched against rules. */
    reassembled?: boolean;
  };
  options: PromptOption[];
  /** Index into options of the highlighted one, or null. */
  selected: number | null;
  /** The screen rows the prompt takes, from its question to its last line (where known). */
  at?: { top: number; bottom: number };
  /**
   * Why the screen does not say unambiguously what this prompt is about (its subject block
   * reaches above the screen, holds lines the agent's layout never has, a second prompt is on
   * screen): such a prompt is shown to people and never answered by rules.
   */
  ambiguity?: string;
}

/** What a detector makes of one screen. `unknown` is a real answer: nothing it recognises. */
export interface Detection {
  state: 'working' | 'approval' | 'idle' | 'unknown';
  reason: string;
  prompt?: ParsedPrompt;
  /**
   * The agent's own permission mode as its screen shows it ('default', 'accept edits', 'auto',
   * 'bypass', 'plan'), or undefined when this screen does not say (a dialog hides the footer).
   */
  agentMode?: string;
  /** An idle screen that can only mean the turn is over (Claude's "✻ Baked for 6s"): no settle time needed. */
  final?: boolean;
  /**
   * The screen with its animation removed (spinner glyph, timer, token counter). A change of
   * this key is progress; the spinner ticking alone is not.
   */
  progressKey: string;
}

export type Detector = (snapshot: ScreenSnapshot) => Detection;
