import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readChanges } from './changes.js';
import { git, gitDir } from './git.js';
import { isLoss, lossSummary, readLoss, sameLoss, type Loss } from './loss.js';
import { plural } from '../lib/plural.js';
import { forgetSnapshot } from './repo-guard.js';
import { stateHead, unfinishedOperation } from './repo-state.js';
import { goneReason, worktreePresent } from './worktree.js';
import type { Worktree } from '../model/agent.js';

export type MergeResult = { ok: true; how: 'fast-forward' | 'merge commit'; uncommitted: number } | { ok: false; reason: string; conflicts?: string[] };
export type ActionResult = { ok: true } | { ok: false; reason: string };

/** Files a merge of `branch` into `base` would conflict on, found without touching anything (git merge-tree). */
export async function mergeConflicts(repo: string, base: string, branch: string): Promise<string[]> {
  const out = await git(repo, ['merge-tree', '--write-tree', '--name-only', '--no-messages', base, branch], { allowFail: true });
  return out
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '');
}

async function onBase(w: Worktree): Promise<string | null> {
  const current = (await git(w.repo, ['symbolic-ref', '--quiet', '--short', 'HEAD'], { allowFail: true })).trim();
  return current === w.base ? null : `check out ${w.base} in ${w.repo} first (it is on ${current || 'a detached HEAD'})`;
}

/**
 * Why the user's repository cannot take the agent's work now, or null: it is gone, the user is
 * in the middle of an operation of their own (never touched, never aborted), or it is not on the
 * base branch.
 */
async function notReady(w: Worktree): Promise<string | null> {
  if (!existsSync(w.repo)) return `${w.repo} does not exist`;
  const busy = await unfinishedOperation(w.repo);
  if (busy) return `${busy}; nothing was changed`;
  return onBase(w);
}

/**
 * Merges the agent's branch into its base branch in the user's repository: a fast-forward when
 * possible, otherwise a merge commit. A conflict changes nothing and names the files.
 * Uncommitted work in the agent's worktree is not part of the branch and is reported.
 */
export async function mergeBranch(w: Worktree): Promise<MergeResult> {
  if (!worktreePresent(w)) return { ok: false, reason: goneReason(w) };
  const changes = await readChanges(w);
  if (!changes.commits.length) {
    return { ok: false, reason: `nothing to merge: ${w.branch} has no commits${changes.uncommitted ? ` (${plural(changes.uncommitted, 'uncommitted file')} in its worktree)` : ''}` };
  }
  const refused = await notReady(w);
  if (refused) return { ok: false, reason: refused };
  const conflicts = await mergeConflicts(w.repo, w.base, w.branch);
  if (conflicts.length) return { ok: false, reason: `merging would conflict in ${conflicts.join(', ')}: nothing was changed`, conflicts };
  const tip = (await git(w.repo, ['rev-parse', '--verify', w.branch])).trim();
  const ff = await isAncestor(w.repo, w.base, tip);
  try {
    if (ff) await git(w.repo, ['merge', '--ff-only', tip]);
    else await git(w.repo, ['merge', '--no-ff', '--no-edit', '-m', `Merge ${w.branch}`, tip]);
  } catch (err) {
    // Only a merge of this very commit is agentmux's to abort (none was in progress before it).
    if ((await stateHead(w.repo, 'MERGE_HEAD')) === tip) await git(w.repo, ['merge', '--abort'], { allowFail: true });
    return { ok: false, reason: `${(err as Error).message}: nothing was changed` };
  }
  return { ok: true, how: ff ? 'fast-forward' : 'merge commit', uncommitted: changes.uncommitted };
}

/** True when commit `a` is contained in `b`. */
async function isAncestor(repo: string, a: string, b: string): Promise<boolean> {
  return (await execa('git', ['merge-base', '--is-ancestor', a, b], { cwd: repo, reject: false })).exitCode === 0;
}

