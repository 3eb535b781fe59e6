import { constants, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, readlink, symlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { commandArgv } from '../config/load.js';
import { realPath } from '../lib/real-path.js';
import type { SetupStep, Worktree } from '../model/agent.js';
import { mayHold, parseInclude, planCopies, WORKTREE_INCLUDE, type CopyPlan, type TreeEntry } from './copy-plan.js';
import { commonDir, GitError } from './git.js';

const inside = (root: string, path: string | null) => path !== null && (path === root || path.startsWith(root + sep));

/**
 * The copy patterns in force: the agent's or global `worktree.copy` when given, else the
 * repository's `.worktreeinclude`, else none. A broken pattern in the file is a GitError naming its line.
 */
export function copyPatterns(repo: string, copy: readonly string[] | undefined): string[] {
  if (copy) return [...copy];
  const file = join(repo, WORKTREE_INCLUDE);
  let text: string;
  try {
    if (!lstatSync(file).isFile()) return [];
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const parsed = parseInclude(text);
  if (!Array.isArray(parsed)) throw new GitError(`${file}: line ${parsed.line}: ${parsed.error}`);
  return parsed;
}

/**
 * The files and symbolic links of the user's tree a pattern may match, ignored and untracked ones
 * too: never inside a .git, nor in the worktrees' folder, nor through a symbolic link to a
 * directory (the link itself is an entry). Directories no pattern can reach are not read.
 */
export async function listTree(repo: string, worktreeDir: string, patterns: readonly string[]): Promise<TreeEntry[]> {
  const root = realPath(repo) ?? repo;
  const skip = relative(repo, resolve(repo, worktreeDir)).split(sep).join('/');
  const out: TreeEntry[] = [];
  const walk = async (dir: string) => {
    if (!mayHold(dir, patterns)) return;
    let names: import('node:fs').Dirent[];
    try {
      names = await readdir(join(repo, dir), { withFileTypes: true });
    } catch {
      return; // unreadable: nothing to copy from it
    }
    for (const d of names) {
      const path = dir ? `${dir}/${d.name}` : d.name;
      if (d.name === '.git' || path === skip) continue;
      if (d.isDirectory()) await walk(path);
      else if (d.isFile()) out.push({ path, type: 'file' });
      else if (d.isSymbolicLink()) {
        const text = await readlink(join(repo, path)).catch(() => null);
        if (text !== null) out.push({ path, type: 'symlink', link: { text, inside: inside(root, realPath(join(root, path))) } });
      }
    }
  };
  await walk('');
  return out;
}

/**
 * Carries a copy plan out into the worktree. Never overwrites (a file that appeared meanwhile
 * stays), and never writes through a directory of the worktree that is a link leading out of it.
 */
export async function applyCopies(repo: string, worktree: string, plan: CopyPlan): Promise<string[]> {
  const root = realPath(worktree) ?? worktree;
  const copied: string[] = [];
  for (const step of plan.steps) {
    const dest = join(worktree, step.path);
    if (!inside(root, realPath(dirname(dest)))) continue;
    try {
      await mkdir(dirname(dest), { recursive: true });
      if (!inside(root, realPath(dirname(dest)))) continue;
      if (step.kind === 'file') {
        const st = await lstat(join(repo, step.path));
        if (!st.isFile()) continue; // replaced by something else since the walk
        await copyFile(join(repo, step.path), dest, constants.COPYFILE_EXCL);
      } else await symlink(step.text, dest);
      copied.push(step.path);
    } catch {
      // EEXIST (never overwritten), or unreadable: left out
    }
  }
  return copied;
}

/** Each repository's common git directory, once: readCopied runs with every refresh of the figures. */
const commonDirs = new Map<string, Promise<string>>();

function sharedDir(repo: string): Promise<string> {
  let dir = commonDirs.get(repo);
  if (!dir) {
    dir = commonDir(repo);
    commonDirs.set(repo, dir);
    dir.catch(() => commonDirs.delete(repo));
  }
  return dir;
}

/** Where the list of what was copied into an agent's worktree lives (in the repository's git directory). */
async function copiedListFile(w: Worktree): Promise<string> {
  return join(await sharedDir(w.repo), 'agentmux', 'copied', `${w.agent}.json`);
}

/** The paths copied into the agent's worktree when it was made (none when unknown). */
export async function readCopied(w: Worktree): Promise<Set<string>> {
  try {
    const list: unknown = JSON.parse(readFileSync(await copiedListFile(w), 'utf8'));
    return new Set(Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Where the note that an agent's worktree is set up lives: in the repository's git directory, not the worktree. */
async function setupDoneFile(w: Worktree): Promise<string> {
  return join(await commonDir(w.repo), 'agentmux', 'setup-done', w.agent);
}

/**
 * Makes a worktree agentmux has just made (or checked out again) ready: the files the copy
 * patterns (copyPatterns) match, copied from the user's tree, and noted; and its setup to run
 * again (the note that it ran belonged to the old directory). Returns how many were copied.
 */
export async function prepareWorktree(w: Worktree, patterns: readonly string[], worktreeDir: string): Promise<number> {
  rmSync(await setupDoneFile(w), { force: true });
  const list = await copiedListFile(w);
  rmSync(list, { force: true });
  if (!patterns.length) return 0;
  const entries = await listTree(w.repo, worktreeDir, patterns);
  const plan = planCopies(entries, patterns, (p) => {
    try {
      lstatSync(join(w.path, p));
      return true;
    } catch {
      return false;
    }
  });
  const copied = await applyCopies(w.repo, w.path, plan);
  // Noted, so the copies are not taken for the agent's own new files when overlaps are looked for.
  mkdirSync(dirname(list), { recursive: true });
  writeFileSync(list, `${JSON.stringify(copied)}\n`);
  return copied.length;
}

/** The setup step an agent's session runs before it (until it once succeeds), or null without `worktree.setup`. */
export async function setupStep(w: Worktree, line: string | undefined): Promise<SetupStep | null> {
  if (!line) return null;
  const argv = commandArgv(line, process.env);
  if (!Array.isArray(argv)) throw new GitError(`worktree.setup ${argv.error}`);
  const done = await setupDoneFile(w);
  mkdirSync(dirname(done), { recursive: true });
  return { line, argv, done };
}
