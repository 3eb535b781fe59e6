import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { loadConfigFile, parseAgentFlag } from '../../src/config/load.js';
import { agentNameProblem, configSchema } from '../../src/config/schema.js';
import { MAX_DURATION_MS } from '../../src/config/duration.js';
import { BIN, runCli, tempDir } from '../helpers/cli.js';

/*
 * A seeded fuzzer of what agentmux reads before anything starts: config files and flags. Every
 * hostile input must be refused in one line naming the file, field or flag, with exit code 2,
 * at once, leaving nothing behind; an input it accepts must be one that can run. Most cases run
 * main() in this process (no terminal here, so a valid input stops at "needs an interactive
 * terminal"); a sample runs the built binary. AGENTMUX_FUZZ_SEED picks another seed.
 */

const SEED = Number(process.env.AGENTMUX_FUZZ_SEED ?? 14);
/** AGENTMUX_FUZZ_SLOW=<ms> prints every case slower than that. */
const SLOW_MS = Number(process.env.AGENTMUX_FUZZ_SLOW ?? 0);

/** mulberry32: a tiny PRNG, plenty for picking mutations. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
const rnd = prng(SEED);

/** Marks any agent process a case might start: none may exist, ever. */
const MARKER = `agentmux-fuzz-${process.pid}`;
const MB = 1_000_000;

/** What a terminal would act on, or that hides or reorders text. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** zod's own English, which names no field in agentmux's words. */
const ZOD_DEFAULT = /Invalid input|Invalid option|Too (big|small)|expected .* to (be|have)|received /;
const ACCEPTED = /needs an interactive terminal|Claude Code \(`claude`\) is not on PATH/;

interface Case {
  id: string;
  /** Flags after `agentmux`. */
  argv: string[];
  /** The line must contain one of these (a file, field or flag), unless the input was accepted. */
  names: string[];
  /** A valid input: then it must get as far as needing a terminal, and its config must be runnable. */
  mayPass?: boolean;
  /** The line, exactly (regression cases). */
  line?: RegExp;
  /** Paths the run must not create. */
  untouched?: string[];
  /** The config file, when there is one (checked when accepted). */
  config?: string;
}

interface Outcome {
  code: number | 'threw';
  stderr: string;
  stdout: string;
  ms: number;
  thrown?: unknown;
}

let work: string;
let stateHome: string;
let homeCwd: string;
let seq = 0;
const savedEnv = { XDG_STATE_HOME: process.env.XDG_STATE_HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
const savedCwd = process.cwd();

/** A fresh file holding `content`: its path. */
function file(content: string | Buffer, name = `c${++seq}.json`): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

const fresh = (what: string) => join(work, `${what}-${++seq}`);

beforeAll(() => {
  work = tempDir('agentmux-fuzz-');
  stateHome = join(work, 'state');
  homeCwd = join(work, 'cwd');
  mkdirSync(homeCwd);
  mkdirSync(join(homeCwd, 'src'));
  mkdirSync(join(work, 'xdg'));
  // Nothing here runs the dashboard: without a terminal it refuses (guard against a TTY anyway).
  for (const s of [process.stdin, process.stdout]) Object.defineProperty(s, 'isTTY', { value: false, configurable: true });
  process.env.XDG_STATE_HOME = stateHome;
  process.env.XDG_CONFIG_HOME = join(work, 'xdg');
  process.chdir(homeCwd);
});

afterAll(() => {
  process.chdir(savedCwd);
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** Runs main() here, with stderr and stdout caught. */
async function inProcess(argv: string[]): Promise<Outcome> {
  const err: string[] = [];
  const out: string[] = [];
  const { write: writeErr } = process.stderr;
  const { write: writeOut } = process.stdout;
  process.stderr.write = ((s: string | Uint8Array) => (err.push(String(s)), true)) as typeof process.stderr.write;
  process.stdout.write = ((s: string | Uint8Array) => (out.push(String(s)), true)) as typeof process.stdout.write;
  const started = performance.now();
  let code: Outcome['code'];
  let thrown: unknown;
  try {
    code = await main(['node', 'agentmux', ...argv]);
  } catch (e) {
    code = 'threw';
    thrown = e;
  } finally {
    process.stderr.write = writeErr;
    process.stdout.write = writeOut;
  }
  return { code, stderr: err.join(''), stdout: out.join(''), ms: performance.now() - started, thrown };
}

/** Processes whose command line holds the marker: agents a case started. */
function markedProcesses(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes(MARKER) && !cmd.includes('vitest')) found.push(`${pid}: ${cmd.replace(/\0/g, ' ')}`);
    } catch {
      // gone
    }
  }
  return found;
}

/** Why a config agentmux accepted could not run as loaded, or null. */
function unrunnable(config: string): string | null {
  const { agents, settings } = loadConfigFile(config, process.env);
  for (const a of agents) {
    if (agentNameProblem(a.name)) return `agent name ${JSON.stringify(a.name)}`;
    if (!a.argv.length || !a.argv[0]!.trim()) return `${a.name}: no program`;
    if ([...a.argv, a.cwd, ...Object.keys(a.env), ...Object.values(a.env)].some((s) => s.includes('\0'))) return `${a.name}: a NUL reaches the OS`;
    if (!statSync(a.cwd).isDirectory()) return `${a.name}: cwd`;
  }
  const n = settings.notify;
  const times = [settings.stallAfterMs, n.commandTimeoutMs, n.minWorkMs, ...n.remindAfterMs];
  if (times.some((t) => !Number.isFinite(t) || t < 0 || t > MAX_DURATION_MS)) return `a time out of range: ${times.join(', ')}`;
  if (!Number.isInteger(settings.scrollback) || settings.scrollback < 0 || settings.scrollback > 1_000_000) return `scrollback ${settings.scrollback}`;
  if (n.command?.includes('\0')) return 'a NUL in notify.command';
  return null;
}

