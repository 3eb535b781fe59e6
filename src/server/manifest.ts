import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type ResolvedConfig, type Settings } from '../config/types.js';
import { parseRuleSet } from '../lib/rules.js';
import type { AgentSpec } from '../model/agent.js';
import { runsDir } from '../session/transcript.js';
import { SessionError } from './paths.js';

/**
 * A run's manifest (`<run dir>/manifest.json`): what `agentmux resume` needs to start the session
 * again once its server is gone: the session's name, every agent's spec and worktree, and each
 * Claude Code agent's conversation. Rewritten whole (to a temporary file, then renamed over it)
 * on every change, so a crash at any moment leaves the old manifest or the new one, never half.
 */

export const MANIFEST_FILE = 'manifest.json';

/** An agent's spec as stored: its rules as written (they are parsed again on resume). */
export type StoredSpec = Omit<AgentSpec, 'rules'> & { rules?: { allow: string[]; deny: string[] } };

export interface ManifestAgent {
  spec: StoredSpec;
  /** Claude Code's conversation id, from its hooks' `session_id`. */
  claudeSession?: string;
  /** Ended by the user (x, quit, kill): not resumed. */
  ended?: boolean;
}

export interface Manifest {
  v: 1;
  session: string;
  dir: string;
  runDir: string;
  pid: number;
  started: string;
  settings: Settings;
  /** The whole session was ended by the user (quit with y, `agentmux kill`). */
  ended?: boolean;
  /** The run directory of the session that resumed this one. */
  resumedBy?: string;
  agents: ManifestAgent[];
}

export function storedSpec(spec: AgentSpec): StoredSpec {
  const { rules, ...rest } = spec;
  return { ...rest, ...(rules ? { rules: { allow: rules.allow.map((r) => r.text), deny: rules.deny.map((r) => r.text) } } : {}) };
}

/** Writes the manifest into its run directory, atomically. */
export function writeManifest(m: Manifest): void {
  const path = join(m.runDir, MANIFEST_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(m, null, 1)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Reads a manifest; anything wrong with it is one line naming the file. */
export function readManifest(path: string): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SessionError(`cannot read the manifest ${path}: ${code ?? 'not valid JSON'}`);
  }
  const ok =
    m &&
    m.v === 1 &&
    typeof m.session === 'string' &&
    typeof m.dir === 'string' &&
    typeof m.runDir === 'string' &&
    m.settings &&
    typeof m.settings === 'object' &&
    Array.isArray(m.agents) &&
    m.agents.every((a) => a?.spec && typeof a.spec.name === 'string' && Array.isArray(a.spec.argv) && a.spec.argv.every((x) => typeof x === 'string') && typeof a.spec.cwd === 'string');
  if (!ok) throw new SessionError(`cannot read the manifest ${path}: not an agentmux manifest (version 1)`);
  return m;
}

/** Every run's manifest, newest run first; one that cannot be read comes with why (runs without one are left out). */
export function listManifests(env: NodeJS.ProcessEnv = process.env): { path: string; manifest: Manifest | null; error?: string }[] {
  let runs: string[];
  try {
    runs = readdirSync(runsDir(env)).sort().reverse();
  } catch {
    return [];
  }
  const out: { path: string; manifest: Manifest | null; error?: string }[] = [];
  for (const run of runs) {
    const path = join(runsDir(env), run, MANIFEST_FILE);
    try {
      out.push({ path, manifest: readManifest(path) });
    } catch (err) {
      if (err instanceof SessionError && !err.message.endsWith('ENOENT')) out.push({ path, manifest: null, error: err.message });
    }
  }
  return out;
}

/** The agents a resume starts again (not ended by the user), with their conversations. */
export function resumable(m: Manifest): ManifestAgent[] {
  return m.ended || m.resumedBy ? [] : m.agents.filter((a) => !a.ended);
}

/**
 * The config a resume runs: every agent not ended, a Claude Code agent continuing its
 * conversation (`--resume <id>`), no first task typed again.
 */
export function resumeConfig(m: Manifest, path: string): ResolvedConfig {
  const agents: AgentSpec[] = [];
  for (const a of resumable(m)) {
    const { rules, prompt: _typedAlready, ...spec } = a.spec;
    let parsed: AgentSpec['rules'];
    if (rules) {
      const set = parseRuleSet(rules);
      if ('error' in set) throw new SessionError(`cannot read the manifest ${path}: ${a.spec.name}: ${set.error}`);
      parsed = set;
    }
    const argv = a.claudeSession && spec.kind === 'claude' ? withResume(spec.argv, a.claudeSession) : spec.argv;
    agents.push({ ...spec, argv, ...(parsed ? { rules: parsed } : {}) });
  }
  return { file: null, agents, settings: { ...DEFAULT_SETTINGS, ...m.settings } };
}

/** Claude Code's command line, continuing a conversation (an earlier --resume/--continue replaced). */
export function withResume(argv: readonly string[], id: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (i > 0 && (a === '--continue' || a === '-c')) continue;
    if (i > 0 && (a === '--resume' || a === '-r')) {
      if (argv[i + 1] && !argv[i + 1]!.startsWith('-')) i++;
      continue;
    }
    if (i > 0 && a.startsWith('--resume=')) continue;
    out.push(a);
  }
  return [out[0]!, '--resume', id, ...out.slice(1)];
}
