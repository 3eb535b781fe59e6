import { globProblem, matchesGlob } from '../lib/glob.js';

/** The file at the repository's root whose patterns say what a new worktree gets copied by default. */
export const WORKTREE_INCLUDE = '.worktreeinclude';

/**
 * The patterns of a `.worktreeinclude`: one per line, `#` starts a comment line, blank lines
 * are ignored, spaces around a pattern too. A broken glob is its line number and why.
 */
export function parseInclude(text: string): string[] | { line: number; error: string } {
  const patterns: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const p = lines[i]!.trim();
    if (!p || p.startsWith('#')) continue;
    const problem = globProblem(p);
    if (problem) return { line: i + 1, error: `not a valid glob: ${problem}` };
    patterns.push(p);
  }
  return patterns;
}

/** What every path a pattern matches starts with: the pattern up to its first wildcard ("config/" of "config/*.json"). */
function fixedPart(pattern: string): string {
  const wild = pattern.search(/[*?{]/);
  return wild < 0 ? pattern : pattern.slice(0, wild);
}

/**
 * Whether a directory (a repository path, "" for the root) may hold a file one of the patterns
 * matches: the walk of the user's tree skips the others (node_modules, unless a pattern reaches in).
 */
export function mayHold(dir: string, patterns: readonly string[]): boolean {
  if (dir === '') return patterns.length > 0;
  const d = `${dir}/`;
  return patterns.some((p) => {
    const fixed = fixedPart(p);
    return fixed.startsWith(d) || d.startsWith(fixed);
  });
}

/** A file of the user's tree, as the walk found it (paths from the repository root, with '/'). */
export interface TreeEntry {
  path: string;
  type: 'file' | 'symlink';
  /** A symbolic link's text, and whether it leads to a place inside the repository. */
  link?: { text: string; inside: boolean };
}

export type CopyStep = { kind: 'file'; path: string } | { kind: 'symlink'; path: string; text: string };

export interface CopyPlan {
  steps: CopyStep[];
  /** Files the patterns match that are not copied, and why (never the ones already in the worktree). */
  skipped: { path: string; why: string }[];
}

/**
 * What a new worktree gets from the user's tree: every entry a pattern matches that the worktree
 * does not have yet (nothing is overwritten). A symbolic link is copied as the same link when its
 * text is relative and it leads inside the repository (so in the worktree it leads to the
 * worktree's own file); one leading out, or written as an absolute path (it would lead back into
 * the user's tree), is skipped. Pure.
 */
export function planCopies(entries: readonly TreeEntry[], patterns: readonly string[], exists: (path: string) => boolean): CopyPlan {
  const plan: CopyPlan = { steps: [], skipped: [] };
  for (const e of entries) {
    if (!patterns.some((p) => matchesGlob(e.path, p)) || exists(e.path)) continue;
    if (e.type === 'file') {
      plan.steps.push({ kind: 'file', path: e.path });
      continue;
    }
    const link = e.link;
    if (!link?.inside) plan.skipped.push({ path: e.path, why: 'a symbolic link leading out of the repository' });
    else if (link.text.startsWith('/')) plan.skipped.push({ path: e.path, why: 'a symbolic link to an absolute path (it would lead back into your tree)' });
    else plan.steps.push({ kind: 'symlink', path: e.path, text: link.text });
  }
  return plan;
}
