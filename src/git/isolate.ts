import { join, relative } from 'node:path';
import type { AgentSpec } from '../model/agent.js';
import { DEFAULT_SETTINGS } from '../config/types.js';
import { ensureWorktree } from './worktree.js';

/**
 * An agent marked `isolate`, given its git worktree (made, reused or checked out again) and
 * moved into it, in the same subdirectory it was given. Throws a GitError saying what is wrong.
 */
export async function isolateSpec(spec: AgentSpec, dir = DEFAULT_SETTINGS.worktreeDir): Promise<AgentSpec> {
  if (!spec.isolate) return spec;
  const w = await ensureWorktree(spec.cwd, spec.name, dir);
  return { ...spec, cwd: join(w.path, relative(w.repo, spec.cwd)), worktree: w };
}
