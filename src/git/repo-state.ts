import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { git, gitDir } from './git.js';

/** Operations a user can leave half done, by the file git keeps while each is in progress. */
const IN_PROGRESS: ReadonlyArray<[string, string, string]> = [
  ['rebase-merge', 'rebase', 'git rebase --continue or git rebase --abort'],
  ['rebase-apply', 'rebase', 'git rebase --continue or git rebase --abort'],
  ['MERGE_HEAD', 'merge', 'finish it (git commit) or abort it (git merge --abort)'],
  ['CHERRY_PICK_HEAD', 'cherry-pick', 'finish it (git cherry-pick --continue) or abort it (git cherry-pick --abort)'],
  ['REVERT_HEAD', 'revert', 'finish it (git revert --continue) or abort it (git revert --abort)'],
  ['sequencer', 'cherry-pick or revert', 'finish it (--continue) or abort it (--abort)'],
  ['BISECT_LOG', 'bisect', 'end it (git bisect reset)'],
];

/**
 * What makes it unsafe to merge or cherry-pick into `repo` now: a merge, rebase, cherry-pick,
 * revert or bisect of the user's in progress, or unresolved conflicts. Null when there is none.
 * agentmux refuses then rather than touch (or abort) what it did not start.
 */
export async function unfinishedOperation(repo: string): Promise<string | null> {
  const dir = await gitDir(repo);
  for (const [file, what, how] of IN_PROGRESS) {
    if (existsSync(join(dir, file))) return `${repo} is in the middle of a ${what}: ${how} first`;
  }
  const unmerged = (await git(repo, ['ls-files', '--unmerged', '-z'])).split('\0').filter(Boolean);
  if (unmerged.length) return `${repo} has unresolved conflicts: resolve them (git add) first`;
  return null;
}

/** The commit a ref of the in-progress state names (MERGE_HEAD, CHERRY_PICK_HEAD), or null. */
export async function stateHead(repo: string, name: 'MERGE_HEAD' | 'CHERRY_PICK_HEAD'): Promise<string | null> {
  return (await git(repo, ['rev-parse', '--verify', '--quiet', name], { allowFail: true })).trim() || null;
}
