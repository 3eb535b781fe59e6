import { basename } from 'node:path';
/** The agent kinds agentmux knows how to read. `shell` covers any other command. */
export const AGENT_KINDS = ['claude', 'codex', 'gemini', 'aider', 'shell'] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

/** True when a program is the claude CLI itself (where --settings can be added). */
export function isClaudeProgram(program: string | undefined): boolean {
  const base = basename(program ?? '');
  return base === 'claude' || base === 'claude.exe';
}
