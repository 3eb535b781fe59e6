import { isAbsolute, join } from 'node:path';
import { PATH_TOOLS, PLAIN_TOOLS } from '../lib/rules.js';
import { quote } from './quote.js';

/**
 * One agentmux rule in Claude Code's permission-rule syntax, or why it cannot be translated.
 * Forms: `Bash(npm test)` (exact), `Bash(npm run lint:*)` (prefix), `Edit(src/**)` (paths
 * relative to the agent's directory), `WebFetch(domain:docs.example.com)`, a bare tool name,
 * `mcp__server` or `mcp__server__tool`. A path starting with '/' means the agent's directory
 * (Claude Code would read it relative to the settings file, which agentmux keeps elsewhere).
 */
export function toClaudeRule(rule: string, cwd: string): { rule: string } | { error: string } {
  const r = rule.trim();
  // mcp__server and mcp__server__tool use the same characters: one class (two overlapping ones take quadratic time).
  if (/^mcp__[A-Za-z0-9_-]+$/.test(r)) return { rule: r };
  const m = /^([A-Za-z]+)(?:\((.*)\))?$/.exec(r);
  if (!m) return { error: `cannot translate ${quote(rule)}: expected Tool or Tool(specifier)` };
  const [, tool, spec] = m as unknown as [string, string, string | undefined];
  if (spec === undefined) {
    if (tool === 'Bash' || tool === 'WebFetch' || PATH_TOOLS.includes(tool) || PLAIN_TOOLS.includes(tool)) return { rule: tool };
    return { error: `cannot translate ${quote(rule)}: unknown Claude Code tool ${tool}` };
  }
  if (!spec.trim()) return { error: `cannot translate ${quote(rule)}: empty specifier` };
  if (tool === 'Bash') return { rule: `Bash(${spec})` };
  if (tool === 'WebFetch') {
    if (!/^domain:[A-Za-z0-9.*-]+$/.test(spec)) return { error: `cannot translate ${quote(rule)}: WebFetch takes domain:<host>` };
    return { rule: `WebFetch(${spec})` };
  }
  if (PATH_TOOLS.includes(tool)) {
    const path = spec.startsWith('//') || spec.startsWith('~/') ? spec : spec.startsWith('/') ? `/${join(cwd, spec)}` : spec;
    return { rule: `${tool}(${path})` };
  }
  return { error: `cannot translate ${quote(rule)}: ${PLAIN_TOOLS.includes(tool) ? `${tool} takes no specifier` : `unknown Claude Code tool ${tool}`}` };
}

export interface Permissions {
  allow: string[];
  deny: string[];
}

/** The `permissions` block for an agent's Claude Code settings; throws the first untranslatable rule's message with its field. */
export function claudePermissions(rules: Permissions, cwd: string, where: (list: 'allow' | 'deny', index: number, message: string) => Error): Permissions {
  const out: Permissions = { allow: [], deny: [] };
  for (const list of ['allow', 'deny'] as const) {
    rules[list].forEach((rule, i) => {
      const t = toClaudeRule(rule, isAbsolute(cwd) ? cwd : join(process.cwd(), cwd));
      if ('error' in t) throw where(list, i, t.error);
      out[list].push(t.rule);
    });
  }
  return out;
}
