import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { commonDir, git } from './git.js';
import type { Flag } from './review-types.js';
import type { Worktree } from '../model/agent.js';

/**
 * What an isolated agent could change in the user's own checkout without touching its files:
 * worktrees share the repository's `.git/config` and its hooks, so an agent can set
 * `core.hooksPath`, an alias, a filter, or plant `.git/hooks/pre-commit`, all of which act in the
 * user's checkout too. agentmux notes them when it makes the worktree and the review flags any
 * difference. The note lives in `.git/agentmux/`, which an agent can also rewrite: this catches
 * the accident and the careless attack, not a determined one.
 */
interface RepoSnapshot {
  version: 1;
  /** `key=value` lines of the shared config (and the main worktree's config.worktree). */
  config: string[];
  /** Hook path (relative to the repository when inside it) -> content hash and executable bit. */
  hooks: Record<string, string>;
}

/** Lines agentmux writes itself (its note of each agent branch's base), for every agent. */
const OWN_CONFIG = /^branch\.agentmux\/[^=]*\.agentmuxbase=/;

async function configLines(common: string): Promise<string[]> {
  const lines: string[] = [];
  for (const [file, prefix] of [
    [join(common, 'config'), ''],
    [join(common, 'config.worktree'), 'worktree:'],
  ] as const) {
    if (!existsSync(file)) continue;
    const out = await git(common, ['config', '--file', file, '--list', '-z'], { allowFail: true, background: true });
    for (const entry of out.split('\0').filter(Boolean)) {
      const nl = entry.indexOf('\n');
      const line = nl < 0 ? entry : `${entry.slice(0, nl)}=${entry.slice(nl + 1)}`;
      if (!OWN_CONFIG.test(line)) lines.push(prefix + line);
    }
  }
  return lines.sort();
}

/** The directories hooks run from in the user's checkout: .git/hooks, and core.hooksPath if set. */
function hookDirs(repo: string, common: string, config: readonly string[]): string[] {
  const dirs = [join(common, 'hooks')];
  const hooksPath = config.find((l) => l.startsWith('core.hookspath='))?.slice('core.hookspath='.length);
  if (hooksPath) dirs.push(isAbsolute(hooksPath) ? hooksPath : resolve(repo, hooksPath));
  return dirs;
}

function readHooks(repo: string, dirs: readonly string[]): Record<string, string> {
  const hooks: Record<string, string> = {};
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue; // no such directory: no hooks there
    }
    for (const name of names) {
      // git never runs the samples it ships.
      if (name.endsWith('.sample')) continue;
      const file = join(dir, name);
      try {
        const st = statSync(file);
        if (!st.isFile()) continue;
        const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
        hooks[displayPath(repo, file)] = `${hash}${st.mode & 0o111 ? ' x' : ''}`;
      } catch {
        // unreadable or gone: nothing to compare
      }
    }
  }
  return hooks;
}

function displayPath(repo: string, file: string): string {
  const rel = relative(repo, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

async function take(repo: string): Promise<RepoSnapshot> {
  const common = await commonDir(repo);
  const config = await configLines(common);
  return { version: 1, config, hooks: readHooks(repo, hookDirs(repo, common, config)) };
}

function snapshotFile(common: string, agent: string): string {
  return join(common, 'agentmux', `${agent}.json`);
}

/** Notes the shared config and hooks as they are now, for the agent's review. `keep` leaves an existing note. */
export async function snapshotRepo(repo: string, agent: string, keep = false): Promise<void> {
  const common = await commonDir(repo);
  const file = snapshotFile(common, agent);
  if (keep && existsSync(file)) return;
  mkdirSync(join(common, 'agentmux'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(await take(repo))}\n`, { mode: 0o600 });
}

export async function forgetSnapshot(repo: string, agent: string): Promise<void> {
  rmSync(snapshotFile(await commonDir(repo), agent), { force: true });
}

function keyOf(line: string): string {
  const eq = line.indexOf('=');
  return eq < 0 ? line : line.slice(0, eq);
}

/** How the config lines differ, by key: "core.hookspath added, alias.st changed". */
function configDiff(before: readonly string[], after: readonly string[]): string[] {
  const b = new Set(before);
  const a = new Set(after);
  const added = new Set(after.filter((l) => !b.has(l)).map(keyOf));
  const removed = new Set(before.filter((l) => !a.has(l)).map(keyOf));
  const words: string[] = [];
  for (const k of new Set([...added, ...removed])) words.push(`${k} ${added.has(k) && removed.has(k) ? 'changed' : added.has(k) ? 'added' : 'removed'}`);
  return words;
}

/**
 * The review's flags for changes to the shared config and hooks since the agent's worktree
 * was made (none when there is no note to compare with).
 */
export async function repoFlags(w: Worktree): Promise<Flag[]> {
  const common = await commonDir(w.repo);
  let before: RepoSnapshot;
  try {
    before = JSON.parse(readFileSync(snapshotFile(common, w.agent), 'utf8')) as RepoSnapshot;
  } catch {
    return [];
  }
  const config = await configLines(common);
  const flags: Flag[] = [];
  const configChanges = configDiff(before.config, config);
  const configFile = displayPath(w.repo, join(common, 'config'));
  if (configChanges.length) flags.push({ file: configFile, kind: 'repo-config', detail: `the repository's config, which your checkout shares, changed: ${configChanges.join(', ')}` });
  const hooks = readHooks(w.repo, [...new Set([...hookDirs(w.repo, common, before.config), ...hookDirs(w.repo, common, config)])]);
  for (const path of [...new Set([...Object.keys(before.hooks), ...Object.keys(hooks)])].sort()) {
    const was = before.hooks[path];
    const now = hooks[path];
    if (was === now) continue;
    const detail = !was ? 'a new hook, which runs in your checkout too' : !now ? 'a hook was removed' : 'a hook changed, which runs in your checkout too';
    flags.push({ file: path, kind: 'hook', detail });
  }
  return flags;
}
