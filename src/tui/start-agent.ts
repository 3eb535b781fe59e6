import { isolateSpec } from '../git/isolate.js';
import type { AgentSpec, WorktreePrep } from '../model/agent.js';
import type { Key } from './keys.js';
import type { ManagerPort } from './manager-port.js';
import { formKey, formSpec, type FormState } from './new-agent-form.js';
import type { Store, UiAction, UiState } from './ui-state.js';

export interface StartDeps {
  manager: ManagerPort;
  ui: Store<UiState, UiAction>;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Where isolated agents get their worktrees (config `worktreeDir`). */
  worktreeDir?: string;
  /** How their new worktrees are made ready (config `worktree`). */
  worktree?: WorktreePrep;
  /** The size a new agent's PTY gets (the layout with it in). */
  agentSize: () => { cols: number; rows: number } | null;
  select: (index: number) => void;
}

/**
 * A key in the `c` form: the form's own keys (new-agent-form.ts); on submit, the agent it
 * describes starts, isolated ones in their new worktree. A problem stays in the form.
 */
export function formInput(deps: StartDeps, key: Key, form: FormState): void {
  const result = formKey(form, key);
  if ('form' in result) return deps.ui.dispatch({ type: 'form', form: result.form });
  if ('cancel' in result) return deps.ui.dispatch({ type: 'form', form: null });
  const spec = formSpec(
    form,
    deps.manager.agents.map((a) => a.name),
    process.env,
    deps.cwd,
  );
  if ('error' in spec) return deps.ui.dispatch({ type: 'form', form: { ...form, error: spec.error } });
  if (!spec.isolate) return startAgent(deps, spec);
  // Its worktree first; a problem (not a repository, a branch of that name that is the user's) stays in the form.
  deps.ui.dispatch({ type: 'form', form: { ...form, error: 'making its worktree…' } });
  isolateSpec(spec, deps.worktreeDir, deps.worktree)
    .then((isolated) => startAgent(deps, isolated))
    .catch((err: unknown) => {
      if (deps.ui.get().form) deps.ui.dispatch({ type: 'form', form: { ...form, error: `isolate: ${(err instanceof Error ? err.message : String(err)).replace(/^isolate: /, '')}` } });
    });
}

function startAgent(deps: StartDeps, spec: AgentSpec): void {
  deps.ui.dispatch({ type: 'form', form: null });
  const index = deps.manager.agents.length;
  // The new pane changes the grid: size it and every other agent to the new layout.
  deps.manager.addAgent(spec, deps.agentSize() ?? { cols: 80, rows: 24 });
  deps.select(index);
  deps.ui.dispatch({ type: 'message', text: `started ${spec.name}${spec.worktree ? ` in ${spec.worktree.branch}` : ''}` });
}
