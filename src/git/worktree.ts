import { existsSync, mkdirSync, readFileSync, appendFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { git, GitError, repoRoot } from './git.js';

export const BRANCH_PREFIX = 'agentmux/';
export const DEFAULT_WORKTREE_DIR = '.agentmux/worktrees';

export interface Worktree {
  agent: string;
  repo: string;
  path: string;
  branch: string;
  /** The branch it started from and merges back into. */
  base: string;
}

/** Adds a line to .git/info/exclude (never the user's .gitignore) unless it is there. */
function exclude(gitDir: string, pattern: string): void {
  const file = join(gitDir, 'info', 'exclude');
  mkdirSync(join(gitDir, 'info'), { recursive: true });
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (!text.split('\n').includes(pattern)) appendFileSync(file, `${text && !text.endsWith('\n') ? '\n' : ''}${pattern}\n`);
}

/**
 * The agent's own worktree on branch agentmux/<agent>, made from the current HEAD under
 * `<repo>/<dir>/<agent>` — or the existing one, reused as it is. Outside a git repository,
 * on a detached HEAD, or while a merge is in progress: a GitError, and nothing is created.
 */
export async function ensureWorktree(cwd: string, agent: string, dir = DEFAULT_WORKTREE_DIR): Promise<Worktree> {
  const repo = await repoRoot(cwd);
  if (!repo) throw new GitError(`isolate: ${cwd} is not inside a git repository`);
  const path = resolve(repo, dir, agent);
  const branch = `${BRANCH_PREFIX}${agent}`;
  const existing = await findWorktree(repo, branch);
  if (existing) return existing;
  const base = (await git(repo, ['symbolic-ref', '--quiet', '--short', 'HEAD'], { allowFail: true })).trim();
  if (!base) throw new GitError(`isolate: ${repo} is on a detached HEAD: check out a branch to merge into first`);
  const gitDir = resolve(repo, (await git(repo, ['rev-parse', '--git-common-dir'])).trim());
  if (existsSync(join(gitDir, 'MERGE_HEAD'))) throw new GitError(`isolate: ${repo} is in the middle of a merge: finish or abort it first`);
  const hasBranch = (await git(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], { allowFail: true })).trim() !== '';
  exclude(gitDir, `/${relative(repo, resolve(repo, dir)).split('\\').join('/')}/`);
  await git(repo, ['worktree', 'add', ...(hasBranch ? [path, branch] : ['-b', branch, path, 'HEAD'])]);
  await git(repo, ['config', `branch.${branch}.agentmuxBase`, base]);
  return { agent, repo, path, branch, base };
}

/** agentmux's worktree for a branch, if there is one. */
export async function findWorktree(repo: string, branch: string): Promise<Worktree | null> {
  return (await listWorktrees(repo)).find((w) => w.branch === branch) ?? null;
}

/** Every worktree of the repository on an agentmux/ branch. */
export async function listWorktrees(repo: string): Promise<Worktree[]> {
  const out = await git(repo, ['worktree', 'list', '--porcelain']);
  const list: Worktree[] = [];
  for (const block of out.split('\n\n')) {
    const path = /^worktree (.+)$/m.exec(block)?.[1];
    const ref = /^branch refs\/heads\/(.+)$/m.exec(block)?.[1];
    if (!path || !ref?.startsWith(BRANCH_PREFIX)) continue;
    const base = (await git(repo, ['config', '--get', `branch.${ref}.agentmuxBase`], { allowFail: true })).trim() || 'main';
    list.push({ agent: ref.slice(BRANCH_PREFIX.length), repo, path, branch: ref, base });
  }
  return list;
}
