import type { ApprovalMode } from '../model/agent.js';
import { judge, type Action, type RuleSet } from '../lib/rules.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A Claude Code tool call (PreToolUse `tool_name` and `tool_input`) in the rules' terms. */
export function toolAction(tool: string, input: Record<string, unknown>): Action {
  const path = str(input.file_path) ?? str(input.notebook_path) ?? str(input.path);
  return {
    tool,
    ...(tool === 'Bash' && str(input.command) !== undefined ? { command: str(input.command)! } : {}),
    ...(path !== undefined && tool !== 'Bash' ? { path } : {}),
    ...(str(input.url) !== undefined ? { url: str(input.url)! } : {}),
  };
}

export interface ToolCallDecision {
  decision: 'allow' | 'deny' | 'ask';
  rule: string | null;
  reason: string;
}

/**
 * What agentmux answers Claude Code's PreToolUse hook for one call, or null for no opinion
 * (Claude Code's own permission flow decides: it asks for what it would ask without agentmux).
 * A deny rule denies in every mode. A call the allow rules cover in full is allowed in `rules`
 * mode; in `manual` and `pause` it is asked (the rules approve nothing there, so Claude shows
 * its prompt). Nothing else is allowed.
 */
export function decideToolCall(input: { mode: ApprovalMode; rules: RuleSet; cwd: string; action: Action }): ToolCallDecision | null {
  const v = judge(input.rules, input.action, input.cwd);
  if (v.verdict === 'deny') return { decision: 'deny', rule: v.rule.text, reason: `deny rule ${v.rule.text}` };
  if (v.verdict === 'none') return null;
  if (input.mode === 'rules') return { decision: 'allow', rule: v.rule.text, reason: `allow rule ${v.rule.text}` };
  return { decision: 'ask', rule: v.rule.text, reason: `${input.mode === 'pause' ? 'paused' : 'manual mode'}: ${v.rule.text} would allow it, you decide` };
}