/** What is wrong with how a case was answered; empty when nothing is. */
function problems(c: Case, r: Outcome, limitMs: number): string[] {
  if (r.code === 'threw')
    return [
      `threw ${String((r.thrown as Error)?.stack ?? r.thrown)
        .split('\n')
        .slice(0, 3)
        .join(' | ')}`,
    ];
  const p: string[] = [];
  const lines = r.stderr.split('\n');
  const line = lines[0] ?? '';
  if (lines.length !== 2 || lines[1] !== '') p.push(`not one line: ${JSON.stringify(r.stderr.slice(0, 300))}`);
  if (UNSAFE.test(r.stderr.slice(0, -1))) p.push(`unsafe characters: ${JSON.stringify(r.stderr.slice(0, 300))}`);
  if (!line.startsWith('agentmux: ')) p.push(`not agentmux's shape: ${JSON.stringify(line.slice(0, 200))}`);
  if (line.length > 600) p.push(`a line of ${line.length} characters`);
  if (/^\s+at |\bat .*:\d+:\d+|(^|\s)\w*Error:|internal error/.test(r.stderr)) p.push(`a stack trace or internal error: ${line.slice(0, 200)}`);
  if (ZOD_DEFAULT.test(line)) p.push(`zod's message: ${line.slice(0, 200)}`);
  if (r.stdout) p.push(`wrote to stdout: ${JSON.stringify(r.stdout.slice(0, 100))}`);
  const accepted = ACCEPTED.test(line);
  const missingClaude = /not on PATH/.test(line);
  if (r.code !== (missingClaude ? 1 : 2)) p.push(`exit code ${r.code}: ${line.slice(0, 200)}`);
  if (accepted && !c.mayPass) p.push(`accepted: ${line.slice(0, 200)}`);
  if (!accepted && c.names.length && !c.names.some((n) => line.includes(n))) p.push(`names none of ${JSON.stringify(c.names)}: ${line.slice(0, 300)}`);
  if (c.config && !accepted && !line.startsWith(`agentmux: ${c.config}: `)) p.push(`names not the file: ${line.slice(0, 200)}`);
  if (c.line && !c.line.test(line)) p.push(`expected ${c.line}: ${line.slice(0, 300)}`);
  if (accepted && c.config) {
    const why = unrunnable(c.config);
    if (why) p.push(`accepted a config that cannot run: ${why}`);
  }
  if (accepted) {
    for (const [i, a] of c.argv.entries()) {
      if (a !== '--agent' && a !== '-a') continue;
      const spec = parseAgentFlag(c.argv[i + 1]!, homeCwd, process.env);
      if (!spec.argv[0]?.trim() || spec.argv.some((w) => w.includes('\0')))
        p.push(`accepted --agent ${JSON.stringify(c.argv[i + 1]).slice(0, 60)}, which cannot run: ${JSON.stringify(spec.argv).slice(0, 60)}`);
    }
  }
  if (r.ms > limitMs) p.push(`took ${Math.round(r.ms)} ms`);
  for (const path of c.untouched ?? []) if (existsSync(path)) p.push(`left ${path} behind`);
  if (existsSync(stateHome)) p.push(`wrote to XDG_STATE_HOME: ${readdirSync(stateHome, { recursive: true }).join(', ')}`);
  return p;
}

/**
 * How long a refusal may take before it counts as a hang. Alone each takes well under a second
 * (the slowest figures are printed); the bound is loose so a loaded machine does not fail it,
 * and tight enough to catch what this fuzz found (reads and regular expressions of minutes).
 */
const HANG_MS = 5000;

async function runAll(cases: Case[], limitMs = HANG_MS) {
  const failures: string[] = [];
  let slowest = 0;
  for (const c of cases) {
    const r = await inProcess(c.argv);
    slowest = Math.max(slowest, r.ms);
    if (SLOW_MS && r.ms > SLOW_MS) console.log(`SLOW ${Math.round(r.ms)} ${c.id.slice(0, 80)}`);
    for (const p of problems(c, r, limitMs)) failures.push(`[seed ${SEED}] ${c.id}: ${p}`);
  }
  failures.push(...markedProcesses().map((m) => `an agent was started: ${m}`));
  return { failures, slowest };
}

// ---------------------------------------------------------------------------------------------
// Configs

/** A config using every field, valid: each case breaks one thing in it. */
function baseConfig(): Record<string, unknown> {
  return {
    agents: [
      {
        name: 'a',
        command: ['sleep', '600', MARKER],
        cwd: '.',
        env: { K: 'v' },
        kind: 'shell',
        prompt: 'hello',
        isolate: false,
        scope: ['src/**'],
        worktree: { copy: ['.env'], setup: 'true' },
        permissions: { allow: ['Bash(npm test)'], deny: ['Bash(rm:*)'] },
        approvalMode: 'rules',
        permissionMode: 'plan',
      },
      { name: 'c', command: 'claude', permissionMode: 'plan', permissions: { allow: ['Edit(src/**)'] } },
    ],
    scrollback: 100,
    worktreeDir: '.agentmux/trees',
    worktree: { copy: ['.env', 'config/*.local.json'], setup: 'npm ci' },
    permissions: { allow: ['Bash(npm run lint:*)'], deny: ['Bash(git push:*)'] },
    approvalMode: 'manual',
    keys: { detach: 'ctrl+]' },
    notify: { approval: true, finished: true, stalled: true, exited: true, desktop: false, terminal: 'off', sound: false, command: 'true', commandTimeout: '5s', minWorkSeconds: 1, remind: ['2m'] },
    stallAfter: '90s',
  };
}

/** Agent 0 is a shell: permissionMode belongs to the claude one. */
function validBase(): Record<string, unknown> {
  const c = baseConfig();
  delete (c.agents as Record<string, unknown>[])[0]!.permissionMode;
  return c;
}

type Path = (string | number)[];
interface Field {
  path: Path;
  types: Set<string>;
}

