import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { z } from 'zod';
import { splitCommand } from './argv.js';
import { isClaudeProgram } from '../model/kinds.js';
import { parseDuration } from './duration.js';
import { parseRule } from '../lib/rules.js';
import { globProblem } from '../lib/glob.js';
import { claudePermissions } from './permissions.js';
import { describeJsonError } from './json-error.js';
import { AGENT_KINDS } from '../model/kinds.js';
import { inferKind } from '../kinds/registry.js';
import { DEFAULT_NOTIFY, type NotifySettings } from './notify-settings.js';
import { agentNameProblem, configSchema, type RawAgent, type RawConfig } from './schema.js';
import { ConfigError, DEFAULT_SETTINGS, type ResolvedConfig } from './types.js';
import type { AgentSpec } from '../model/agent.js';

export const CONFIG_FILE_NAME = 'agentmux.json';

/** Where agentmux looks for a config when none is given: the current directory, then XDG. */
export function defaultConfigPaths(cwd: string, env: NodeJS.ProcessEnv): string[] {
  const xdg = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return [join(cwd, CONFIG_FILE_NAME), join(xdg, 'agentmux', 'config.json')];
}

export function findConfigFile(cwd: string, env: NodeJS.ProcessEnv): string | null {
  return defaultConfigPaths(cwd, env).find((p) => existsSync(p)) ?? null;
}

/** "agents[1].name" from a zod path. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(top level)';
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): { path: string; message: string } {
  const path = [...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return { path: formatPath([...path, key]), message: `unknown field "${key}"` };
  }
  if (issue.code === 'invalid_type') {
    const got = valueAt(data, path);
    if (got === undefined) return { path: formatPath(path), message: 'is required' };
    return { path: formatPath(path), message: `must be ${article(issue.expected)}, got ${typeName(got)}` };
  }
  if (issue.code === 'invalid_value') {
    const what = path[path.length - 1] === 'kind' ? 'kind' : 'value';
    const expected = path[path.length - 1] === 'kind' ? AGENT_KINDS.join(', ') : issue.values.map(String).join(', ');
    return { path: formatPath(path), message: `unknown ${what} ${JSON.stringify(valueAt(data, path))} (expected one of ${expected})` };
  }
  if (issue.code === 'invalid_union' && valueAt(data, path) === undefined) {
    return { path: formatPath(path), message: 'is required' };
  }
  if (issue.code === 'invalid_union' && path[path.length - 1] === 'command') {
    return { path: formatPath(path), message: 'must be a non-empty string or an array of strings' };
  }
  return { path: formatPath(path), message: issue.message };
}

function article(type: string): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return article(typeof value);
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

const SHELL_SYNTAX = /[|&;<>()$`*?[\]{}~!#\n]/;

/** argv for a config `command`: arrays as they are, plain strings split, shell syntax run by $SHELL -c. */
export function commandArgv(command: string | readonly string[], env: NodeJS.ProcessEnv): string[] | { error: string } {
  if (typeof command !== 'string') return [...command];
  const line = command.trim();
  if (SHELL_SYNTAX.test(line.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, ''))) return [env.SHELL || '/bin/sh', '-c', line];
  const argv = splitCommand(line);
  if (!Array.isArray(argv)) return argv;
  if (argv.length === 0) return { error: 'must not be empty' };
  return argv;
}

function expandHome(p: string): string {
  return p === '~' ? homedir() : p.startsWith('~/') ? join(homedir(), p.slice(2)) : p;
}

/** Resolves a cwd against a base directory and checks it is a directory. */
export function resolveCwd(cwd: string | undefined, base: string): string | { error: string } {
  const abs = cwd === undefined ? base : resolve(base, expandHome(cwd));
  try {
    if (!statSync(abs).isDirectory()) return { error: `${JSON.stringify(abs)} is not a directory` };
  } catch {
    return { error: `directory ${JSON.stringify(abs)} does not exist` };
  }
  return abs;
}

