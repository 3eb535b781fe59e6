import { basename } from 'node:path';
/** The agent kinds agentmux knows how to read. `shell` covers any other command. */
export const AGENT_KINDS = ['claude', 'codex', 'gemini', 'aider', 'shell'] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

/**
 * Infers the kind of an agent from its argv: the basename of the program, or of the
 * script it runs when the program is an interpreter (`node …/claude`, `npx @openai/codex`).
 */
export function inferKind(argv: readonly string[]): AgentKind {
  for (const word of argv.slice(0, 3)) {
    const base = (word.split(/[\\/]/).pop() ?? '').toLowerCase().replace(/\.(c?js|mjs|exe|cmd)$/, '');
    if (base === 'claude' || base === '@anthropic-ai/claude-code' || word.includes('claude-code')) return 'claude';
    if (base === 'codex' || word.includes('@openai/codex')) return 'codex';
    if (base === 'gemini' || word.includes('@google/gemini-cli')) return 'gemini';
    if (base === 'aider') return 'aider';
  }
  return 'shell';
}

/** True when a program is the claude CLI itself (where --settings can be added). */
export function isClaudeProgram(program: string | undefined): boolean {
  const base = basename(program ?? '');
  return base === 'claude' || base === 'claude.exe';
}