/** Every field of the schema, with the JSON types it takes: [] is index 0, a record's key is K. */
function schemaFields(): Field[] {
  const fields = new Map<string, Field>();
  const add = (path: Path, type: string) => {
    const key = JSON.stringify(path);
    if (!fields.has(key)) fields.set(key, { path, types: new Set() });
    fields.get(key)!.types.add(type);
  };
  const walk = (s: unknown, path: Path): void => {
    const def = (s as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
    switch (def.type) {
      case 'optional':
        return walk(def.innerType, path);
      case 'object':
        add(path, 'object');
        for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) walk(v, [...path, k]);
        return;
      case 'array':
        add(path, 'array');
        return walk(def.element, [...path, 0]);
      case 'union':
        for (const o of def.options as unknown[]) walk(o, path);
        return;
      case 'pipe':
        return walk(def.out, path);
      case 'record':
        add(path, 'object');
        return walk(def.valueType, [...path, 'K']);
      case 'enum':
        return add(path, 'string');
      case 'literal':
        return add(path, typeof (def.values as unknown[])[0]);
      default:
        return add(path, def.type);
    }
  };
  walk(configSchema, []);
  return [...fields.values()];
}

/** "agents[0].env.K", as agentmux names a field. */
const fieldName = (path: Path) => path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '') || '(top level)';

function setAt(obj: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  if (path.length === 0) return value as Record<string, unknown>;
  let cur = obj as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) {
    if (cur[k] === undefined || typeof cur[k] !== 'object') cur[k] = typeof k === 'number' ? [] : {};
    cur = cur[k] as Record<string | number, unknown>;
  }
  cur[path[path.length - 1]!] = value;
  return obj;
}

/** A value nested `depth` deep, as text (JSON.stringify would recurse). */
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** Long strings in shapes that make careless regular expressions and loops slow. */
const LONG_PIECES = [' ', '"', '\\"', '{', '*', '(', '1 ', 'a', '_', '\u202e', '\u200b', '\x1b[31m', '..', '/', 'ms', '\n'];
function longString(bytes = MB): string {
  const piece = rnd.pick(LONG_PIECES);
  const each = Buffer.byteLength(JSON.stringify(piece)) - 2; // as written in the file
  return rnd.pick(['', '1', 'Bash(', 'Edit(', 'mcp__', 'ctrl+', '"']) + piece.repeat(Math.floor(bytes / each)) + rnd.pick(['', 'x', ')', '!', '"']);
}

const NASTY_STRINGS = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '1e999',
  '0x10',
  '-0',
  '1_000',
  '\u0000',
  'a\u0000b',
  '\x1b[2J\x1b[H',
  '\x1b]0;title\x07',
  '\u009b31m',
  'a\u202eb',
  '\u200b',
  '\u2028',
  '\ufeff',
  '\ud800',
  'line\nbreak',
  '\r',
  '\t',
  'é',
  '名前',
  '😀',
  '$(touch pwned)',
  '`id`',
  "'",
  '"',
  '\\',
  '../../etc',
  '~',
  '/',
  'ctrl+',
  'CTRL+]',
];
const NASTY_NUMBERS = [-1, -0.5, 0, 0.5, 1.5, 1e21, 1e308, -1e308, 2 ** 53, 2 ** 31, Number.MIN_VALUE];

/** Values of none of the JSON types in `types`. */
function wrongValues(types: Set<string>): string[] {
  const all: [string, string][] = [
    ['string', '"x"'],
    ['number', '5'],
    ['number', '-1e308'],
    ['boolean', 'true'],
    ['boolean', 'false'],
    ['null', 'null'],
    ['array', '[]'],
    ['array', '[1, "x"]'],
    ['object', '{}'],
    ['object', '{"x": 1}'],
  ];
  return all.filter(([t]) => !types.has(t)).map(([, v]) => v);
}

/** The base config as text with a field `key` (any string, even "__proto__") holding `raw` in the object at `path`. */
function withKey(path: Path, key: string, raw: string): string {
  const placeholder = `@@${MARKER}@@`;
  return JSON.stringify(setAt(validBase(), [...path, placeholder], 0)).replace(`"${placeholder}":0`, `${JSON.stringify(key)}:${raw}`);
}

/** The base config as text with `raw` (JSON text) at `path`. */
function withRaw(path: Path, raw: string): string {
  const placeholder = `@@${MARKER}@@`;
  return JSON.stringify(setAt(validBase(), path, placeholder)).replace(`"${placeholder}"`, raw);
}

function configCase(id: string, text: string | Buffer, names: string[], extra: Partial<Case> = {}): Case {
  const path = file(text);
  return { id, argv: ['--config', path], names, config: path, ...extra };
}

/** Every field given a wrong type, and deep nesting in some. */
function wrongTypeCases(): Case[] {
  const cases: Case[] = [];
  for (const { path, types } of schemaFields()) {
    const wrong = wrongValues(types);
    const picks = new Set([rnd.pick(wrong), rnd.pick(wrong), rnd.pick(wrong)]);
    if (rnd.chance(0.3) && !types.has('array')) picks.add(deepArray(50_000));
    if (rnd.chance(0.2) && !types.has('object')) picks.add(deepObject(20_000));
    for (const raw of picks) {
      cases.push(configCase(`wrong type ${fieldName(path)} = ${raw.slice(0, 30)}`, withRaw(path, raw), [`: ${fieldName(path)}`]));
    }
  }
  return cases;
}

