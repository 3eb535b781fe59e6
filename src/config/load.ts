import { closeSync, constants, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { z } from 'zod';
import { splitCommand } from './argv.js';
import { isClaudeProgram } from '../kinds/claude.js';
import { parseDuration } from './duration.js';
import { parseRuleSet } from '../lib/rules.js';
import { globProblem } from '../lib/glob.js';
import { describeJsonError, jsonProblem, lineColumn } from './json-error.js';
import { AGENT_KINDS } from '../model/kinds.js';
import { inferKind } from '../kinds/registry.js';
import { quote } from './quote.js';
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

/** "agents[1].name" from a zod path; a key that is not a plain word is quoted: env["A B"]. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]{0,39}$/.test(String(key))) out += `${out ? '.' : ''}${String(key)}`;
    else out += `[${quote(String(key), 40)}]`;
  }
  return out || '(top level)';
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): { path: string; message: string } {
  const path = [...issue.path];
  const got = valueAt(data, path);
  const at = (message: string) => ({ path: formatPath(path), message });
  switch (issue.code) {
    case 'unrecognized_keys':
      return { path: formatPath([...path, issue.keys[0] ?? '']), message: `unknown field ${quote(issue.keys[0] ?? '', 40)}` };
    case 'invalid_type':
      if (got === undefined) return at('is required');
      if (issue.expected === 'int') return at(`must be a whole number, got ${shownValue(got)}`);
      return at(`must be ${article(issue.expected)}, got ${typeName(got)}`);
    case 'invalid_value': {
      const kind = path[path.length - 1] === 'kind';
      const expected = kind ? AGENT_KINDS.join(', ') : issue.values.map(String).join(', ');
      if (typeof got !== 'string' && issue.values.every((v) => typeof v === 'string')) return at(`must be one of ${expected}, got ${typeName(got)}`);
      return at(`unknown ${kind ? 'kind' : 'value'} ${shownValue(got)} (expected one of ${expected})`);
    }
    case 'invalid_union': {
      if (got === undefined) return at('is required');
      // The alternative the value fits the shape of says what is wrong inside it.
      const inner = issue.errors.find((alt) => alt.some((i) => i.path.length > 0 || (i.code !== 'invalid_type' && i.code !== 'invalid_value')));
      const first = inner?.find((i) => i.code === 'unrecognized_keys') ?? inner?.[0];
      if (first) return describeIssue({ ...first, path: [...path, ...first.path] } as z.core.$ZodIssue, data);
      if (path[path.length - 1] === 'command') return at('must be a non-empty string or an array of strings');
      const kinds = issue.errors
        .map((alt) => alt[0])
        .map((i) => (i?.code === 'invalid_type' ? article(i.expected) : i?.code === 'invalid_value' ? i.values.map((v) => JSON.stringify(v)).join(' or ') : 'something else'));
      return at(`must be ${kinds.join(' or ')}, got ${typeName(got)}`);
    }
    case 'too_small':
      if (!issue.message.startsWith('Too small')) return at(issue.message); // the schema's own words
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return at('must not be empty');
      if (issue.origin === 'array') return at(`must hold at least ${issue.minimum}`);
      if (issue.origin === 'number' || issue.origin === 'int') return at(`must be at least ${issue.minimum}, got ${shownValue(got)}`);
      return at(issue.message);
    case 'too_big':
      if (!issue.message.startsWith('Too big')) return at(issue.message);
      if (issue.origin === 'number' || issue.origin === 'int') return at(`must be at most ${issue.maximum}, got ${shownValue(got)}`);
      return at(issue.message);
    default:
      return at(issue.message);
  }
}

function article(type: string): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large to hold';
  return article(typeof value);
}

/** A value as a message shows it: a string quoted (and cut), a number as written, anything else by its type. */
function shownValue(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return typeName(value);
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
const LINE_END = /[\n\r\u2028\u2029]/;

/**
 * Whether `line` uses shell syntax outside its quoted parts ('…', and "…" where \" does not
 * close). One pass: a quote that never closes is an ordinary character, and once one never
 * closes, no later one of its kind does either (up to where its search stopped).
 */
function shellSyntaxOutsideQuotes(line: string): boolean {
  let from = 0; // the start of the unquoted run being read
  let singleCloses = true;
  let doubleFailsBefore = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    let end = -1;
    if (c === "'" && singleCloses) {
      end = line.indexOf("'", i + 1);
      if (end < 0) singleCloses = false;
    } else if (c === '"' && i >= doubleFailsBefore) {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') {
        if (line[j] !== '\\') j++;
        else if (j + 1 < line.length && !LINE_END.test(line[j + 1]!)) j += 2;
        else break;
      }
      if (line[j] === '"') end = j;
      else doubleFailsBefore = j;
    }
    if (end < 0) continue;
    if (SHELL_SYNTAX.test(line.slice(from, i))) return true;
    i = end;
    from = end + 1;
  }
  return SHELL_SYNTAX.test(line.slice(from));
}

