import { uncommittedFiles } from './changes.js';
import { git } from './git.js';
import { plural } from '../lib/plural.js';
import { worktreePresent } from './worktree.js';
import type { Worktree } from '../model/agent.js';

/**
 * Everything removing an agent's worktree and branch would delete, file by file: uncommitted
 * changes and new files (each file of a new directory), ignored files (`.env`, `node_modules/…`,
 * which `git status` does not show), and commits that are not in the base branch.
 */
export interface Loss {
  uncommitted: string[];
  ignored: string[];
  unmergedCommits: number;
  /** The branch's commit when read: a loss confirmed must be this one, not one after a new commit. */
  tip: string;
}

/** Names shown per kind of file before the rest is summed up as "…". */
const SHOWN = 3;

/** What discarding the worktree and branch would lose (a worktree already gone loses only its commits). */
export async function readLoss(w: Worktree): Promise<Loss> {
  const present = worktreePresent(w);
  const uncommitted = present ? await uncommittedFiles(w.path) : [];
  const ignored = present ? (await git(w.path, ['ls-files', '--others', '--ignored', '--exclude-standard', '-z'], { background: true })).split('\0').filter(Boolean).sort() : [];
  const count = (await git(w.repo, ['rev-list', '--count', `${w.base}..${w.branch}`], { allowFail: true })).trim();
  const tip = (await git(w.repo, ['rev-parse', '--verify', '--quiet', w.branch], { allowFail: true })).trim();
  return { uncommitted, ignored, unmergedCommits: Number(count) || 0, tip };
}

function some(paths: readonly string[]): string {
  return `(${paths.slice(0, SHOWN).join(', ')}${paths.length > SHOWN ? ', …' : ''})`;
}

/** The loss in one line, the first few files of each kind named; null when nothing would be lost. */
export function lossSummary(loss: Loss): string | null {
  const parts: string[] = [];
  if (loss.uncommitted.length) parts.push(`${plural(loss.uncommitted.length, 'uncommitted file')} ${some(loss.uncommitted)}`);
  if (loss.ignored.length) parts.push(`${plural(loss.ignored.length, 'ignored file')} ${some(loss.ignored)}`);
  if (loss.unmergedCommits) parts.push(plural(loss.unmergedCommits, 'unmerged commit'));
  if (!parts.length) return null;
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function isLoss(loss: Loss): boolean {
  return Boolean(loss.uncommitted.length || loss.ignored.length || loss.unmergedCommits);
}

/** Whether two readings name exactly the same files and commits (a loss confirmed is this loss, not a later one). */
export function sameLoss(a: Loss, b: Loss): boolean {
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((p, i) => p === y[i]);
  return a.tip === b.tip && a.unmergedCommits === b.unmergedCommits && same(a.uncommitted, b.uncommitted) && same(a.ignored, b.ignored);
}
