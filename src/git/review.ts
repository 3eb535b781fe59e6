import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { join } from 'node:path';
import { fileDiff, readChanges, type Changes } from './changes.js';
import type { FileChange } from './review-types.js';
import { git } from './git.js';
import { repoFlags } from './repo-guard.js';
import { reviewFlags } from './review-flags.js';
import type { Flag } from './review-types.js';
import type { Worktree } from '../model/agent.js';

/** What the review shows and the sidebar counts: the changes, each file's diff, and the flags. */
export interface ReviewData {
  changes: Changes;
  /** One diff per file of changes.files, in that order. */
  diffs: string[];
  flags: Flag[];
}

/** The number the review and the sidebar (`⚑N`) both show: one count, one place. */
export function flagCount(flags: readonly Flag[]): number {
  return flags.length;
}

/** Bytes of a new file read for its diff and flags. */
const MAX_NEW_FILE = 1 << 20;

/** Undoes git's C-style quoting of an unusual path ("caf\303\251" -> café). */
function unquote(q: string): string {
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, a: 7, v: 11, '"': 34, '\\': 92 };
  for (let i = 0; i < q.length; i++) {
    const c = q[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = q[i + 1] ?? '';
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(q.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[n] ?? n.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The path a `diff --git a/X b/X` header names (renames are off: both sides are the same). */
function headerPath(header: string): string | null {
  const rest = header.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const len = (rest.length - 7) / 2;
    const q = rest.slice(3, 3 + len);
    return rest === `"a/${q}" "b/${q}"` ? unquote(q) : null;
  }
  const len = (rest.length - 5) / 2;
  const p = rest.slice(2, 2 + len);
  return rest === `a/${p} b/${p}` ? p : null;
}

/** A new file's diff, made from its content: every line added (or "Binary file"). */
function newFileDiff(root: string, path: string): string {
  let text: string;
  try {
    const fd = openSync(join(root, path), 'r');
    try {
      const size = fstatSync(fd).size;
      const buf = Buffer.alloc(Math.min(size, MAX_NEW_FILE));
      readSync(fd, buf, 0, buf.length, 0);
      if (buf.includes(0)) return `new file ${path}\nBinary file`;
      text = buf.toString('utf8');
      if (size > MAX_NEW_FILE) text += `\n… (${size} bytes; the first ${MAX_NEW_FILE} shown)`;
    } finally {
      closeSync(fd);
    }
  } catch {
    return `new file ${path}\n(unreadable)`;
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return [`new file ${path}`, '--- /dev/null', `+++ b/${path}`, `@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n');
}

/**
 * Every file's diff against the base: the tracked ones from one git run (split by file), the new
 * ones from their content. A file whose part cannot be told apart gets a git run of its own.
 */
async function allDiffs(w: Worktree, changes: Changes): Promise<string[]> {
  const tracked = changes.files.filter((f) => f.status !== '?');
  const byPath = new Map<string, string>();
  if (tracked.length) {
    const out = await git(w.path, ['diff', '--no-renames', '--no-color', '--no-ext-diff', changes.baseCommit], { background: true });
    for (const part of out.split(/^(?=diff --git )/m)) {
      const path = headerPath(part.slice(0, part.indexOf('\n') < 0 ? part.length : part.indexOf('\n')));
      if (path !== null) byPath.set(path, part.replace(/\n$/, ''));
    }
  }
  const diffOf = async (f: FileChange): Promise<string> => {
    if (f.status === '?') return newFileDiff(w.path, f.path);
    return byPath.get(f.path) ?? fileDiff(w, changes.baseCommit, f);
  };
  const diffs: string[] = [];
  for (const f of changes.files) diffs.push(await diffOf(f));
  return diffs;
}

/** Reads what the review shows, flags included (changes to the shared config and hooks too). */
export async function readReview(w: Worktree, scope: readonly string[]): Promise<ReviewData> {
  const changes = await readChanges(w);
  const diffs = await allDiffs(w, changes);
  const flags = [...(await repoFlags(w)), ...changes.files.flatMap((f, i) => reviewFlags(f, diffs[i]!, scope))];
  return { changes, diffs, flags };
}