function resolveAgent(raw: RawAgent, index: number, baseDir: string, env: NodeJS.ProcessEnv, where: (p: string, m: string) => ConfigError, global?: RawConfig['permissions']): AgentSpec {
  const argv = commandArgv(raw.command, env);
  if (!Array.isArray(argv)) throw where(`agents[${index}].command`, argv.error);
  const cwd = resolveCwd(raw.cwd, baseDir);
  if (typeof cwd !== 'string') throw where(`agents[${index}].cwd`, cwd.error);
  const kind = raw.kind ?? kindOf(raw.command);
  const own = raw.permissions;
  const globalCount = (list: 'allow' | 'deny') => global?.[list]?.length ?? 0;
  const field = (list: 'allow' | 'deny', i: number) => (i < globalCount(list) ? `permissions.${list}[${i}]` : `agents[${index}].permissions.${list}[${i - globalCount(list)}]`);
  const rules = { allow: [...(global?.allow ?? []), ...(own?.allow ?? [])], deny: [...(global?.deny ?? []), ...(own?.deny ?? [])] };
  const hasRules = rules.allow.length > 0 || rules.deny.length > 0;
  // Every path rule's glob must be whole and stay in the agent's directory (or name an absolute path).
  for (const list of ['allow', 'deny'] as const) {
    rules[list].forEach((rule, i) => {
      const problem = pathRuleProblem(rule);
      if (problem) throw where(field(list, i), problem);
    });
  }
  // Claude Code agents' rules are translated below (naming Claude's tools); the others' are read here.
  for (const list of kind === 'claude' ? [] : (['allow', 'deny'] as const)) {
    rules[list].forEach((rule, i) => {
      const parsed = parseRule(rule);
      if ('error' in parsed) throw where(field(list, i), parsed.error);
    });
  }
  if ((hasRules || raw.permissionMode) && kind === 'claude' && !isClaudeProgram(argv[0])) {
    throw where(`agents[${index}].${raw.permissionMode && !hasRules ? 'permissionMode' : 'permissions'}`, 'the command must run claude itself, so agentmux can pass it the rules');
  }
  if (raw.permissionMode && kind !== 'claude') throw where(`agents[${index}].permissionMode`, `is Claude Code's own setting (this agent is ${kind})`);
  const claudeRules = kind === 'claude' && hasRules ? claudePermissions(rules, cwd, (list, i, message) => where(field(list, i), message)) : null;
  return {
    name: raw.name,
    argv,
    cwd,
    env: raw.env ?? {},
    kind,
    ...(raw.prompt !== undefined ? { prompt: raw.prompt } : {}),
    ...(raw.isolate ? { isolate: true } : {}),
    ...(raw.scope ? { scope: raw.scope } : {}),
    ...(hasRules ? { rules } : {}),
    ...(raw.approvalMode ? { approvalMode: raw.approvalMode } : {}),
    ...(claudeRules ? { claudePermissions: claudeRules } : {}),
    ...(raw.permissionMode ? { permissionMode: raw.permissionMode } : {}),
  };
}

/** The kind a command implies, looking at its words (also for shell command lines). */
function kindOf(command: string | readonly string[]) {
  return inferKind(typeof command === 'string' ? command.trim().split(/\s+/) : command);
}

/** Names must differ in more than case: they name files and branches on file systems that ignore it. */
export function checkUniqueNames(agents: readonly { name: string }[], where: (index: number, first: number) => ConfigError): void {
  const seen = new Map<string, number>();
  agents.forEach((agent, i) => {
    const key = agent.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) throw where(i, first);
    seen.set(key, i);
  });
}

/** Why a path rule (`Edit(src/**)`) cannot be used: a broken glob, or `..` leading out of the agent's directory. */
function pathRuleProblem(rule: string): string | null {
  const m = /^(Edit|Write|Read|MultiEdit|NotebookEdit|Glob|Grep)\((.*)\)$/.exec(rule.trim());
  if (!m) return null;
  const spec = m[2]!;
  const problem = globProblem(spec);
  if (problem) return `not a valid glob: ${problem}`;
  if (spec.split('/').includes('..')) return `${JSON.stringify(rule)} reaches outside the agent's directory with "..": write the path from // (the file system root) instead`;
  return null;
}

/** Files larger than this are not agentmux configs (and /dev/zero never ends). */
const MAX_CONFIG_BYTES = 1 << 20;