/** Applies chosen commits of the agent's branch onto the base branch; a conflict changes nothing. */
export async function cherryPick(w: Worktree, shas: readonly string[]): Promise<ActionResult> {
  if (!shas.length) return { ok: false, reason: 'no commits chosen' };
  const refused = await notReady(w);
  if (refused) return { ok: false, reason: refused };
  // Git commits the whole index with each pick: changes the user staged would go into the
  // agent's commit (git refuses), and aborting that refusal would reset them away.
  const staged = (await git(w.repo, ['diff', '--cached', '--name-only'], { allowFail: true })).split('\n').filter(Boolean);
  if (staged.length)
    return { ok: false, reason: `${w.repo} has staged changes (${staged.slice(0, 3).join(', ')}${staged.length > 3 ? ', …' : ''}): commit or unstage them first; nothing was changed` };
  const full = await Promise.all(shas.map(async (s) => (await git(w.repo, ['rev-parse', '--verify', `${s}^{commit}`])).trim()));
  const head = (await git(w.repo, ['rev-parse', '--verify', 'HEAD'])).trim();
  try {
    await git(w.repo, ['cherry-pick', ...full]);
    return { ok: true };
  } catch (err) {
    const conflicted = (await git(w.repo, ['diff', '--name-only', '--diff-filter=U'], { allowFail: true })).split('\n').filter(Boolean);
    // No cherry-pick was in progress before this one (notReady): one now is agentmux's own.
    const picking = await stateHead(w.repo, 'CHERRY_PICK_HEAD');
    const sequencer = existsSync(join(await gitDir(w.repo), 'sequencer'));
    const moved = (await git(w.repo, ['rev-parse', '--verify', 'HEAD'], { allowFail: true })).trim() !== head;
    // Refused before anything was picked: only the sequencer's notes go (--quit touches no file);
    // otherwise --abort takes the repository back to where it was.
    if ((picking && full.includes(picking)) || moved) await git(w.repo, ['cherry-pick', '--abort'], { allowFail: true });
    else if (sequencer) await git(w.repo, ['cherry-pick', '--quit'], { allowFail: true });
    return { ok: false, reason: conflicted.length ? `cherry-pick would conflict in ${conflicted.join(', ')}: nothing was changed` : `${(err as Error).message}: nothing was changed` };
  }
}

/**
 * Commits everything uncommitted in the agent's worktree (new files too; ignored ones stay out)
 * with the user's message, so it can be merged. A failure (a hook refused, no identity) leaves
 * the files as they were, unstaged.
 */
export async function commitWorktree(w: Worktree, message: string): Promise<ActionResult> {
  if (!worktreePresent(w)) return { ok: false, reason: goneReason(w) };
  if (!message.trim()) return { ok: false, reason: 'the commit message is empty' };
  await git(w.path, ['add', '--all']);
  try {
    await git(w.path, ['commit', '--quiet', '--message', message.trim()]);
    return { ok: true };
  } catch (err) {
    await git(w.path, ['reset', '--quiet'], { allowFail: true });
    return { ok: false, reason: `not committed: ${(err as Error).message}` };
  }
}

export type DiscardResult = { ok: true } | { ok: false; reason: string; loss?: Loss };

/**
 * Removes the agent's worktree and branch. Refused while the agent runs, and refused when work
 * would be lost unless `confirmedLoss` is exactly what readLoss finds now (every file named).
 */
export async function discard(w: Worktree, opts: { agentRunning: boolean; confirmedLoss?: Loss | null }): Promise<DiscardResult> {
  if (opts.agentRunning) return { ok: false, reason: `${w.agent} is still running: end it first` };
  const loss = await readLoss(w);
  if (isLoss(loss) && !(opts.confirmedLoss && sameLoss(opts.confirmedLoss, loss))) return { ok: false, reason: `discarding ${w.branch} would lose ${lossSummary(loss)}`, loss };
  await removeWorktree(w, true);
  return { ok: true };
}

/**
 * Removes the worktree (or what git remembers of it, when it was deleted by hand), its branch and
 * what agentmux noted about it; `force` also drops unmerged work.
 */
export async function removeWorktree(w: Worktree, force: boolean): Promise<void> {
  await git(w.repo, ['worktree', 'remove', ...(force || !worktreePresent(w) ? ['--force'] : []), w.path]);
  await git(w.repo, ['branch', force ? '-D' : '-d', w.branch]);
  await git(w.repo, ['config', '--unset', `branch.${w.branch}.agentmuxBase`], { allowFail: true });
  await forgetSnapshot(w.repo, w.agent);
}

/**
 * Whether `agentmux worktrees prune` may remove the worktree: its branch merged into its base
 * and nothing at all left in it (ignored files count). Otherwise why it stays.
 */
export async function pruneVerdict(w: Worktree): Promise<{ merged: boolean; remove: boolean; why: string | null }> {
  if (!(await isAncestor(w.repo, w.branch, w.base))) return { merged: false, remove: false, why: 'not merged' };
  const loss = await readLoss(w);
  if (loss.uncommitted.length) return { merged: true, remove: false, why: 'uncommitted work' };
  if (loss.ignored.length) return { merged: true, remove: false, why: `removing it would delete ${lossSummary({ ...loss, unmergedCommits: 0 })}` };
  return { merged: true, remove: true, why: null };
}
