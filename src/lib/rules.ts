import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { matchesGlob } from './glob.js';
import { realPath } from './real-path.js';
import type { Rule, RuleSet } from '../model/rule.js';

export type { Rule, RuleSet } from '../model/rule.js';

/** What an agent asks to do, in the rules' terms: one tool on one command, path or URL. */
export interface Action {
  tool: string;
  command?: string;
  path?: string;
  url?: string;
}

/** Claude Code's tools that take a path pattern, and those whose rules take no specifier. */
export const PATH_TOOLS: readonly string[] = ['Edit', 'Write', 'Read', 'MultiEdit', 'NotebookEdit', 'Glob', 'Grep'];
export const PLAIN_TOOLS: readonly string[] = ['WebSearch', 'Task', 'TodoWrite', 'LS'];
// In the order an error names them: the most used first.
const KNOWN_TOOLS = ['Bash', ...PATH_TOOLS.slice(0, 3), 'WebFetch', ...PATH_TOOLS.slice(3), ...PLAIN_TOOLS];
/** An `Edit` rule covers every tool that changes files, a `Read` rule every one that reads them. */
const COVERS: Record<string, readonly string[]> = {
  Edit: ['Edit', 'Write', 'MultiEdit', 'NotebookEdit'],
  Read: ['Read', 'Glob', 'Grep'],
};

/**
 * Characters that chain, substitute or redirect in a shell. A command holding one is never
 * matched by a pattern: `npm test; rm -rf /` is not `npm test:*`.
 */
