import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cherryPick, discard, mergeBranch } from '../../src/git/actions.js';
import { readChanges } from '../../src/git/changes.js';
import { ensureWorktree, listWorktrees } from '../../src/git/worktree.js';
import { tempDir } from '../helpers/cli.js';

// agentmux's merges commit as the user; give this test process an identity of its own.
Object.assign(process.env, { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' });

const sh = (cwd: string, script: string) =>
  execa('sh', ['-c', script], { cwd, env: { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', PATH: process.env.PATH ?? '' } });

/** A repository with two committed files, on main. */
async function repo(): Promise<string> {
  const dir = tempDir('agentmux-repo-');
  await sh(dir, 'git init -q -b main && printf "a\\nb\\nc\\n" > app.txt && printf "x\\n" > notes.txt && git add . && git commit -qm init');
  return dir;
}

/** What the user's working tree is: git status and a hash of every file outside .git and .agentmux. */
async function snapshot(dir: string): Promise<string> {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (e === '.git' || e === '.agentmux') continue;
      if (statSync(p).isDirectory()) walk(p);
      else files.push(`${relative(dir, p)} ${createHash('sha1').update(readFileSync(p)).digest('hex')}`);
    }
  };
  walk(dir);
  const status = (await sh(dir, 'git status --porcelain && git rev-parse HEAD')).stdout;
  return `${status}\n${files.sort().join('\n')}`;
}

describe('isolated worktrees with real git repositories', () => {
  it('a name git refuses, or a directory outside the repository, leaves nothing behind, not even an exclude line (issue 14.14)', async () => {
    const dir = await repo();
    const before = await snapshot(dir);
    const exclude = () => readFileSync(join(dir, '.git', 'info', 'exclude'), 'utf8');
    const excludeBefore = exclude();
    await expect(ensureWorktree(dir, 'a..b')).rejects.toThrow();
    await expect(ensureWorktree(dir, 'ok', '../elsewhere')).rejects.toThrow(/the worktree directory \.\.\/elsewhere is not inside/);
    expect(exclude()).toBe(excludeBefore);
    expect(await snapshot(dir)).toBe(before);
    expect(existsSync(join(dir, '..', 'elsewhere'))).toBe(false);
  });

  it('creates the worktree on agentmux/<agent> from HEAD, excluded in .git/info/exclude, and reuses it', async () => {
    const dir = await repo();
    const before = await snapshot(dir);
    const w = await ensureWorktree(dir, 'api');
    expect(w).toMatchObject({ branch: 'agentmux/api', base: 'main', path: join(dir, '.agentmux', 'worktrees', 'api') });
    expect(readFileSync(join(w.path, 'app.txt'), 'utf8')).toBe('a\nb\nc\n');
    expect(readFileSync(join(dir, '.git', 'info', 'exclude'), 'utf8')).toContain('/.agentmux/worktrees/');
    expect(existsSync(join(dir, '.gitignore'))).toBe(false);
    writeFileSync(join(w.path, 'wip.txt'), 'keep me\n');
    const again = await ensureWorktree(dir, 'api');
    expect(again.path).toBe(w.path);
    expect(readFileSync(join(w.path, 'wip.txt'), 'utf8')).toBe('keep me\n'); // reused, not clobbered
    expect((await listWorktrees(dir)).map((x) => x.agent)).toEqual(['api']);
    expect(await snapshot(dir)).toBe(before);
  });

  it('refuses outside a repository, and creates nothing', async () => {
    const dir = tempDir('agentmux-norepo-');
    await expect(ensureWorktree(dir, 'api')).rejects.toThrow(/is not inside a git repository/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('lists committed and uncommitted changes with their counts', async () => {
    const dir = await repo();
    const w = await ensureWorktree(dir, 'api');
    // The agent: one commit, then more work left uncommitted (a change and a new file).
    await sh(w.path, 'printf "a\\nB\\nc\\nd\\n" > app.txt && git commit -qam "edit app" && printf "x\\ny\\n" > notes.txt && printf "1\\n2\\n3\\n" > new.txt');
    const c = await readChanges(w);
    expect(c.commits.map((x) => x.subject)).toEqual(['edit app']);
    expect(c.files).toEqual([
      { path: 'app.txt', added: 2, removed: 1, status: 'M' },
      { path: 'new.txt', added: 3, removed: 0, status: '?' },
      { path: 'notes.txt', added: 1, removed: 0, status: 'M' },
    ]);
    expect([c.added, c.removed, c.uncommitted]).toEqual([6, 1, 2]);
  });

  it('merges with a fast-forward when it can, and leaves the worktree’s uncommitted work out', async () => {
    const dir = await repo();
    const w = await ensureWorktree(dir, 'api');
    await sh(w.path, 'echo more >> app.txt && git commit -qam "more" && echo wip > wip.txt');
    expect(await mergeBranch(w)).toEqual({ ok: true, how: 'fast-forward', uncommitted: 1 });
    expect(readFileSync(join(dir, 'app.txt'), 'utf8')).toBe('a\nb\nc\nmore\n');
    expect(existsSync(join(dir, 'wip.txt'))).toBe(false);
  });

  it('makes a merge commit when the base moved on', async () => {
    const dir = await repo();
    const w = await ensureWorktree(dir, 'api');
    await sh(w.path, 'echo agent >> app.txt && git commit -qam "agent"');
    await sh(dir, 'echo user >> notes.txt && git commit -qam "user"');
    expect(await mergeBranch(w)).toMatchObject({ ok: true, how: 'merge commit' });
    expect((await sh(dir, 'git log -1 --format=%s')).stdout).toBe('Merge agentmux/api');
  });

  it('on a conflict changes nothing and names the files', async () => {
    const dir = await repo();
    const w = await ensureWorktree(dir, 'api');
    await sh(w.path, 'printf "agent\\n" > app.txt && git commit -qam "agent"');
    await sh(dir, 'printf "user\\n" > app.txt && git commit -qam "user"');
    const before = await snapshot(dir);
    expect(await mergeBranch(w)).toEqual({ ok: false, reason: 'merging would conflict in app.txt: nothing was changed', conflicts: ['app.txt'] });
    expect(await snapshot(dir)).toBe(before);
  });

  it('cherry-picks a chosen commit; a conflicting one changes nothing', async () => {
    const dir = await repo();
    const w = await ensureWorktree(dir, 'api');
    await sh(w.path, 'echo one > one.txt && git add one.txt && git commit -qm one && printf "agent\\n" > app.txt && git commit -qam two');
    const c = await readChanges(w);
    const one = c.commits.find((x) => x.subject === 'one')!.sha;
    const two = c.commits.find((x) => x.subject === 'two')!.sha;
    expect(await cherryPick(w, [one])).toEqual({ ok: true });
    expect(readFileSync(join(dir, 'one.txt'), 'utf8')).toBe('one\n');
    await sh(dir, 'printf "user\\n" > app.txt && git commit -qam user');
    const before = await snapshot(dir);
    expect(await cherryPick(w, [two])).toEqual({ ok: false, reason: 'cherry-pick would conflict in app.txt: nothing was changed' });
    expect(await snapshot(dir)).toBe(before);
  });

  it('discard refuses while the agent runs or work would be lost, then removes worktree and branch once that loss is confirmed', async () => {
    const dir = await repo();
    const before = await snapshot(dir);
    const w = await ensureWorktree(dir, 'api');
    await sh(w.path, 'echo more >> app.txt && git commit -qam more && echo wip > wip.txt');
    expect(await discard(w, { agentRunning: true })).toEqual({ ok: false, reason: 'api is still running: end it first' });
    const refused = await discard(w, { agentRunning: false });
    expect(refused).toMatchObject({ ok: false, reason: 'discarding agentmux/api would lose 1 uncommitted file (wip.txt) and 1 unmerged commit' });
    const loss = refused.ok ? null : refused.loss!;
    expect(await discard(w, { agentRunning: false, confirmedLoss: { ...loss!, uncommitted: [] } })).toMatchObject({ ok: false });
    expect(existsSync(w.path)).toBe(true);
    expect(await discard(w, { agentRunning: false, confirmedLoss: loss })).toEqual({ ok: true });
    expect(existsSync(w.path)).toBe(false);
    expect((await sh(dir, 'git branch --list "agentmux/*"')).stdout).toBe('');
    expect(await snapshot(dir)).toBe(before);
  });
});

describe('worktrees in a repo with a subfolder agent', () => {
  it('works from a subdirectory of the repository', async () => {
    const dir = await repo();
    mkdirSync(join(dir, 'sub'));
    const w = await ensureWorktree(join(dir, 'sub'), 'web');
    expect(w.path).toBe(join(dir, '.agentmux', 'worktrees', 'web'));
  });
});

describe('agentmux worktrees (the built CLI)', () => {
  it('lists each worktree with its state, and prune removes only the merged and clean ones', async () => {
    const { runCli } = await import('../helpers/cli.js');
    const dir = await repo();
    const done = await ensureWorktree(dir, 'done');
    const busy = await ensureWorktree(dir, 'busy');
    await sh(done.path, 'echo d > d.txt && git add d.txt && git commit -qm d');
    await mergeBranch(done);
    await sh(busy.path, 'echo b > b.txt && git add b.txt && git commit -qm b && echo wip > wip.txt');
    const list = await runCli(['worktrees'], { cwd: dir });
    expect(list.exitCode).toBe(0);
    expect(list.stdout.split('\n')).toEqual([`agentmux/busy  +2 -0  1 commit not merged, 1 uncommitted  -> main  ${busy.path}`, `agentmux/done  +0 -0  merged  -> main  ${done.path}`]);
    const prune = await runCli(['worktrees', 'prune'], { cwd: dir });
    expect(prune.stdout).toContain('removed agentmux/done (merged into main)');
    expect(existsSync(done.path)).toBe(false);
    expect(existsSync(busy.path)).toBe(true);
    expect((await sh(dir, 'git for-each-ref --format="%(refname:short)" refs/heads/agentmux/')).stdout.trim()).toBe('agentmux/busy');
    const outside = await runCli(['worktrees'], { cwd: tempDir() });
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr.trim()).toMatch(/^agentmux: worktrees: .* is not inside a git repository$/);
  });
});
