import type { AgentKind } from '../model/kinds.js';
import { findOption } from '../detect/answer.js';
import type { ParsedPrompt, ScreenSnapshot } from '../model/screen.js';
import { judge, type Action, type RuleSet } from '../lib/rules.js';
import { PROFILES } from '../kinds/registry.js';
import type { ApprovalMode } from '../model/agent.js';

export type Decision = { decision: 'approved' | 'denied'; option: number; rule: string; reason: string } | { decision: 'left'; rule: string | null; reason: string };

/**
 * What a prompt asks to do, in the rules' terms, or null when agentmux cannot be sure: no
 * subject, a subject pieced together from several screen lines, or one the agent's kind does
 * not map to one thing (see its profile in src/kinds/).
 */
export function actionsOf(kind: AgentKind, prompt: ParsedPrompt): Action[] | null {
  const s = prompt.subject;
  if (!s || s.reassembled) return null;
  return PROFILES[kind].actions({ ...prompt, subject: s });
}

/**
 * Why a prompt might be text the agent printed rather than its live prompt, or null when it
 * sits where a live prompt does: at the bottom of the screen, with the cursor in it.
 */
export function positionProblem(prompt: ParsedPrompt, screen: ScreenSnapshot): string | null {
  const at = prompt.at;
  if (!at) return 'where the prompt sits on screen is unknown';
  if (screen.lines.slice(at.bottom + 1).some((l) => l.trim() !== '')) return 'the prompt is not at the bottom of the screen';
  if (screen.cursor.y < at.top || screen.cursor.y > at.bottom + 1) return 'the cursor is not in the prompt';
  return null;
}

export interface DecideInput {
  mode: ApprovalMode;
  kind: AgentKind;
  rules: RuleSet;
  /** The agent's directory: relative paths in rules and prompts start there. */
  cwd: string;
  /** The prompt as read from `screen`, after it has been stable there. */
  prompt: ParsedPrompt;
  screen: ScreenSnapshot;
}

/**
 * Whether agentmux answers a prompt, and how. Only in `rules` mode, only for agents that do
 * not enforce the rules themselves, only for a prompt where a live one sits, and only when
 * every thing it asks to do is covered in full: then the plain "yes" (never "always"). A deny
 * rule wins and answers "no".
 */
export function decide(input: DecideInput): Decision {
  const { mode, kind, prompt } = input;
  if (mode === 'pause') return { decision: 'left', rule: null, reason: 'paused' };
  if (mode === 'manual') return { decision: 'left', rule: null, reason: 'manual mode' };
  if (kind === 'claude') return { decision: 'left', rule: null, reason: 'Claude Code applies the rules itself' };
  if (prompt.kind !== 'permission' && prompt.kind !== 'confirm') return { decision: 'left', rule: null, reason: `a ${prompt.kind} prompt is always yours` };
  if (prompt.ambiguity) return { decision: 'left', rule: null, reason: prompt.ambiguity };
  if (prompt.subject?.reassembled) return { decision: 'left', rule: null, reason: 'the subject takes several screen lines' };
  const actions = actionsOf(kind, prompt);
  if (!actions) return { decision: 'left', rule: null, reason: 'no subject a rule can be matched against' };
  if (!input.rules.allow.length && !input.rules.deny.length) return { decision: 'left', rule: null, reason: 'no rules' };
  const where = positionProblem(prompt, input.screen);
  if (where) return { decision: 'left', rule: null, reason: where };
  const verdicts = actions.map((a) => judge(input.rules, a, input.cwd));
  const denied = verdicts.flatMap((v) => (v.verdict === 'deny' ? [v.rule.text] : []))[0];
  if (denied) {
    const no = findOption(prompt, 'no');
    if (no === null) return { decision: 'left', rule: denied, reason: 'denied, but the prompt has no "no" option' };
    return { decision: 'denied', option: no, rule: denied, reason: `deny rule ${denied}` };
  }
  if (verdicts.some((v) => v.verdict === 'none')) return { decision: 'left', rule: null, reason: 'no rule allows it' };
  const yes = findOption(prompt, 'yes');
  const rule = [...new Set(verdicts.map((v) => (v.verdict === 'allow' ? v.rule.text : '')))].join(', ');
  if (yes === null) return { decision: 'left', rule, reason: 'allowed, but the prompt has no "yes" option' };
  return { decision: 'approved', option: yes, rule, reason: `allow rule ${rule}` };
}
