import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The hook events agentmux listens to. */
export const HOOK_EVENTS = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'PostToolUseFailure', 'Notification', 'Stop', 'SessionEnd'] as const;

/**
 * The built hook program: next to this module (dist/hooks/), under hooks/ beside the bundled CLI
 * (dist/agentmux.mjs), or in dist/ when this module runs from src/ (tests).
 */
export function hookCommandPath(): string {
  const candidates = ['./hook-command.js', './hooks/hook-command.js', '../../dist/hooks/hook-command.js'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The `--settings` content: one command hook per event, all running the hook program. */
export function claudeHookSettings(command: string): object {
  const entry = [{ matcher: '', hooks: [{ type: 'command', command, timeout: 5 }] }];
  return { hooks: Object.fromEntries(HOOK_EVENTS.map((e) => [e, entry])) };
}

/**
 * Writes an agent's settings file into agentmux's private directory and returns its path:
 * the hooks (when agentmux listens for them) and the agent's permission rules.
 */
export function writeClaudeSettings(dir: string, agent: string, opts: { hooks: boolean; permissions?: { allow: string[]; deny: string[] } }): string {
  const file = join(dir, `claude-settings-${agent}.json`);
  const command = `${shellQuote(process.execPath)} ${shellQuote(hookCommandPath())}`;
  const settings = { ...(opts.hooks ? claudeHookSettings(command) : {}), ...(opts.permissions ? { permissions: opts.permissions } : {}) };
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  return file;
}

/** Adds `--settings <file>` to a claude command line (see isClaudeProgram). */
export function withSettings(argv: readonly string[], file: string): string[] {
  return [argv[0]!, '--settings', file, ...argv.slice(1)];
}
