import { existsSync, mkdirSync, readFileSync, appendFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { commonDir, git, GitError, repoRoot } from './git.js';
import { snapshotRepo } from './repo-guard.js';
import { unfinishedOperation } from './repo-state.js';
import type { Worktree } from '../model/agent.js';
import { DEFAULT_SETTINGS } from '../config/types.js';

export const BRANCH_PREFIX = 'agentmux/';

/** Adds a line to .git/info/exclude (never the user's .gitignore) unless it is there. */
function exclude(gitDir: string, pattern: string): void {
  const file = join(gitDir, 'info', 'exclude');
  mkdirSync(join(gitDir, 'info'), { recursive: true });
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (!text.split('\n').includes(pattern)) appendFileSync(file, `${text && !text.endsWith('\n') ? '\n' : ''}${pattern}\n`);
}

/**
 * The base agentmux noted for a branch it made (`branch.<branch>.agentmuxBase`), or null: a
 * branch without it is the user's, however it is named.
 */
async function notedBase(repo: string, branch: string): Promise<string | null> {
  return (await git(repo, ['config', '--get', `branch.${branch}.agentmuxBase`], { allowFail: true })).trim() || null;
}

async function hasRef(repo: string, ref: string): Promise<boolean> {
  return (await git(repo, ['rev-parse', '--verify', '--quiet', ref], { allowFail: true })).trim() !== '';
}

/** Every worktree git knows of, on a branch: path and branch (its directory may be gone). */
async function registered(repo: string): Promise<{ path: string; branch: string }[]> {
  const out = await git(repo, ['worktree', 'list', '--porcelain']);
  const list = [];
  for (const block of out.split('\n\n')) {
    const path = /^worktree (.+)$/m.exec(block)?.[1];
    const branch = /^branch refs\/heads\/(.+)$/m.exec(block)?.[1];
    if (path && branch) list.push({ path, branch });
  }
  return list;
}

/**
 * Checks the agent's existing branch out at `path` again. A worktree deleted by hand is still
 * registered at its old path; `--force` re-registers that path (and only that one: a branch
 * checked out in a live worktree elsewhere is refused by the caller).
 */
async function reattach(repo: string, path: string, branch: string, stale: boolean): Promise<void> {
  exclude(await commonDir(repo), `/${relative(repo, resolve(path, '..')).split('\\').join('/')}/`);
  await git(repo, ['worktree', 'add', ...(stale ? ['--force'] : []), path, branch]);
}

const notOurs = (branch: string) => `a branch ${branch} already exists and agentmux did not make it: rename or delete it, or give the agent another name`;

/**
 * The agent's own worktree on branch agentmux/<agent>, made from the current HEAD under
 * `<repo>/<dir>/<agent>`; or the existing one, reused as it is; or, when its directory was
 * deleted by hand or only its branch is left, checked out again from that branch. A branch of that
 * name that agentmux did not make is refused: it is the user's. Outside a git repository, on a
 * detached HEAD, or while a merge, rebase or the like is in progress: a GitError, and nothing is
 * created.
 */
export async function ensureWorktree(cwd: string, agent: string, dir = DEFAULT_SETTINGS.worktreeDir): Promise<Worktree> {
  return (await makeWorktree(cwd, agent, dir)).worktree;
}

/** ensureWorktree, saying whether its directory was made now (new, or checked out again) rather than reused. */
export async function makeWorktree(cwd: string, agent: string, dir = DEFAULT_SETTINGS.worktreeDir): Promise<{ worktree: Worktree; made: boolean }> {
  const repo = await repoRoot(cwd);
  if (!repo) throw new GitError(`isolate: ${cwd} is not inside a git repository`);
  const within = relative(repo, resolve(repo, dir));
  if (within === '' || within.startsWith('..') || isAbsolute(within)) throw new GitError(`isolate: the worktree directory ${dir} is not inside ${repo}`);
  const path = resolve(repo, dir, agent);
  const branch = `${BRANCH_PREFIX}${agent}`;
  const base = await notedBase(repo, branch);
  const hasBranch = await hasRef(repo, `refs/heads/${branch}`);
  if (hasBranch && !base) throw new GitError(`isolate: ${notOurs(branch)}`);
  if (hasBranch && base) {
    const at = (await registered(repo)).find((r) => r.branch === branch);
    if (at && existsSync(at.path)) return { worktree: { agent, repo, path: at.path, branch, base }, made: false };
    await reattach(repo, at?.path ?? path, branch, Boolean(at));
    await snapshotRepo(repo, agent, true);
    return { worktree: { agent, repo, path: at?.path ?? path, branch, base }, made: true };
  }
  const current = (await git(repo, ['symbolic-ref', '--quiet', '--short', 'HEAD'], { allowFail: true })).trim();
  if (!current) throw new GitError(`isolate: ${repo} is on a detached HEAD: check out a branch to merge into first`);
  const busy = await unfinishedOperation(repo);
  if (busy) throw new GitError(`isolate: ${busy}`);
  await git(repo, ['worktree', 'add', '-b', branch, path, 'HEAD']);
  // Only once the worktree exists: a refused name leaves nothing behind, not even this line.
  exclude(await commonDir(repo), `/${relative(repo, resolve(repo, dir)).split('\\').join('/')}/`);
  await git(repo, ['config', `branch.${branch}.agentmuxBase`, current]);
  await snapshotRepo(repo, agent);
  return { worktree: { agent, repo, path, branch, base: current }, made: true };
}

/**
 * Brings back the worktree of an agent whose directory is gone (discarded, or deleted by hand),
 * at the same path: from its branch when that is still there, else as a new branch from its base.
 * Throws a GitError saying why not.
 */
export async function restoreWorktree(w: Worktree): Promise<{ worktree: Worktree; from: 'present' | 'branch' | 'base' }> {
  const why = (s: string) => new GitError(`cannot recreate the worktree of ${w.agent}: ${s}`);
  if (!existsSync(w.repo)) throw why(`${w.repo} does not exist`);
  const at = (await registered(w.repo)).find((r) => r.branch === w.branch);
  if (at && existsSync(at.path)) {
    if (at.path === w.path) return { worktree: w, from: 'present' };
    throw why(`${w.branch} is checked out in ${at.path}`);
  }
  if (await hasRef(w.repo, `refs/heads/${w.branch}`)) {
    if (!(await notedBase(w.repo, w.branch))) throw why(notOurs(w.branch));
    await reattach(w.repo, w.path, w.branch, Boolean(at));
    await snapshotRepo(w.repo, w.agent, true);
    return { worktree: w, from: 'branch' };
  }
  if (!(await hasRef(w.repo, `refs/heads/${w.base}`))) throw why(`its base branch ${w.base} no longer exists`);
  if (at) await git(w.repo, ['worktree', 'remove', '--force', at.path]);
  exclude(await commonDir(w.repo), `/${relative(w.repo, resolve(w.path, '..')).split('\\').join('/')}/`);
  await git(w.repo, ['worktree', 'add', '-b', w.branch, w.path, w.base]);
  await git(w.repo, ['config', `branch.${w.branch}.agentmuxBase`, w.base]);
  await snapshotRepo(w.repo, w.agent);
  return { worktree: w, from: 'base' };
}

/** agentmux's worktree for a branch, if there is one. */
export async function findWorktree(repo: string, branch: string): Promise<Worktree | null> {
  return (await listWorktrees(repo)).find((w) => w.branch === branch) ?? null;
}

/**
 * Every worktree of the repository on a branch agentmux made (its directory may have been
 * deleted by hand). A worktree the user made on an agentmux/ branch is not listed.
 */
export async function listWorktrees(repo: string): Promise<Worktree[]> {
  const list: Worktree[] = [];
  for (const { path, branch } of await registered(repo)) {
    if (!branch.startsWith(BRANCH_PREFIX)) continue;
    const base = await notedBase(repo, branch);
    if (base) list.push({ agent: branch.slice(BRANCH_PREFIX.length), repo, path, branch, base });
  }
  return list;
}

/** Whether the worktree's directory is there (it may have been deleted by hand). */
export function worktreePresent(w: Worktree): boolean {
  return existsSync(w.path);
}

/** The line saying the worktree is gone, and what can be done. */
export function goneReason(w: Worktree): string {
  return `the worktree ${w.path} is gone (deleted by hand?): r on the dashboard recreates it once ${w.agent} has exited, D discards the branch`;
}