/** argv for a config `command`: arrays as they are, plain strings split, shell syntax run by $SHELL -c. */
export function commandArgv(command: string | readonly string[], env: NodeJS.ProcessEnv): string[] | { error: string } {
  if (typeof command !== 'string') return command.some((a) => a.includes('\0')) ? { error: 'must not contain a NUL character' } : [...command];
  const line = command.trim();
  // A NUL cannot be passed to a program: the agent would fail to start, not load.
  if (line.includes('\0')) return { error: 'must not contain a NUL character' };
  if (shellSyntaxOutsideQuotes(line)) return [env.SHELL || '/bin/sh', '-c', line];
  const argv = splitCommand(line);
  if (!Array.isArray(argv)) return argv;
  if (argv.length === 0) return { error: 'must not be empty' };
  // `"" x` splits into an empty program: nothing could run it.
  if (!argv[0]!.trim()) return { error: 'must start with the program, not an empty word' };
  return argv;
}

function expandHome(p: string): string {
  return p === '~' ? homedir() : p.startsWith('~/') ? join(homedir(), p.slice(2)) : p;
}

/** Resolves a cwd against a base directory and checks it is a directory. */
export function resolveCwd(cwd: string | undefined, base: string): string | { error: string } {
  const abs = cwd === undefined ? base : resolve(base, expandHome(cwd));
  try {
    if (!statSync(abs).isDirectory()) return { error: `${quote(abs, 200)} is not a directory` };
  } catch {
    return { error: `directory ${quote(abs, 200)} does not exist` };
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
  // Parsed once, here: the approvals judge these values, and Claude Code's settings print them.
  const parsed = parseRuleSet(rules);
  if ('error' in parsed) throw where(field(parsed.list, parsed.index), parsed.error);
  if ((hasRules || raw.permissionMode) && kind === 'claude' && !isClaudeProgram(argv[0])) {
    throw where(`agents[${index}].${raw.permissionMode && !hasRules ? 'permissionMode' : 'permissions'}`, 'the command must run claude itself, so agentmux can pass it the rules');
  }
  if (raw.permissionMode && kind !== 'claude') throw where(`agents[${index}].permissionMode`, `is Claude Code's own setting (this agent is ${kind})`);
  return {
    name: raw.name,
    argv,
    cwd,
    env: raw.env ?? {},
    kind,
    ...(raw.prompt !== undefined ? { prompt: raw.prompt } : {}),
    ...(raw.isolate ? { isolate: true } : {}),
    ...(raw.scope ? { scope: raw.scope } : {}),
    ...(raw.worktree ? { worktreePrep: raw.worktree } : {}),
    ...(hasRules ? { rules: parsed } : {}),
    ...(raw.approvalMode ? { approvalMode: raw.approvalMode } : {}),
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
  if (spec.split('/').includes('..')) return `${quote(rule)} reaches outside the agent's directory with "..": write the path from // (the file system root) instead`;
  return null;
}

/** Files larger than this are not agentmux configs (and /dev/zero never ends). */
const MAX_CONFIG_BYTES = 1 << 20;

/**
 * A config file's bytes, read only from a regular file and never more than MAX_CONFIG_BYTES + 1
 * of them: a FIFO would block, a device never end, and /proc's files say they are empty.
 * Opened without blocking, then checked, so nothing can swap a FIFO in between.
 */
function readConfigBytes(file: string): Buffer {
  const cannot = (why: string) => new ConfigError(`${file}: ${why}`);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw cannot('no such file');
    if (code === 'ENXIO') throw cannot('not a regular file'); // a socket
    throw cannot(`cannot read (${code ?? (err as Error).message})`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw cannot('is a directory');
    if (!st.isFile()) throw cannot('not a regular file');
    if (st.size > MAX_CONFIG_BYTES) throw cannot(`too large for a config file (${st.size} bytes, at most ${MAX_CONFIG_BYTES})`);
    // In whole chunks: some /proc files take only reads of a multiple of 8 bytes.
    const CHUNK = 1 << 16;
    const buf = Buffer.alloc(MAX_CONFIG_BYTES + CHUNK);
    let n = 0;
    for (let got = -1; got !== 0 && n <= MAX_CONFIG_BYTES; n += got) got = readSync(fd, buf, n, CHUNK, null);
    if (n > MAX_CONFIG_BYTES) throw cannot(`too large for a config file (more than ${MAX_CONFIG_BYTES} bytes)`);
    return buf.subarray(0, n);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw cannot(`cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  } finally {
    closeSync(fd);
  }
}

/** The offset of the first byte that is not part of valid UTF-8 (overlong forms and surrogates included), or -1. */
export function invalidUtf8At(buf: Uint8Array): number {
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0) return i;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < n; k++) {
      const c = buf[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n;
  }
  return -1;
}

/** Reads, validates and resolves a config file. Throws ConfigError with a one-line message. */
export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  const where = (path: string, message: string) => new ConfigError(`${file}: ${path}: ${message}`);
  const bytes = readConfigBytes(file);
  const bad = invalidUtf8At(bytes);
  if (bad >= 0) {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const { line, column } = lineColumn(bytes.subarray(bom, bad).toString('utf8'), Infinity);
    throw new ConfigError(`${file}: line ${line}, column ${column}: not UTF-8 text (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')}): save the file as UTF-8`);
  }
  // A byte order mark is not part of the JSON (and would shift every column).
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  // Syntax first, with a position; then fields given twice, which JSON.parse would drop silently.
  const problem = jsonProblem(text);
  if (problem) throw new ConfigError(`${file}: ${problem}`);
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
      ...(parsed.data.title !== undefined ? { title: parsed.data.title } : {}),
      ...(parsed.data.worktree !== undefined ? { worktree: parsed.data.worktree } : {}),
    },
  };
}

/** The notification settings of a config's `notify` block, over the defaults. */
export function notifySettings(raw: RawConfig['notify']): NotifySettings {
  const d = DEFAULT_NOTIFY;
  if (!raw) return d;
  return {
    events: {
      approval: raw.approval ?? d.events.approval,
      finished: raw.finished ?? d.events.finished,
      stalled: raw.stalled ?? d.events.stalled,
      exited: raw.exited ?? d.events.exited,
      alert: raw.alert ?? d.events.alert,
    },
    desktop: raw.desktop ?? d.desktop,
    terminal: raw.terminal ?? d.terminal,
    sound: raw.sound ?? d.sound,
    command: raw.command ?? d.command,
    commandTimeoutMs: raw.commandTimeout !== undefined ? parseDuration(raw.commandTimeout)! : d.commandTimeoutMs,
    minWorkMs: raw.minWorkSeconds !== undefined ? raw.minWorkSeconds * 1000 : d.minWorkMs,
    remindAfterMs: raw.remind === undefined ? d.remindAfterMs : raw.remind === false ? [] : raw.remind.map((r) => parseDuration(r)!),
    burstLimit: d.burstLimit,
    burstWindowMs: d.burstWindowMs,
    digestMs: raw.digest === undefined || raw.digest === false ? d.digestMs : parseDuration(raw.digest)!,
  };
}

/** Parses one `--agent <name>=<command>` flag into an agent in `cwd`. */
export function parseAgentFlag(value: string, cwd: string, env: NodeJS.ProcessEnv = process.env): AgentSpec {
  const bad = (message: string) => new ConfigError(`--agent ${quote(value)}: ${message}`);
  const eq = value.indexOf('=');
  if (eq <= 0) throw bad('expected <name>=<command>, for example --agent api=claude');
  const name = value.slice(0, eq);
  const problem = agentNameProblem(name);
  if (problem) throw bad(`name ${quote(name)} ${problem}`);
  const command = value.slice(eq + 1);
  const argv = commandArgv(command, env);
  if (!Array.isArray(argv)) throw bad(`command ${argv.error}`);
  return { name, argv, cwd, env: {}, kind: kindOf(command) };
}
