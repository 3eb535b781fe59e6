import { GitError, repoRoot } from './git.js';
import { pruneVerdict, removeWorktree } from './actions.js';
import { readChanges } from './changes.js';
import { plural } from '../lib/plural.js';
import { listWorktrees, worktreePresent } from './worktree.js';

/**
 * `agentmux worktrees`: each agent worktree with its branch, base, commits, line counts and
 * whether it is merged; `prune` removes the merged ones that hold nothing (ignored files
 * included) and says why it keeps each of the others.
 */
export async function worktreesCommand(cwd: string, prune: boolean, out: (s: string) => void): Promise<number> {
  const repo = await repoRoot(cwd);
  if (!repo) throw new GitError(`worktrees: ${cwd} is not inside a git repository`);
  const list = await listWorktrees(repo);
  if (!list.length) {
    out('no agentmux worktrees in this repository\n');
    return 0;
  }
  for (const w of list) {
    const verdict = await pruneVerdict(w);
    if (prune && verdict.remove) {
      const gone = !worktreePresent(w);
      await removeWorktree(w, false);
      out(`removed ${w.branch} (merged into ${w.base}${gone ? '; its worktree was already gone' : ''})\n`);
      continue;
    }
    if (prune && verdict.merged && verdict.why?.startsWith('removing it')) out(`kept ${w.branch}: ${verdict.why}; \`git worktree remove --force ${w.path}\` removes it anyway\n`);
    if (!worktreePresent(w)) {
      out(`${w.branch}  ${verdict.merged ? 'merged' : 'not merged'}, its worktree is gone  -> ${w.base}  ${w.path}\n`);
      continue;
    }
    const c = await readChanges(w);
    const state =
      verdict.merged && !c.uncommitted ? 'merged' : `${verdict.merged ? 'merged' : `${plural(c.commits.length, 'commit')} not merged`}${c.uncommitted ? `, ${c.uncommitted} uncommitted` : ''}`;
    out(`${w.branch}  +${c.added} -${c.removed}  ${state}  -> ${w.base}  ${w.path}\n`);
  }
  return 0;
}