/** Values of the right type but hostile: they may be valid; then they must be runnable. */
function hostileValueCases(): Case[] {
  const cases: Case[] = [];
  const fields = schemaFields().filter((f) => f.types.has('string') || f.types.has('number'));
  for (const { path, types } of fields) {
    for (let k = 0; k < 3; k++) {
      const value = types.has('string') && (!types.has('number') || rnd.chance(0.5)) ? rnd.pick(NASTY_STRINGS) : rnd.pick(NASTY_NUMBERS);
      cases.push(configCase(`hostile ${fieldName(path)} = ${JSON.stringify(value).slice(0, 30)}`, withRaw(path, JSON.stringify(value)), [fieldName(path).split(/[.[]/)[0]!], { mayPass: true }));
    }
  }
  // A megabyte at a few fields (the file stays under the 1 MB limit): quick, and said in short.
  for (let k = 0; k < 8; k++) {
    const { path, types } = rnd.pick(fields.filter((f) => f.types.has('string')));
    const value = longString();
    cases.push(
      configCase(`1 MB ${fieldName(path)} of ${JSON.stringify(value.slice(0, 12))}`, withRaw(path, JSON.stringify(value)), [fieldName(path).split(/[.[]/)[0]!], { mayPass: types.has('string') }),
    );
  }
  // Hostile names of fields and env variables, and a 1 MB one.
  for (const key of ['\x1b[31m', 'a\nb', '\u202e', 'x'.repeat(MB), '__proto__', 'constructor']) {
    cases.push(configCase(`unknown field ${JSON.stringify(key).slice(0, 20)}`, withKey(['agents', 0], key, '1'), ['agents[0]']));
    cases.push(configCase(`env name ${JSON.stringify(key).slice(0, 20)}`, withKey(['agents', 0, 'env'], key, '1'), ['agents[0].env']));
    cases.push(configCase(`env name ${JSON.stringify(key).slice(0, 20)}, a string`, withKey(['agents', 0, 'env'], key, '"v"'), ['agents[0].env'], { mayPass: true }));
  }
  return cases;
}

/** The offsets of `text`'s characters outside its strings. */
function structural(text: string): number[] {
  const out: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    if (inString) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') inString = false;
    } else if (text[i] === '"') inString = true;
    else out.push(i);
  }
  return out;
}