/** Reads, validates and resolves a config file. Throws ConfigError with a one-line message. */
export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  const where = (path: string, message: string) => new ConfigError(`${file}: ${path}: ${message}`);
  let text: string;
  try {
    // Only a regular file: a FIFO would block, a device would never end.
    const st = statSync(file);
    if (!st.isFile() && !st.isDirectory()) throw new ConfigError(`${file}: not a regular file`);
    if (st.size > MAX_CONFIG_BYTES) throw new ConfigError(`${file}: too large for a config file (${st.size} bytes, at most ${MAX_CONFIG_BYTES})`);
    // A byte order mark is not part of the JSON (and would shift every column).
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? String(err)})`}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: ${describeJsonError(text, err)}`);
  }
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    // A misspelt field explains the rest ("comand" makes "command" missing): name it first.
    const issues = parsed.error.issues;
    const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
    const { path, message } = describeIssue(issue, data);
    throw where(path, message);
  }
  const baseDir = dirname(resolve(file));
  checkUniqueNames(parsed.data.agents, (i, first) => where(`agents[${i}].name`, `duplicate name ${JSON.stringify(parsed.data.agents[i]!.name)} (also agents[${first}])`));
  const agents = parsed.data.agents.map((raw, i) => resolveAgent(raw, i, baseDir, env, where, parsed.data.permissions));
  return {
    file,
    agents,
    settings: {
      ...DEFAULT_SETTINGS,
      ...(parsed.data.scrollback !== undefined ? { scrollback: parsed.data.scrollback } : {}),
      ...(parsed.data.approvalMode !== undefined ? { approvalMode: parsed.data.approvalMode } : {}),
      ...(parsed.data.stallAfter !== undefined ? { stallAfterMs: parseDuration(parsed.data.stallAfter)! } : {}),
      ...(parsed.data.keys?.detach !== undefined ? { detachKey: parsed.data.keys.detach.trim().toLowerCase() } : {}),
      notify: notifySettings(parsed.data.notify),
      ...(parsed.data.worktreeDir !== undefined ? { worktreeDir: parsed.data.worktreeDir } : {}),
    },
  };
}

/** The notification settings of a config's `notify` block, over the defaults. */
export function notifySettings(raw: RawConfig['notify']): NotifySettings {
  const d = DEFAULT_NOTIFY;
  if (!raw) return d;
  return {
    events: { approval: raw.approval ?? d.events.approval, finished: raw.finished ?? d.events.finished, stalled: raw.stalled ?? d.events.stalled, exited: raw.exited ?? d.events.exited },
    desktop: raw.desktop ?? d.desktop,
    terminal: raw.terminal ?? d.terminal,
    sound: raw.sound ?? d.sound,
    command: raw.command ?? d.command,
    commandTimeoutMs: raw.commandTimeout !== undefined ? parseDuration(raw.commandTimeout)! : d.commandTimeoutMs,
    minWorkMs: raw.minWorkSeconds !== undefined ? raw.minWorkSeconds * 1000 : d.minWorkMs,
    remindAfterMs: raw.remind === undefined ? d.remindAfterMs : raw.remind === false ? [] : raw.remind.map((r) => parseDuration(r)!),
    burstLimit: d.burstLimit,
    burstWindowMs: d.burstWindowMs,
  };
}

/** Parses one `--agent <name>=<command>` flag into an agent in `cwd`. */
export function parseAgentFlag(value: string, cwd: string, env: NodeJS.ProcessEnv = process.env): AgentSpec {
  const bad = (message: string) => new ConfigError(`--agent ${JSON.stringify(value)}: ${message}`);
  const eq = value.indexOf('=');
  if (eq <= 0) throw bad('expected <name>=<command>, for example --agent api=claude');
  const name = value.slice(0, eq);
  const problem = agentNameProblem(name);
  if (problem) throw bad(`name ${JSON.stringify(name)} ${problem}`);
  const command = value.slice(eq + 1);
  const argv = commandArgv(command, env);
  if (!Array.isArray(argv)) throw bad(`command ${argv.error}`);
  return { name, argv, cwd, env: {}, kind: kindOf(command) };
}
