import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readChanges } from './changes.js';
import { git } from './git.js';
import type { Worktree } from './worktree.js';

export type MergeResult = { ok: true; how: 'fast-forward' | 'merge commit'; uncommitted: number } | { ok: false; reason: string; conflicts?: string[] };

/** Files a merge of `branch` into `base` would conflict on, found without touching anything (git merge-tree). */
export async function mergeConflicts(repo: string, base: string, branch: string): Promise<string[]> {
  const out = await git(repo, ['merge-tree', '--write-tree', '--name-only', '--no-messages', base, branch], { allowFail: true });
  return out.split('\n').slice(1).filter((l) => l.trim() !== '');
}

async function onBase(w: Worktree): Promise<string | null> {
  const current = (await git(w.repo, ['symbolic-ref', '--quiet', '--short', 'HEAD'], { allowFail: true })).trim();
  return current === w.base ? null : `check out ${w.base} in ${w.repo} first (it is on ${current || 'a detached HEAD'})`;
}

/**
 * Merges the agent's branch into its base branch in the user's repository: a fast-forward when
 * possible, otherwise a merge commit. A conflict changes nothing and names the files.
 * Uncommitted work in the agent's worktree is not part of the branch and is reported.
 */
export async function mergeBranch(w: Worktree): Promise<MergeResult> {
  const changes = await readChanges(w);
  if (!changes.commits.length) return { ok: false, reason: `nothing to merge: ${w.branch} has no commits${changes.uncommitted ? ` (${changes.uncommitted} uncommitted files in its worktree)` : ''}` };
  const notOnBase = await onBase(w);
  if (notOnBase) return { ok: false, reason: notOnBase };
  const conflicts = await mergeConflicts(w.repo, w.base, w.branch);
  if (conflicts.length) return { ok: false, reason: `merging would conflict in ${conflicts.join(', ')}: nothing was changed`, conflicts };
  const ff = await isAncestor(w.repo, w.base, w.branch);
  try {
    if (ff) await git(w.repo, ['merge', '--ff-only', w.branch]);
    else await git(w.repo, ['merge', '--no-ff', '--no-edit', '-m', `Merge ${w.branch}`, w.branch]);
  } catch (err) {
    if (existsSync(join(await gitDir(w.repo), 'MERGE_HEAD'))) await git(w.repo, ['merge', '--abort'], { allowFail: true });
    return { ok: false, reason: `${(err as Error).message}: nothing was changed` };
  }
  return { ok: true, how: ff ? 'fast-forward' : 'merge commit', uncommitted: changes.uncommitted };
}

/** True when commit `a` is contained in `b`. */
async function isAncestor(repo: string, a: string, b: string): Promise<boolean> {
  return (await execa('git', ['merge-base', '--is-ancestor', a, b], { cwd: repo, reject: false })).exitCode === 0;
}

async function gitDir(repo: string): Promise<string> {
  return resolve(repo, (await git(repo, ['rev-parse', '--git-dir'])).trim());
}

/** Applies chosen commits of the agent's branch onto the base branch; a conflict changes nothing. */
export async function cherryPick(w: Worktree, shas: readonly string[]): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (!shas.length) return { ok: false, reason: 'no commits chosen' };
  const notOnBase = await onBase(w);
  if (notOnBase) return { ok: false, reason: notOnBase };
  try {
    await git(w.repo, ['cherry-pick', ...shas]);
    return { ok: true };
  } catch (err) {
    const conflicted = (await git(w.repo, ['diff', '--name-only', '--diff-filter=U'], { allowFail: true })).split('\n').filter(Boolean);
    await git(w.repo, ['cherry-pick', '--abort'], { allowFail: true });
    return { ok: false, reason: conflicted.length ? `cherry-pick would conflict in ${conflicted.join(', ')}: nothing was changed` : `${(err as Error).message}: nothing was changed` };
  }
}

/** What discarding would lose, in words, or null when nothing would be lost. */
export async function discardLoss(w: Worktree): Promise<string | null> {
  const changes = await readChanges(w);
  const unmerged = (await isAncestor(w.repo, w.branch, w.base)) ? 0 : changes.commits.length;
  const parts = [];
  if (changes.uncommitted) parts.push(`${changes.uncommitted} uncommitted file${changes.uncommitted === 1 ? '' : 's'}`);
  if (unmerged) parts.push(`${unmerged} unmerged commit${unmerged === 1 ? '' : 's'}`);
  return parts.length ? parts.join(' and ') : null;
}

/**
 * Removes the agent's worktree and branch. Refused while the agent runs, and refused when work
 * would be lost unless `confirmedLoss` is exactly what discardLoss says would go.
 */
export async function discard(w: Worktree, opts: { agentRunning: boolean; confirmedLoss?: string | null }): Promise<{ ok: true } | { ok: false; reason: string; loss?: string }> {
  if (opts.agentRunning) return { ok: false, reason: `${w.agent} is still running: end it first` };
  const loss = await discardLoss(w);
  if (loss && opts.confirmedLoss !== loss) return { ok: false, reason: `discarding ${w.branch} would lose ${loss}`, loss };
  await removeWorktree(w, true);
  return { ok: true };
}

/** Removes the worktree, its branch and what agentmux noted about it; `force` also drops unmerged work. */
export async function removeWorktree(w: Worktree, force: boolean): Promise<void> {
  await git(w.repo, ['worktree', 'remove', ...(force ? ['--force'] : []), w.path]);
  await git(w.repo, ['branch', force ? '-D' : '-d', w.branch]);
  await git(w.repo, ['config', '--unset', `branch.${w.branch}.agentmuxBase`], { allowFail: true });
}

/** Whether the agent's branch is merged into its base and its worktree holds nothing uncommitted. */
export async function isMergedAndClean(w: Worktree): Promise<boolean> {
  if (!(await isAncestor(w.repo, w.branch, w.base))) return false;
  return (await git(w.path, ['status', '--porcelain'])).trim() === '';
}

