import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HookEndpoint } from './channel.js';

/** The hook events agentmux listens to. */
export const HOOK_EVENTS = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'PostToolUseFailure', 'Notification', 'Stop', 'SessionEnd'] as const;

/**
 * The `--settings` content: one `http` hook per event, posting to agentmux with the agent's
 * token. Claude Code waits for a hook before it goes on (before every tool call for PreToolUse):
 * a POST on loopback costs it a millisecond where starting a program cost it tens. If agentmux
 * cannot be reached, Claude Code treats it as a hook error that blocks nothing: a failure never
 * approves.
 */
export function claudeHookSettings(endpoint: HookEndpoint): object {
  const entry = [{ matcher: '', hooks: [{ type: 'http', url: endpoint.url, headers: { Authorization: `Bearer ${endpoint.token}` }, timeout: 5 }] }];
  return { hooks: Object.fromEntries(HOOK_EVENTS.map((e) => [e, entry])) };
}

/**
 * Writes an agent's settings file into agentmux's private directory and returns its path:
 * the hooks (when agentmux listens for them) and the agent's permission rules.
 */
export function writeClaudeSettings(dir: string, agent: string, opts: { hooks: HookEndpoint | null; permissions?: { allow: string[]; deny: string[] } }): string {
  const file = join(dir, `claude-settings-${agent}.json`);
  const settings = { ...(opts.hooks ? claudeHookSettings(opts.hooks) : {}), ...(opts.permissions ? { permissions: opts.permissions } : {}) };
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  return file;
}

/** Adds `--settings <file>` to a claude command line (see isClaudeProgram). */
export function withSettings(argv: readonly string[], file: string): string[] {
  return [argv[0]!, '--settings', file, ...argv.slice(1)];
}
