import { basename } from 'node:path';
import { detectClaude } from '../detect/claude.js';
import type { Profile } from './profile.js';

/**
 * Claude Code. Its tool calls are decided through its PreToolUse hook (approvals/), so a prompt
 * read off its screen is never judged again: no actions. Launching it with agentmux's settings
 * and hooks is the session manager's (see hooks/claude-settings.ts).
 */
export const claude: Profile = {
  recognises: (word, base) => base === 'claude' || base === '@anthropic-ai/claude-code' || word.includes('claude-code'),
  detect: detectClaude,
  actions: () => null,
};

/** True when a program is the claude CLI itself (where --settings can be added). */
export function isClaudeProgram(program: string | undefined): boolean {
  const base = basename(program ?? '');
  return base === 'claude' || base === 'claude.exe';
}