/** Mutations of the file's text: syntax errors at random places, encodings, sizes. */
function textCases(): Case[] {
  const cases: Case[] = [];
  const pretty = JSON.stringify(validBase(), null, rnd.pick([0, 2, '\t']));
  const at = () => 1 + rnd.int(pretty.length - 2);
  const splice = (i: number, insert: string, cut = 0) => pretty.slice(0, i) + insert + pretty.slice(i + cut);
  for (let k = 0; k < 12; k++) cases.push(configCase(`truncated at ${k}`, pretty.slice(0, at()), ['line ']));
  const places = structural(pretty);
  for (let k = 0; k < 8; k++) {
    const i = rnd.pick(places.filter((j) => ',{[:'.includes(pretty[j]!)));
    cases.push(configCase(`stray comma after ${pretty[i]} at ${i}`, splice(i + 1, ','), ['line ']));
  }
  for (let k = 0; k < 6; k++) {
    const i = rnd.pick(places.filter((j) => pretty[j] === ','));
    cases.push(configCase(`comment at ${i}`, splice(i + 1, rnd.pick([' // note\n', ' /* note */ ', ' # note\n'])), ['line ']));
  }
  for (let k = 0; k < 8; k++) {
    const bytes = Buffer.from(pretty);
    const bad = rnd.pick([[0xff], [0xfe], [0xc0, 0x80], [0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]);
    const i = rnd.int(bytes.length);
    cases.push(configCase(`not UTF-8 ${k}`, Buffer.concat([bytes.subarray(0, i), Buffer.from(bad), bytes.subarray(i)]), ['line ']));
  }
  for (let k = 0; k < 6; k++) {
    const junk = rnd.pick(['\x00', '\x1b[2J', '\x07', '\u0085', "'", 'NaN', 'undefined', '\ufeff']);
    // Inside a string, printable junk is just text.
    cases.push(configCase(`junk ${JSON.stringify(junk)} ${k}`, splice(at(), junk), [], { mayPass: !/[\x00-\x1f]/.test(junk) }));
  }
  // Duplicate keys: JSON.parse keeps the last silently.
  const dups: [string, string][] = [
    ['agents', '{"agents":[{"name":"x","command":"bash"}],"agents":[{"name":"a","command":"bash"}]}'],
    ['agent field', '{"agents":[{"name":"a","command":"bash","name":"b"}]}'],
    ['nested', '{"agents":[{"name":"a","command":"bash"}],"notify":{"sound":true,"sound":false}}'],
    ['escaped spelling', '{"agents":[{"name":"a","command":"bash"}],"scrollback":1,"scroll\\u0062ack":2}'],
  ];
  for (const [what, text] of dups) cases.push(configCase(`duplicate key: ${what}`, text, ['duplicate field']));
  const BOM = '\ufeff';
  cases.push(configCase('BOM', BOM + pretty, [], { mayPass: true }));
  cases.push(configCase('two BOMs', BOM + BOM + pretty, ['line 1']));
  cases.push(configCase('BOM inside', splice(pretty.indexOf(','), BOM), ['line ']));
  cases.push(configCase('UTF-16', Buffer.from(BOM + pretty, 'utf16le'), ['line 1']));
  cases.push(configCase('CRLF', pretty.replace(/\n/g, '\r\n'), [], { mayPass: true }));
  for (const [what, text] of [
    ['empty', ''],
    ['blank', ' \n\t '],
    ['null', 'null'],
    ['number', '1e999'],
    ['string', '"agents"'],
    ['array', '[]'],
    ['empty object', '{}'],
    ['deep unclosed', '['.repeat(MB - 10)],
    ['deep unclosed objects', '{"a":'.repeat(200_000)],
    ['deep valid', deepArray(400_000)],
    ['deep, then a syntax error', `${'['.repeat(300_000)}1,]`],
    ['huge number', '{"agents":[{"name":"a","command":"bash"}],"scrollback":1e999}'],
    ['huge minWorkSeconds', '{"agents":[{"name":"a","command":"bash"}],"notify":{"minWorkSeconds":-1e999}}'],
    ['1 MB string', `{"agents":[{"name":"a","command":"bash","kind":"${'k'.repeat(MB)}"}]}`],
    ['1 MB of spaces', `${' '.repeat(MB)}{`],
    ['1 MB number', `{"agents":[{"name":"a","command":"bash"}],"scrollback":${'9'.repeat(MB)}}`],
    ['over 1 MB', `{"agents":[${' '.repeat(1 << 20)}]}`],
    ['single quotes', "{'agents': []}"],
    ['trailing garbage', `${pretty}x`],
    ['two documents', `${pretty}\n${pretty}`],
  ] as const) {
    cases.push(configCase(`file: ${what}`, text, ['line ', 'agents', '(top level)', 'too large']));
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Flags

function specialPaths() {
  const dir = fresh('dir');
  mkdirSync(dir);
  const fifo = fresh('fifo');
  execFileSync('mkfifo', [fifo]);
  const regular = file('');
  return { dir, fifo, regular };
}

function flagCases(): Case[] {
  const { dir, fifo, regular } = specialPaths();
  const ok = file(JSON.stringify(validBase()));
  const broken = file('{"agents": [');
  const cases: Case[] = [];
  const add = (id: string, argv: string[], names: string[], extra: Partial<Case> = {}) => cases.push({ id, argv, names, ...extra });

  // Values missing, flags unknown, repeated, or misplaced.
  for (const flag of ['--config', '-c', '--events', '--record', '--agent', '-a']) add(`${flag} without a value`, [flag], [flag.replace(/^-(\w)$/, '-$1,')]);
  add('demo --speed without a value', ['demo', '--speed'], ['--speed']);
  add('-- alone ends the flags', ['--'], [], { mayPass: true });
  for (const flag of ['--frobnicate', '--event', '--confg', '-x', '---config', '-', '--x\x1b[31m', '--\u202eevil', `--${'y'.repeat(MB)}`, '--config=']) {
    add(`unknown flag ${JSON.stringify(flag).slice(0, 20)}`, [flag, ...(rnd.chance(0.5) ? ['--agent', `a=sleep 1 ${MARKER}`] : [])], ['option', 'argument', '--config', 'unknown', 'too many']);
  }
  for (const sub of [['notify'], ['notify', '--bogus'], ['worktrees', '--bogus'], ['worktrees', 'prune', '--bogus'], ['worktrees', 'prune', 'extra'], ['demo', 'extra'], ['bogus']]) {
    add(`subcommand ${sub.join(' ')}`, ['--config', broken, ...sub], ['option', 'argument', 'unknown', 'too many', broken]);
  }
  // The demo reads no config: its agents are its own.
  add('demo with a config', ['--config', broken, 'demo'], [], { mayPass: true });
  for (const v of ['abc', '', ' ', '-1', '0', 'NaN', 'Infinity', '1e400', '1e-400', '1e300', '1e-300', '0x10', '1,5', '\x1b[31m']) {
    add(`demo --speed ${JSON.stringify(v)}`, ['demo', '--speed', v], ['--speed']);
  }
  add('--config twice', ['--config', broken, '--config', ok], [], { mayPass: true });
  const [ev1, ev2] = [fresh('ev'), fresh('ev')];
  add('--events twice: the last one counts', ['--agent', `a=sleep 1 ${MARKER}`, '--events', ev1, '--events', ev2], [], { mayPass: true, untouched: [ev1, ev2] });

  // --agent values with odd quoting.
  const agentValues = [
    'no-equals',
    '=bash',
    'a=',
    'a=   ',
    'a="unclosed',
    "a='unclosed",
    'a="x\\"',
    `a="${'\\"'.repeat(200_000)}`,
    `a=${'"'.repeat(MB)}`,
    `a=${"'".repeat(MB)} x`,
    'a b=bash',
    'a..b=bash',
    'x.lock=bash',
    '\x1b[31m=bash',
    'a\u202e=bash',
    '名=bash',
    `${'n'.repeat(33)}=bash`,
    'a=ba\u0000sh',
    `a=sleep 1 '${MARKER}' \u0000`,
  ];
  for (const v of agentValues) add(`--agent ${JSON.stringify(v).slice(0, 30)}`, ['--agent', v], ['--agent']);
  add('--agent twice by name', ['--agent', `a=sleep 1 ${MARKER}`, '--agent', `A=sleep 1 ${MARKER}`], ['--agent']);
  for (const v of [`a=sleep 1 ${MARKER}`, `a=\\ ${MARKER}`, `a="sleep" '1' ${MARKER}`, `a=sleep 1 ${MARKER} && true`, `a=sleep 1 ${MARKER} '\u202e\x1b'`]) {
    add(`--agent valid ${JSON.stringify(v).slice(0, 30)}`, ['--agent', v], [], { mayPass: true });
  }

  // --events, --record and --config pointing at what cannot be one.
  const agent = ['--agent', `a=sleep 1 ${MARKER}`];
  const nowhere = join(work, 'no', 'such', 'dir');
  const evTargets = [dir, fifo, '/dev/zero', '/dev/null', '/dev/full', join(nowhere, 'ev.jsonl'), join(regular, 'ev.jsonl'), '/proc/1/ev.jsonl', '/sys/ev.jsonl', '', ' ', 'a\u0000b'];
  for (const t of evTargets) add(`--events ${JSON.stringify(t)}`, [...agent, '--events', t], ['--events']);
  const recTargets = [regular, fifo, '/dev/zero', '/dev/null', join(regular, 'rec'), '/proc/1/rec', '/sys/rec', '/proc/version/rec', '', 'a\u0000b'];
  for (const t of recTargets) add(`--record ${JSON.stringify(t)}`, [...agent, '--record', t], ['--record']);
  const cfgTargets = [
    dir,
    fifo,
    '/dev/zero',
    '/dev/null',
    '/dev/full',
    '/proc/self/pagemap',
    '/proc/self/mem',
    join(nowhere, 'c.json'),
    join(regular, 'c.json'),
    '',
    ' ',
    'a\u0000b',
    `${work}/\x1b[31m\n.json`,
  ];
  // Permissions bind only those who are not root (/proc and /sys bind root too, above).
  if (process.getuid?.() !== 0) {
    const ro = fresh('readonly');
    mkdirSync(ro, { mode: 0o500 });
    const unreadable = file('{}');
    chmodSync(unreadable, 0);
    add('--events in a read-only directory', [...agent, '--events', join(ro, 'ev.jsonl')], ['--events'], { untouched: [join(ro, 'ev.jsonl')] });
    add('--record in a read-only directory', [...agent, '--record', join(ro, 'rec')], ['--record'], { untouched: [join(ro, 'rec')] });
    add('--config unreadable', ['--config', unreadable], [unreadable]);
  }
  for (const t of cfgTargets) add(`--config ${JSON.stringify(t)}`, ['--config', t], ['--config', t.replace(UNSAFE, '').slice(0, 20) || '--config', work]);

  // A valid run stopped for want of a terminal, or by a later bad flag, leaves nothing behind.
  for (let k = 0; k < 12; k++) {
    // Each flag once (a repeated one is the last one given): good, or one of them bad.
    const evDir = fresh('evdir');
    mkdirSync(evDir);
    const ev = join(evDir, 'ev.jsonl');
    const rec = join(fresh('rec'), ...(rnd.chance(0.5) ? ['a', 'b'] : []));
    const flags: Record<string, string[]> = { events: ['--events', ev], record: ['--record', rec], agent, config: [] };
    const bad = rnd.pick([null, ['record', regular], ['events', dir], ['record', '/proc/1/rec'], ['config', broken], ['events', join(nowhere, 'ev')]] as const);
    if (bad) flags[bad[0]] = [`--${bad[0]}`, bad[1]];
    const argv = Object.values(flags)
      .sort(() => rnd.next() - 0.5)
      .flat();
    add(`leaves nothing: ${argv.join(' ').replaceAll(work, '').slice(0, 80)}`, argv, ['--record', '--events', broken], {
      mayPass: !bad,
      untouched: [ev, rec, join(rec, '..')].filter((p) => !existsSync(p)),
    });
  }
  return cases;
}

/** Random mixes of good and bad flags. */
function mixedFlagCases(pool: Case[]): Case[] {
  const cases: Case[] = [];
  for (let k = 0; k < 30; k++) {
    const parts = [rnd.pick(pool), rnd.pick(pool)];
    const argv = parts.flatMap((c) => c.argv);
    // A subcommand must come first among them, and notify never runs here.
    if (argv.includes('notify') || argv.includes('worktrees') || argv.includes('demo')) continue;
    cases.push({
      id: `mix ${parts.map((c) => c.id).join(' + ')}`,
      argv,
      names: parts.flatMap((c) => c.names).concat(['option', 'argument', '--agent']),
      mayPass: parts.every((c) => c.mayPass),
      untouched: parts.flatMap((c) => c.untouched ?? []),
    });
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Regression cases: each was a bug the fuzzer found.

function regressionCases(): Case[] {
  const withText = (path: Path, raw: string) => file(withRaw(path, raw));
  const c: Case[] = [];
  const add = (id: string, argv: string[], line: RegExp, extra: Partial<Case> = {}) => c.push({ id, argv, names: [], line, ...extra });
  // Nesting deeper than the call stack overflowed the syntax-error scanner: "internal error", exit 1.
  const deep = file('['.repeat(100_000));
  add('deep nesting with an error', ['--config', deep], /: line 1, column 100001: invalid JSON: expected a value, found the end of the file$/);
  // Control characters from a field name, an env name, a file name or a flag reached the terminal raw.
  add('ESC and newline in a field name', ['--config', withText(['agents', 0, '\x1b[31m\nx'], '1')], /: agents\[0\]\["\\u001b\[31m\\nx"\]: unknown field "\\u001b\[31m\\nx"$/);
  add('ESC in an env name', ['--config', withText(['agents', 0, 'env', '\x1b]0;x\x07'], '1')], /: agents\[0\]\.env\["\\u001b\]0;x\\u0007"\]: must be a string, got a number$/);
  add('bidi override in a kind', ['--config', withText(['agents', 0, 'kind'], '"a\\u202eb\\u009b"')], /: agents\[0\]\.kind: unknown kind "a\\u202eb\\u009b" \(expected one of/);
  add('ESC in a detach key', ['--config', withText(['keys', 'detach'], '"\\u001b\\n"')], /: keys\.detach: must be ctrl\+<key> .*\(not a ctrl\+<key> combination: "\\u001b\\n"\)$/);
  const escName = `${work}/\x1b[31mred.json`;
  add('ESC in a --config file name', ['--config', escName], new RegExp(`${work}/\\\\u001b\\[31mred\\.json: no such file$`));
  add('ESC in an unknown flag', ['--x\x1b[2J'], /^agentmux: unknown option '--x\\u001b\[2J'$/);
  add('newline in --speed', ['demo', '--speed', '1\nx'], /argument '1\\nx' is invalid\. must be a number from 0\.1 to 100$/);
  // Commander's suggestion came on a second line.
  add('a near miss of a flag', ['--event', 'x'], /^agentmux: unknown option '--event' \(Did you mean --events\?\)$/);
  // A megabyte echoed back whole.
  add('1 MB kind', ['--config', withText(['agents', 0, 'kind'], JSON.stringify('k'.repeat(MB)))], /: agents\[0\]\.kind: unknown kind "k{60}…" \(1000000 characters\) \(expected one of/);
  add('1 MB --agent', ['--agent', `${'n'.repeat(MB)}=bash`], /^agentmux: --agent "n{60}…" \(1000005 characters\): name "n{60}…" \(1000000 characters\) must be 1-32/);
  // Quadratic regular expressions: a megabyte took minutes (durations, shell quotes, mcp rules).
  add('1 MB duration of spaces', ['--config', withText(['stallAfter'], JSON.stringify(`1${' '.repeat(MB)}x`))], /: stallAfter: must be a duration/);
  add('1 MB of escaped quotes in a command', ['--config', withText(['agents', 0, 'command'], JSON.stringify(`"${'\\"'.repeat(MB / 4)}`))], /: agents\[0\]\.command: unclosed double quote$/);
  add('1 MB mcp rule', ['--config', withText(['agents', 1, 'permissions', 'allow'], JSON.stringify([`mcp__${'_'.repeat(MB)}!`]))], /: agents\[1\]\.permissions\.allow\[0\]: cannot read "mcp__/);
  // zod's own English: "Too big: expected int to be <=9007199254740991", "Invalid input", "got a number" for Infinity.
  add('scrollback 1e308', ['--config', withText(['scrollback'], '1e308')], /: scrollback: must be at most 1000000, got 1e\+308$/);
  add('scrollback 1.5', ['--config', withText(['scrollback'], '1.5')], /: scrollback: must be a whole number, got 1\.5$/);
  add('scrollback -1', ['--config', withText(['scrollback'], '-1')], /: scrollback: must be at least 0, got -1$/);
  add('scrollback 1e999', ['--config', withText(['scrollback'], '1e999')], /: scrollback: must be a number, got a number too large to hold$/);
  add('empty cwd', ['--config', withText(['agents', 0, 'cwd'], '""')], /: agents\[0\]\.cwd: must not be empty$/);
  add('a duration of the wrong type', ['--config', withText(['stallAfter'], 'true')], /: stallAfter: must be a string or a number, got a boolean$/);
  add('a reminder of the wrong type', ['--config', withText(['notify', 'remind'], '[true]')], /: notify\.remind\[0\]: must be a string or a number, got a boolean$/);
  add('remind: true', ['--config', withText(['notify', 'remind'], 'true')], /: notify\.remind: must be false or an array, got a boolean$/);
  add('a command array holding a number', ['--config', withText(['agents', 0, 'command'], '["a", 5]')], /: agents\[0\]\.command\[1\]: must be a string, got a number$/);
  add('an enum given an object', ['--config', withText(['approvalMode'], deepObject(30_000))], /: approvalMode: must be one of manual, rules, pause, got an object$/);
  // JSON.parse keeps the last of two fields: the first "agents" was dropped silently.
  add(
    'duplicate agents',
    ['--config', file('{"agents":[{"name":"x","command":"bash"}],\n "agents":[]}')],
    /: line 2, column 2: duplicate field "agents" \(also at line 1, column 2\): give each field once$/,
  );
  // Bytes that are not UTF-8 became U+FFFD silently.
  add(
    'Latin-1 in a prompt',
    ['--config', file(Buffer.concat([Buffer.from('{"agents":[{"name":"a","command":"bash","prompt":"caf'), Buffer.from([0xe9]), Buffer.from('"}]}')]))],
    /: line 1, column 54: not UTF-8 text \(byte 0xe9\): save the file as UTF-8$/,
  );
  // A NUL in a command would fail only when the agent starts.
  add('NUL in a command', ['--config', withText(['agents', 0, 'command'], '["sle\\u0000ep"]')], /: agents\[0\]\.command: must not contain a NUL character$/);
  add('NUL in notify.command', ['--config', withText(['notify', 'command'], '"a\\u0000b"')], /: notify\.command: must not contain a NUL character$/);
  add('NUL in --agent', ['--agent', 'a=ba\u0000sh'], /--agent "a=ba\\u0000sh": command must not contain a NUL character$/);
  // /proc files say they are empty: /proc/self/pagemap was read for ever.
  add('an endless /proc file', ['--config', '/proc/self/pagemap'], /^agentmux: \/proc\/self\/pagemap: too large for a config file \(more than 1048576 bytes\)$/);
  // Quotes alone made an empty program, which nothing can run.
  add('an empty program from quotes', ['--agent', `a="" ${MARKER}`], /--agent "a=\\"\\" agentmux-fuzz-\d+": command must start with the program, not an empty word$/);
  add('an empty program in a config', ['--config', withText(['agents', 0, 'command'], `"'' x"`)], /: agents\[0\]\.command: must start with the program, not an empty word$/);
  // zod drops "__proto__" from a record silently: the variable was lost.
  add('__proto__ as an env name', ['--config', file(withKey(['agents', 0, 'env'], '__proto__', '"v"'))], /: agents\[0\]\.env\.__proto__: cannot be an environment variable name here$/);
  // Number() took hex and exponents as a speed.
  for (const v of ['0x10', '1e1', ' ']) add(`--speed ${JSON.stringify(v)}`, ['demo', '--speed', v], /is invalid\. must be a number from 0\.1 to 100$/);
  // Empty values were taken as "none" (--events, --record) or named no flag (--config).
  add('--config ""', ['--config', ''], /^agentmux: option '-c, --config <file>' argument '' is invalid\. needs a path$/);
  add('--events ""', ['--agent', 'a=bash', '--events', ''], /^agentmux: option '--events <file>' argument '' is invalid\. needs a path$/);
  add('--record ""', ['--agent', 'a=bash', '--record', ''], /^agentmux: option '--record <dir>' argument '' is invalid\. needs a path$/);
  // A flag missing its value took the next flag as a file name.
  add(
    '--events before another flag',
    ['--agent', 'a=bash', '--events', '--record', 'x'],
    /^agentmux: option '--events <file>' argument '--record' is invalid\. looks like a flag, not a path \(for a file of that name, write \.\/--record\)$/,
    { untouched: [join(homeCwd, '--record')] },
  );
  // A device is no events log.
  add('--events /dev/zero', ['--agent', 'a=bash', '--events', '/dev/zero'], /^agentmux: --events \/dev\/zero: not a regular file$/);
  add('--events in no directory', ['--agent', 'a=bash', '--events', join(work, 'nope', 'ev')], new RegExp(`--events ${work}/nope/ev: no directory ${work}/nope to put it in$`));
  // A refused run created the events file and the --record directories.
  const ev = join(work, 'left', 'ev.jsonl');
  mkdirSync(join(work, 'left'), { recursive: true });
  const rec = join(work, 'left', 'rec', 'a', 'b');
  add('no terminal: nothing made', ['--agent', 'a=bash', '--events', ev, '--record', rec], /needs an interactive terminal/, { mayPass: true, untouched: [ev, join(work, 'left', 'rec')] });
  add('a bad --record: no events file', ['--agent', 'a=bash', '--events', ev, '--record', '/proc/1/rec'], /--record \/proc\/1\/rec: cannot create/, { untouched: [ev] });
  // A speed past what timers take (the stall time overflowed them), or none at all.
  for (const v of ['1e300', '1e-300', '0.05', '101']) add(`--speed ${v}`, ['demo', '--speed', v], /argument '.*' is invalid\. must be a number from 0\.1 to 100$/);
  return c;
}

describe(`config and flag fuzz (issue 14, seed ${SEED})`, () => {
  it('the base config is valid, and the schema walk covers every field the README documents', async () => {
    const base = file(JSON.stringify(validBase()));
    expect(unrunnable(base)).toBeNull();
    const walked = new Set(schemaFields().map((f) => fieldName(f.path).replace(/\[0\]/g, '[]').replace(/\.K$/, '')));
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Config file'), readme.indexOf('## Approval rules'));
    const documented = [...section.matchAll(/^\| (`[^|]+`)(?:, `[^|]+`)* \|/gm)].flatMap((m) => [...m[0].matchAll(/`([^`]+)`/g)].map((x) => x[1]!));
    for (const f of documented) expect(walked, `README field ${f}`).toContain(f);
  });

  it('regression cases: each refused (or stopped) in the line it should be', async () => {
    const { failures } = await runAll(regressionCases());
    expect(failures).toEqual([]);
  });

  it('a wrong type at every field of the schema names the file and the field', async () => {
    const cases = wrongTypeCases();
    expect(cases.length).toBeGreaterThan(100);
    const { failures, slowest } = await runAll(cases);
    expect(failures).toEqual([]);
    console.log(`wrong types: ${cases.length} cases, slowest ${Math.round(slowest)} ms`);
  });

  it('hostile values are refused in a safe line, or accepted only when they can run', async () => {
    const cases = hostileValueCases();
    const { failures, slowest } = await runAll(cases);
    expect(failures).toEqual([]);
    console.log(`hostile values: ${cases.length} cases, slowest ${Math.round(slowest)} ms`);
  });

  it('broken, odd and huge files are refused with a position', async () => {
    const cases = textCases();
    const { failures, slowest } = await runAll(cases);
    expect(failures).toEqual([]);
    console.log(`texts: ${cases.length} cases, slowest ${Math.round(slowest)} ms`);
  });

  it('bad flags, and flags pointing at what cannot be used, are refused leaving nothing behind', async () => {
    const cases = flagCases();
    const all = [...cases, ...mixedFlagCases(cases)];
    const { failures, slowest } = await runAll(all);
    expect(failures).toEqual([]);
    console.log(`flags: ${all.length} cases, slowest ${Math.round(slowest)} ms`);
  });
});

describe('the built binary on a sample', () => {
  /** Runs the binary: a case's outcome, and the time from start to exit. */
  async function viaBinary(c: Case): Promise<Outcome> {
    const started = performance.now();
    const r = await runCli(c.argv, { cwd: homeCwd, env: { XDG_STATE_HOME: stateHome, XDG_CONFIG_HOME: join(work, 'xdg') } });
    return { code: r.exitCode ?? -1, stderr: r.stderr ? `${r.stderr}\n` : '', stdout: r.stdout, ms: performance.now() - started };
  }

  it('exit 2, one safe line naming the flag or file, at once (no hang), nothing left behind', async () => {
    // argv cannot carry a NUL, nor a megabyte in one argument.
    const fits = (c: Case) => c.argv.every((a) => !a.includes('\0') && a.length < 100_000);
    const regressions = regressionCases().filter(fits);
    const others = [...textCases(), ...flagCases()].filter(fits).sort(() => rnd.next() - 0.5);
    const sample = [...regressions.filter((_, i) => i % 3 === 0), ...others.slice(0, 12)];
    const failures: string[] = [];
    let slowest = 0;
    for (const c of sample) {
      let r = await viaBinary(c);
      // A loaded machine may stall one start: a slow case runs once more (a hang stays slow).
      if (r.ms > HANG_MS) r = await viaBinary(c);
      slowest = Math.max(slowest, r.ms);
      for (const p of problems(c, r, HANG_MS)) failures.push(`${c.id}: ${p}`);
    }
    failures.push(...markedProcesses().map((m) => `an agent was started: ${m}`));
    expect(failures).toEqual([]);
    console.log(`binary: ${sample.length} cases, slowest ${Math.round(slowest)} ms`);
  }, 60_000);

  it.skipIf(!existsSync('/usr/bin/time'))('a 1 MB config, /dev/zero and an endless /proc file keep it under 200 MB', async () => {
    const big = file(`{"agents":[{"name":"a","command":"bash","prompt":"${'p'.repeat(MB)}"}]}`);
    const bigBad = file(`{"agents":[{"name":"a","command":"bash","kind":"${'k'.repeat(MB)}"}]}`);
    const figures: string[] = [];
    for (const config of [big, bigBad, '/dev/zero', '/proc/self/pagemap']) {
      const r = await execa('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, BIN, '--config', config], { cwd: homeCwd, reject: false, stdin: 'ignore', env: { XDG_STATE_HOME: stateHome } });
      const kb = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1]);
      figures.push(`${config.replace(work, '')}: ${Math.round(kb / 1024)} MB`);
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('agentmux:'))).toHaveLength(1);
      expect(kb).toBeLessThan(200 * 1024);
    }
    console.log(`peak RSS: ${figures.join(', ')}`);
  });
});
