import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tempDir } from './cli.js';

/** A fixed identity, so commits made by tests and by agentmux never depend on the machine. */
export const GIT_ID = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };

/** Runs a shell script in `cwd` with that identity; rejects with its output when it fails. */
export async function sh(cwd: string, script: string): Promise<string> {
  const r = await execa('sh', ['-c', script], { cwd, env: { ...GIT_ID, PATH: process.env.PATH ?? '', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' }, extendEnv: false, reject: false });
  if (r.exitCode !== 0) throw new Error(`${script}: exit ${r.exitCode}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** A repository on main with two committed files (app.txt, notes.txt). */
export async function repo(prefix = 'agentmux-repo-'): Promise<string> {
  const dir = tempDir(prefix);
  await sh(dir, 'git init -q -b main && printf "a\\nb\\nc\\n" > app.txt && printf "x\\n" > notes.txt && git add . && git commit -qm init');
  return dir;
}

/**
 * The user's work, as it is: every file outside .git and .agentmux with its hash (ignored files
 * and symlinks too), `git status`, HEAD, the index, and which operation is in progress.
 */
export async function userState(dir: string): Promise<string> {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (d === dir && (e === '.git' || e === '.agentmux')) continue;
      const st = lstatSync(p);
      if (st.isSymbolicLink()) files.push(`${relative(dir, p)} -> ${readlinkSync(p)}`);
      else if (st.isDirectory()) walk(p);
      else files.push(`${relative(dir, p)} ${createHash('sha1').update(readFileSync(p)).digest('hex')}`);
    }
  };
  walk(dir);
  const git = join(dir, '.git');
  const inProgress = ['MERGE_HEAD', 'MERGE_MSG', 'CHERRY_PICK_HEAD', 'REVERT_HEAD', 'BISECT_LOG', 'rebase-merge', 'rebase-apply', 'sequencer']
    .filter((f) => existsSync(join(git, f)))
    .map((f) => `${f}${lstatSync(join(git, f)).isFile() ? ` ${readFileSync(join(git, f), 'utf8').trim()}` : ''}`);
  // agentmux's own directory (the worktrees) shows as ignored: it is not the user's.
  const status = (await sh(dir, 'git status --porcelain=v2 -uall --ignored && git rev-parse HEAD && git symbolic-ref -q HEAD; git ls-files -s | sha1sum'))
    .split('\n')
    .filter((l) => !/^! \.agentmux\//.test(l))
    .join('\n');
  return [status, ...inProgress, ...files.sort()].join('\n');
}
