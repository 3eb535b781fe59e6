import { join, relative } from 'node:path';
import type { AgentSpec, WorktreePrep } from '../model/agent.js';
import { DEFAULT_SETTINGS } from '../config/types.js';
import { makeWorktree } from './worktree.js';
import { repoRoot } from './git.js';
import { copyPatterns, prepareWorktree, setupStep } from './worktree-prep.js';

/** An agent's `worktree` config: its own fields over the global ones. */
export function prepOf(spec: AgentSpec, global: WorktreePrep): WorktreePrep {
  return { ...global, ...spec.worktreePrep };
}

/**
 * Makes the worktree of an agent ready again once it was checked out again (restoreWorktree):
 * its copies, and its setup to run before the agent.
 */
export async function prepareAgain(spec: AgentSpec, dir = DEFAULT_SETTINGS.worktreeDir, global: WorktreePrep = {}): Promise<void> {
  if (!spec.worktree) return;
  await prepareWorktree(spec.worktree, copyPatterns(spec.worktree.repo, prepOf(spec, global).copy), dir);
}

/**
 * An agent marked `isolate`, given its git worktree (made, reused or checked out again) and
 * moved into it, in the same subdirectory it was given. A worktree made now gets the files its
 * copy patterns match; with `worktree.setup`, the spec carries the step its session runs first.
 * Throws a GitError saying what is wrong.
 */
export async function isolateSpec(spec: AgentSpec, dir = DEFAULT_SETTINGS.worktreeDir, global: WorktreePrep = {}): Promise<AgentSpec> {
  if (!spec.isolate) return spec;
  const prep = prepOf(spec, global);
  // Read first: a broken .worktreeinclude is said before anything is made.
  const repo = await repoRoot(spec.cwd);
  const patterns = repo ? copyPatterns(repo, prep.copy) : [];
  const { worktree: w, made } = await makeWorktree(spec.cwd, spec.name, dir);
  if (made) await prepareWorktree(w, patterns, dir);
  const setup = await setupStep(w, prep.setup);
  return { ...spec, cwd: join(w.path, relative(w.repo, spec.cwd)), worktree: w, ...(setup ? { setup } : {}) };
}
