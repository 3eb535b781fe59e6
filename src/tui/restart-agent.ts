import { existsSync } from 'node:fs';
import { prepareAgain } from '../git/isolate.js';
import { restoreWorktree } from '../git/worktree.js';
import type { WorktreePrep } from '../model/agent.js';
import type { ManagerPort } from './manager-port.js';
import type { Store, UiAction, UiState } from './ui-state.js';

/**
 * `r`: starts an exited agent again. An isolated agent whose worktree is gone (discarded, or
 * deleted by hand) gets it back first: from its branch if that is left, else a new one from its
 * base branch, made ready as a new one is (config `worktree`); when that cannot be, the line
 * says why and nothing starts. An agent whose worktree.setup failed runs the setup again first.
 */
export function restartAgent(deps: { manager: ManagerPort; ui: Store<UiState, UiAction>; worktreeDir?: string; worktree?: WorktreePrep }, name: string): void {
  const say = (text: string, tone: 'info' | 'warn' = 'info') => deps.ui.dispatch({ type: 'message', text, tone });
  const status = deps.manager.statuses.find((s) => s.name === name);
  const spec = deps.manager.session(name)?.spec;
  if (!status || !spec || status.state !== 'exited') return say(`${name} is still running: end it first (x)`, 'warn');
  const start = (how: string) => {
    if (!existsSync(spec.cwd)) return say(`not restarted: ${name}'s directory ${spec.cwd} does not exist`, 'warn');
    if (!deps.manager.restart(name)) return say(`${name} is still running: end it first (x)`, 'warn');
    say(`restarted ${name}${how}`);
  };
  const w = spec.worktree;
  if (!w || existsSync(w.path)) return start(status.exit?.setup ? `: its worktree.setup runs again first` : '');
  say(`recreating the worktree of ${name}…`);
  restoreWorktree(w)
    .then(async (r) => {
      if (r.from !== 'present') await prepareAgain(spec, deps.worktreeDir, deps.worktree);
      return r;
    })
    .then(({ from }) => start(from === 'base' ? ` in a new worktree: ${w.branch} from ${w.base}` : from === 'branch' ? ` in its worktree, checked out again from ${w.branch}` : ''))
    .catch((err: unknown) => say(`not restarted: ${err instanceof Error ? err.message : String(err)}`, 'warn'));
}
