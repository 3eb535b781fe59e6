import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** A git failure a user should read: one line, the command's own words. */
export class GitError extends Error {
  readonly exitCode = 2;
}

/** `nice` lets background git runs (diff statistics) yield the CPU to the dashboard. */
const NICE = process.platform !== 'win32' ? findNice() : null;

function findNice(): string | null {
  for (const p of ['/usr/bin/nice', '/bin/nice']) if (existsSync(p)) return p;
  return null;
}

/**
 * Runs git in `cwd`; resolves with stdout, throws GitError with git's first line of complaint.
 * `background` runs it at a lower priority, so a big repository never makes keys lag.
 */
export async function git(cwd: string, args: string[], opts: { allowFail?: boolean; background?: boolean } = {}): Promise<string> {
  // A directory deleted by hand (a worktree, say) would fail the spawn itself, with no exit code to report.
  if (!existsSync(cwd)) throw new GitError(`git ${args[0]}: ${cwd} does not exist`);
  const [file, argv] = opts.background && NICE ? [NICE, ['-n', '15', 'git', ...args]] : ['git', args];
  const r = await execa(file, argv, { cwd, reject: false, env: { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }, stripFinalNewline: true });
  if (r.exitCode !== 0 && !opts.allowFail) {
    const why = (r.stderr || r.stdout).split('\n').find((l) => l.trim()) ?? (r.exitCode === undefined ? (r.shortMessage ?? 'could not run git') : `exit ${r.exitCode}`);
    throw new GitError(`git ${args[0]}: ${why.replace(/^(fatal|error): /, '')}`);
  }
  return r.stdout;
}

/** The repository's own git directory (per worktree: where MERGE_HEAD and friends live). */
export async function gitDir(repo: string): Promise<string> {
  return (await git(repo, ['rev-parse', '--absolute-git-dir'])).trim();
}

/** The git directory every worktree shares (config, hooks, refs). */
export async function commonDir(repo: string): Promise<string> {
  return resolve(repo, (await git(repo, ['rev-parse', '--git-common-dir'])).trim());
}

/** The top of the repository `cwd` is in, or null outside one. */
export async function repoRoot(cwd: string): Promise<string | null> {
  const out = await git(cwd, ['rev-parse', '--show-toplevel'], { allowFail: true }).catch(() => '');
  return out.trim() || null;
}
