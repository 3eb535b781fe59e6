import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, GitError } from './git.js';
import { goneReason, worktreePresent } from './worktree.js';
import type { Worktree } from '../model/agent.js';
import type { FileChange } from './review-types.js';

export interface Changes {
  /** The commit the branch started from (merge-base with its base branch). */
  baseCommit: string;
  commits: { sha: string; subject: string }[];
  files: FileChange[];
  added: number;
  removed: number;
  /** Files changed in the worktree but not committed (each file of a new directory counts). */
  uncommitted: number;
  /** Their paths, in order. */
  uncommittedFiles: string[];
}

/** The uncommitted files of a worktree, one path each (a new directory's files one by one; ignored ones not). */
export async function uncommittedFiles(path: string): Promise<string[]> {
  const porcelain = await git(path, ['status', '--porcelain', '-z', '--untracked-files=all', '--no-renames'], { background: true });
  return porcelain
    .split('\0')
    .filter(Boolean)
    .map((e) => e.slice(3))
    .sort();
}

/**
 * What the agent changed: its commits and its uncommitted work (untracked files included),
 * against the commit its branch started from. Read-only; git runs in the agent's worktree.
 */
export async function readChanges(w: Worktree): Promise<Changes> {
  if (!worktreePresent(w)) throw new GitError(goneReason(w));
  const bg = { background: true };
  const baseCommit = (await git(w.path, ['merge-base', w.base, 'HEAD'], bg)).trim();
  const log = await git(w.path, ['log', '--format=%h%x09%s', `${baseCommit}..HEAD`], bg);
  const commits = log ? log.split('\n').map((l) => ({ sha: l.split('\t')[0]!, subject: l.split('\t').slice(1).join('\t') })) : [];
  const numstat = await git(w.path, ['diff', '--numstat', '-z', '--no-renames', baseCommit], bg);
  const nameStatus = await git(w.path, ['diff', '--name-status', '-z', '--no-renames', baseCommit], bg);
  const statusOf = new Map<string, string>();
  const ns = nameStatus.split('\0');
  for (let i = 0; i + 1 < ns.length; i += 2) statusOf.set(ns[i + 1]!, ns[i]!);
  const files: FileChange[] = [];
  for (const entry of numstat.split('\0').filter(Boolean)) {
    const [a, r, path] = entry.split('\t');
    if (!path) continue;
    files.push({ path, added: a === '-' ? 0 : Number(a), removed: r === '-' ? 0 : Number(r), status: statusOf.get(path) ?? 'M' });
  }
  const untracked = (await git(w.path, ['ls-files', '--others', '--exclude-standard', '-z'], bg)).split('\0').filter(Boolean);
  for (const path of untracked) {
    let lines = 0;
    try {
      const text = readFileSync(join(w.path, path), 'utf8');
      lines = text ? text.split('\n').length - (text.endsWith('\n') ? 1 : 0) : 0;
    } catch {
      // unreadable: count it as a file without lines
    }
    files.push({ path, added: lines, removed: 0, status: '?' });
  }
  files.sort((x, y) => x.path.localeCompare(y.path));
  const pending = await uncommittedFiles(w.path);
  return {
    baseCommit,
    commits,
    files,
    added: files.reduce((n, f) => n + f.added, 0),
    removed: files.reduce((n, f) => n + f.removed, 0),
    uncommitted: pending.length,
    uncommittedFiles: pending,
  };
}

/** The unified diff of one file against the base (an untracked file shows as all added). */
export async function fileDiff(w: Worktree, baseCommit: string, file: FileChange): Promise<string> {
  if (file.status === '?') return git(w.path, ['diff', '--no-index', '--', '/dev/null', file.path], { allowFail: true });
  return git(w.path, ['diff', '--no-renames', baseCommit, '--', file.path]);
}
