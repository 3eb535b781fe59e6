import { GitError, repoRoot } from './git.js';
import { isMergedAndClean, removeWorktree } from './actions.js';
import { readChanges } from './changes.js';
import { listWorktrees } from './worktree.js';

/**
 * `agentmux worktrees`: each agent worktree with its branch, base, commits, line counts and
 * whether it is merged; `prune` removes the merged ones holding no uncommitted work.
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
    const c = await readChanges(w);
    const merged = await isMergedAndClean(w);
    if (prune && merged) {
      await removeWorktree(w, false);
      out(`removed ${w.branch} (merged into ${w.base})\n`);
      continue;
    }
    const state = merged ? 'merged' : `${c.commits.length} commit${c.commits.length === 1 ? '' : 's'} not merged${c.uncommitted ? `, ${c.uncommitted} uncommitted` : ''}`;
    out(`${w.branch}  +${c.added} -${c.removed}  ${state}  -> ${w.base}  ${w.path}\n`);
  }
  return 0;
}
