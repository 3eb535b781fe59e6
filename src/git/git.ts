import { execa } from 'execa';

/** A git failure a user should read: one line, the command's own words. */
export class GitError extends Error {
  readonly exitCode = 2;
}

/** Runs git in `cwd`; resolves with stdout, throws GitError with git's first line of complaint. */
export async function git(cwd: string, args: string[], opts: { allowFail?: boolean } = {}): Promise<string> {
  const r = await execa('git', args, { cwd, reject: false, env: { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }, stripFinalNewline: true });
  if (r.exitCode !== 0 && !opts.allowFail) {
    const why = (r.stderr || r.stdout).split('\n').find((l) => l.trim()) ?? `exit ${r.exitCode}`;
    throw new GitError(`git ${args[0]}: ${why.replace(/^(fatal|error): /, '')}`);
  }
  return r.stdout;
}

/** The top of the repository `cwd` is in, or null outside one. */
export async function repoRoot(cwd: string): Promise<string | null> {
  const out = await git(cwd, ['rev-parse', '--show-toplevel'], { allowFail: true }).catch(() => '');
  return out.trim() || null;
}