const SHELL_CONTROL = /[;&|`$<>(){}\n\r\\]/;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A command with runs of blanks made one space, where that changes nothing a shell runs: not
 * in a command with quotes (`echo "a  b"` is not `echo "a b"`), which is compared as written.
 */
const collapseBlanks = (s: string) => (/['"]/.test(s) ? s.trim() : s.trim().replace(/[ \t]+/g, ' '));

function commandPattern(spec: string): { pattern: RegExp; wildcard: boolean } {
  const s = collapseBlanks(spec);
  // Legacy prefix form: "npm run lint:*" is "npm run lint" alone or followed by a space.
  if (s.endsWith(':*')) return { pattern: new RegExp(`^${escapeRe(s.slice(0, -2))}(?: .*)?$`, 's'), wildcard: true };
  if (!s.includes('*')) return { pattern: new RegExp(`^${escapeRe(s)}$`), wildcard: false };
  // "*" is any text; a single trailing " *" may also match nothing ("ls *" matches "ls").
  const parts = s.split('*').map(escapeRe);
  let re = parts.join('.*');
  if (parts.length === 2 && s.endsWith(' *')) re = `${parts[0]!.slice(0, -1)}(?: .*)?`;
  return { pattern: new RegExp(`^${re}$`, 's'), wildcard: true };
}

/** Parses one rule, or says why it is not one. */
export function parseRule(text: string): Rule | { error: string } {
  const r = text.trim();
  // mcp__server and mcp__server__tool use the same characters: one class (two overlapping ones,
  // `[…]+__[…]+`, take quadratic time on a long run of underscores).
  if (/^mcp__[A-Za-z0-9_-]+$/.test(r)) return { text: r, tool: r, match: 'any' };
  const m = /^([A-Za-z]+)(?:\((.*)\))?$/s.exec(r);
  if (!m) return { error: `cannot read ${JSON.stringify(text)}: expected Tool or Tool(specifier)` };
  const tool = m[1]!;
  const spec = m[2];
  if (!KNOWN_TOOLS.includes(tool)) return { error: `cannot read ${JSON.stringify(text)}: unknown tool ${tool} (expected ${KNOWN_TOOLS.slice(0, 5).join(', ')}, … or mcp__server__tool)` };
  if (spec === undefined || spec.trim() === '*') return { text: r, tool, match: 'any' };
  if (!spec.trim()) return { error: `cannot read ${JSON.stringify(text)}: empty specifier` };
  if (tool === 'Bash') return { text: r, tool, match: 'command', command: spec, ...commandPattern(spec) };
  if (tool === 'WebFetch') {
    const d = /^domain:([A-Za-z0-9.*-]+)$/.exec(spec);
    if (!d) return { error: `cannot read ${JSON.stringify(text)}: WebFetch takes domain:<host>` };
    return { text: r, tool, match: 'domain', host: d[1]!.toLowerCase() };
  }
  if (PATH_TOOLS.includes(tool)) {
    if (spec.startsWith('//')) return { text: r, tool, match: 'path', glob: spec.slice(2), base: 'root', anchored: true };
    if (spec.startsWith('~/')) return { text: r, tool, match: 'path', glob: spec.slice(2), base: 'home', anchored: true };
    return { text: r, tool, match: 'path', glob: spec.replace(/^\.?\//, ''), base: 'agent', anchored: spec.startsWith('/') };
  }
  return { error: `cannot read ${JSON.stringify(text)}: ${tool} takes no specifier here` };
}

function toolCovers(rule: Rule, tool: string): boolean {
  if (rule.tool.startsWith('mcp__')) return tool === rule.tool || tool.startsWith(`${rule.tool}__`);
  return rule.tool === tool || (COVERS[rule.tool]?.includes(tool) ?? false);
}

/** Whether `full` (absolute) lies under `base` and matches `glob` there. */
function pathUnder(full: string, base: string, glob: string): boolean {
  const rel = relative(base, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
  return matchesGlob(rel, glob);
}

/**
 * Whether a rule covers an action, in full. Commands are compared whole, as a shell would run
 * them (see collapseBlanks); a pattern never matches a command that chains, substitutes or
 * redirects.
 * Paths are resolved against the agent's directory first, so `src/../secret` is not in `src/**`,
 * and then the way the kernel resolves them (symbolic links followed, see realPath): an allow
 * rule covers a path only when both the path as written and the file it really is match it, a
 * deny rule (`as: 'deny'`) when either does. So `src/link/x`, with `src/link` a link to a
 * directory elsewhere, is not in `src/**`; a path whose real place cannot be told is not either.
 */
export function ruleMatches(rule: Rule, action: Action, cwd: string, as: 'allow' | 'deny' = 'allow'): boolean {
  if (!toolCovers(rule, action.tool)) return false;
  switch (rule.match) {
    case 'any':
      return true;
    case 'command': {
      if (action.command === undefined) return false;
      const command = collapseBlanks(action.command);
      if (rule.wildcard && SHELL_CONTROL.test(command)) return false;
      return rule.pattern.test(command);
    }
    case 'path': {
      if (action.path === undefined) return false;
      const base = rule.base === 'agent' ? cwd : rule.base === 'home' ? homedir() : '/';
      const written = pathUnder(resolve(cwd, action.path), base, rule.glob);
      const real = realPath(isAbsolute(action.path) ? action.path : `${cwd}/${action.path}`);
      const realBase = realPath(base);
      const really = real !== null && realBase !== null && pathUnder(real, realBase, rule.glob);
      return as === 'deny' ? written || really : written && really;
    }
    case 'domain': {
      if (action.url === undefined) return false;
      let host: string;
      try {
        host = new URL(action.url).hostname.toLowerCase();
      } catch {
        return false;
      }
      if (rule.host.startsWith('*.')) return host.endsWith(rule.host.slice(1));
      return host === rule.host;
    }
  }
}

export type Verdict = { verdict: 'deny' | 'allow'; rule: Rule } | { verdict: 'none' };

/** Deny always wins; then allow; otherwise no rule speaks. */
export function judge(rules: RuleSet, action: Action, cwd: string): Verdict {
  const denied = rules.deny.find((r) => ruleMatches(r, action, cwd, 'deny'));
  if (denied) return { verdict: 'deny', rule: denied };
  const allowed = rules.allow.find((r) => ruleMatches(r, action, cwd));
  if (allowed) return { verdict: 'allow', rule: allowed };
  return { verdict: 'none' };
}

/** Where a rule in a list is, and why it cannot be read. */
export interface RuleProblem {
  list: 'allow' | 'deny';
  index: number;
  error: string;
}

/** Parses an agent's rules as written, or names the first that is not one. */
export function parseRuleSet(texts: { allow?: readonly string[]; deny?: readonly string[] }): RuleSet | RuleProblem {
  const out: RuleSet = { allow: [], deny: [] };
  for (const list of ['allow', 'deny'] as const) {
    for (const [index, text] of (texts[list] ?? []).entries()) {
      const rule = parseRule(text);
      if ('error' in rule) return { list, index, error: rule.error };
      out[list].push(rule);
    }
  }
  return out;
}

/**
 * A rule in Claude Code's settings syntax. A path the agent's directory anchors (`/src/**`) is
 * written from the root: Claude Code reads `/x` relative to the settings file, which agentmux
 * keeps elsewhere.
 */
export function printRule(rule: Rule, cwd: string): string {
  switch (rule.match) {
    case 'any':
      return rule.tool;
    case 'command':
      return `Bash(${rule.command})`;
    case 'domain':
      return `WebFetch(domain:${rule.host})`;
    case 'path': {
      const where = rule.base === 'root' ? `//${rule.glob}` : rule.base === 'home' ? `~/${rule.glob}` : rule.anchored ? `/${join(cwd, rule.glob)}` : rule.glob;
      return `${rule.tool}(${where})`;
    }
  }
}
