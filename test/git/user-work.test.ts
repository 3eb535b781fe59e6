import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cherryPick, discard, mergeBranch } from '../../src/git/actions.js';
import { readChanges } from '../../src/git/changes.js';
import { lossSummary, readLoss } from '../../src/git/loss.js';
import { ensureWorktree, listWorktrees, restoreWorktree } from '../../src/git/worktree.js';
import { runCli } from '../helpers/cli.js';
import { GIT_ID, repo, sh, userState } from '../helpers/git.js';

// agentmux's merges commit as the user; give this test process an identity of its own.
Object.assign(process.env, GIT_ID);

/** A repository whose agent worktree has one commit (app.txt), made before the user's own work began. */
async function withAgentCommit() {
  const dir = await repo();
  const w = await ensureWorktree(dir, 'api');
  await sh(w.path, 'echo agent >> app.txt && git commit -qam agent');
  const sha = (await sh(w.path, 'git rev-parse --short HEAD')).trim();
  return { dir, w, sha };
}

/** The user's own merge, stopped on a conflict in notes.txt, with a resolution staged. */
async function userMidMerge(dir: string): Promise<void> {
  await sh(dir, 'git checkout -qb side && printf "side\\n" > notes.txt && git commit -qam side && git checkout -q main && printf "main\\n" > notes.txt && git commit -qam main');
  await sh(dir, 'git merge side >/dev/null 2>&1; printf "resolved by hand\\n" > notes.txt && git add notes.txt');
  expect(existsSync(join(dir, '.git', 'MERGE_HEAD'))).toBe(true);
}

describe("the user's own operation in progress (issue 13, item 7)", () => {
  it('m refuses up front while the user is mid-merge, and keeps the staged resolution', async () => {
    const { dir, w } = await withAgentCommit();
    await userMidMerge(dir);
    const before = await userState(dir);
    const r = await mergeBranch(w);
    expect(r).toMatchObject({ ok: false });
    expect(r.ok ? '' : r.reason).toMatch(/is in the middle of a merge: finish it \(git commit\) or abort it \(git merge --abort\) first/);
    expect(await userState(dir)).toBe(before);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('resolved by hand\n');
  });

  it('p refuses while the user is mid-merge or mid-cherry-pick, and never aborts it', async () => {
    const { dir, w, sha } = await withAgentCommit();
    await userMidMerge(dir);
    let before = await userState(dir);
    expect(await cherryPick(w, [sha])).toMatchObject({ ok: false, reason: expect.stringMatching(/in the middle of a merge/) });
    expect(await userState(dir)).toBe(before);
    await sh(dir, 'git merge --abort');
    // The user's own cherry-pick, stopped on a conflict.
    await sh(dir, 'git checkout -qb other HEAD~1 && printf "other\\n" > notes.txt && git commit -qam other && git checkout -q main');
    await sh(dir, 'git cherry-pick other >/dev/null 2>&1; printf "mine\\n" > notes.txt && git add notes.txt');
    expect(existsSync(join(dir, '.git', 'CHERRY_PICK_HEAD'))).toBe(true);
    before = await userState(dir);
    expect(await cherryPick(w, [sha])).toMatchObject({ ok: false, reason: expect.stringMatching(/in the middle of a cherry-pick: .*git cherry-pick --abort/) });
    expect(await mergeBranch(w)).toMatchObject({ ok: false, reason: expect.stringMatching(/in the middle of a cherry-pick/) });
    expect(await userState(dir)).toBe(before);
  });

  it('refuses mid-rebase, mid-revert and mid-bisect too, naming what is in progress', async () => {
    const { dir, w, sha } = await withAgentCommit();
    await sh(dir, 'git checkout -qb topic && printf "topic\\n" > notes.txt && git commit -qam topic && git checkout -q main && printf "main\\n" > notes.txt && git commit -qam main');
    await sh(dir, 'git checkout -q topic && git rebase main >/dev/null 2>&1; true');
    let before = await userState(dir);
    expect(await mergeBranch(w)).toMatchObject({ ok: false, reason: expect.stringMatching(/in the middle of a rebase/) });
    expect(await cherryPick(w, [sha])).toMatchObject({ ok: false, reason: expect.stringMatching(/in the middle of a rebase/) });
    expect(await userState(dir)).toBe(before);
    await sh(dir, 'git rebase --abort && git checkout -q main && git revert --no-edit HEAD~1 >/dev/null 2>&1; true');
    before = await userState(dir);
    expect(await mergeBranch(w)).toMatchObject({ ok: false, reason: expect.stringMatching(/in the middle of a revert/) });
    expect(await userState(dir)).toBe(before);
    await sh(dir, 'git revert --abort && git bisect start >/dev/null');
    before = await userState(dir);
    expect(await mergeBranch(w)).toMatchObject({ ok: false, reason: expect.stringMatching(/in the middle of a bisect/) });
    expect(await userState(dir)).toBe(before);
  });

  it('a merge of its own that fails is undone; the user’s unrelated changes stay', async () => {
    const { dir, w } = await withAgentCommit();
    // The base moved on (a merge commit is needed), and a pre-merge-commit hook refuses it.
    await sh(dir, 'echo user >> notes.txt && git commit -qam user && printf "#!/bin/sh\\nexit 1\\n" > .git/hooks/pre-merge-commit && chmod +x .git/hooks/pre-merge-commit');
    await sh(dir, 'echo mine > mine.txt');
    const before = await userState(dir);
    expect(await mergeBranch(w)).toMatchObject({ ok: false });
    expect(await userState(dir)).toBe(before);
  });
});

describe("the user's staged changes and a cherry-pick", () => {
  it('p of several commits with a file staged by the user is refused, and the staged file stays staged', async () => {
    // Found by the review fuzz: git refused the first pick (a dirty index), and aborting that
    // refusal reset the user's staged new file away, from the index and the disk.
    const { dir, w, sha } = await withAgentCommit();
    await sh(w.path, 'echo more >> app.txt && git commit -qam more');
    const second = (await sh(w.path, 'git rev-parse --short HEAD')).trim();
    await sh(dir, 'echo mine > staged.txt && git add staged.txt');
    const before = await userState(dir);
    expect(await cherryPick(w, [sha, second])).toMatchObject({ ok: false, reason: expect.stringMatching(/has staged changes \(staged\.txt\): commit or unstage them first; nothing was changed$/) });
    expect(await userState(dir)).toBe(before);
    expect(readFileSync(join(dir, 'staged.txt'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(dir, '.git', 'sequencer'))).toBe(false);
  });
});

describe('a worktree deleted by hand (issue 13, item 8)', () => {
  it('m and D report instead of throwing; D removes the branch once its commits are confirmed lost', async () => {
    const { dir, w } = await withAgentCommit();
    rmSync(w.path, { recursive: true, force: true });
    const before = await userState(dir);
    const m = await mergeBranch(w);
    expect(m).toMatchObject({ ok: false, reason: expect.stringMatching(/worktree .* is gone/) });
    await expect(readChanges(w)).rejects.toThrow(/worktree .* is gone/);
    const loss = await readLoss(w);
    expect(lossSummary(loss)).toBe('1 unmerged commit');
    const refused = await discard(w, { agentRunning: false });
    expect(refused).toMatchObject({ ok: false, reason: 'discarding agentmux/api would lose 1 unmerged commit' });
    expect(await discard(w, { agentRunning: false, confirmedLoss: loss })).toEqual({ ok: true });
    expect(await sh(dir, 'git branch --list "agentmux/*"')).toBe('');
    expect(await listWorktrees(dir)).toEqual([]);
    expect(await userState(dir)).toBe(before);
  });

  it('starting again recreates it from its branch, commits kept', async () => {
    const { dir, w } = await withAgentCommit();
    rmSync(w.path, { recursive: true, force: true });
    const again = await ensureWorktree(dir, 'api');
    expect(again).toEqual(w);
    expect(readFileSync(join(w.path, 'app.txt'), 'utf8')).toBe('a\nb\nc\nagent\n');
  });

  it('restoreWorktree brings back a discarded one as a new branch from its base', async () => {
    const { dir, w } = await withAgentCommit();
    const loss = await readLoss(w);
    await discard(w, { agentRunning: false, confirmedLoss: loss });
    expect(existsSync(w.path)).toBe(false);
    await sh(dir, 'echo later >> notes.txt && git commit -qam later');
    const restored = await restoreWorktree(w);
    expect(restored).toEqual({ worktree: w, from: 'base' });
    expect(readFileSync(join(w.path, 'notes.txt'), 'utf8')).toBe('x\nlater\n');
    expect((await readChanges(w)).commits).toEqual([]);
  });

  it('restoreWorktree says why not when the base branch is gone', async () => {
    const dir = await repo();
    await sh(dir, 'git checkout -qb feature');
    const w = await ensureWorktree(dir, 'api');
    await discard(w, { agentRunning: false, confirmedLoss: await readLoss(w) });
    await sh(dir, 'git checkout -q main && git branch -qD feature');
    await expect(restoreWorktree(w)).rejects.toThrow(/cannot recreate the worktree of api: its base branch feature no longer exists/);
  });
});

describe('what discard and prune would delete, ignored files included (issue 13, item 9)', () => {
  async function agentWithIgnored() {
    const dir = await repo();
    await sh(dir, 'printf ".env\\nnode_modules/\\n" > .gitignore && git add .gitignore && git commit -qm ignore');
    const w = await ensureWorktree(dir, 'api');
    mkdirSync(join(w.path, 'node_modules', 'a'), { recursive: true });
    mkdirSync(join(w.path, 'newdir'));
    writeFileSync(join(w.path, '.env'), 'SECRET=1\n');
    writeFileSync(join(w.path, 'node_modules', 'a', 'b.js'), '1\n');
    writeFileSync(join(w.path, 'node_modules', 'c.js'), '1\n');
    for (const f of ['1.txt', '2.txt', '3.txt', '4.txt']) writeFileSync(join(w.path, 'newdir', f), f);
    return { dir, w };
  }

  it('counts every file of an untracked directory and names the ignored ones before y', async () => {
    const { w } = await agentWithIgnored();
    await sh(w.path, 'echo change >> app.txt');
    const loss = await readLoss(w);
    expect(loss.uncommitted).toEqual(['app.txt', 'newdir/1.txt', 'newdir/2.txt', 'newdir/3.txt', 'newdir/4.txt']);
    expect(loss.ignored).toEqual(['.env', 'node_modules/a/b.js', 'node_modules/c.js']);
    expect(lossSummary(loss)).toBe('5 uncommitted files (app.txt, newdir/1.txt, newdir/2.txt, …) and 3 ignored files (.env, node_modules/a/b.js, node_modules/c.js)');
    expect((await readChanges(w)).uncommitted).toBe(5);
    const refused = await discard(w, { agentRunning: false });
    expect(refused).toMatchObject({ ok: false, reason: `discarding agentmux/api would lose ${lossSummary(loss)}` });
    // A file that appears after the question was asked is a different loss: asked again.
    writeFileSync(join(w.path, 'node_modules', 'late.js'), '1\n');
    expect(await discard(w, { agentRunning: false, confirmedLoss: loss })).toMatchObject({ ok: false });
    expect(existsSync(join(w.path, '.env'))).toBe(true);
    expect(await discard(w, { agentRunning: false, confirmedLoss: await readLoss(w) })).toEqual({ ok: true });
    expect(existsSync(w.path)).toBe(false);
  });

  it('prune keeps a merged worktree that holds ignored files, and says what they are', async () => {
    const { dir, w } = await agentWithIgnored();
    rmSync(join(w.path, 'newdir'), { recursive: true });
    const prune = await runCli(['worktrees', 'prune'], { cwd: dir });
    expect(prune.exitCode).toBe(0);
    expect(prune.stdout).toContain('kept agentmux/api: removing it would delete 3 ignored files (.env, node_modules/a/b.js, node_modules/c.js)');
    expect(existsSync(join(w.path, '.env'))).toBe(true);
  });
});

describe('a branch agentmux/<name> that already exists (issue 13, item 10)', () => {
  it('is refused with one line, and the user’s branch is left as it was', async () => {
    const dir = await repo();
    await sh(dir, 'git checkout -qb agentmux/api && echo mine >> notes.txt && git commit -qam mine && git checkout -q main');
    const sha = await sh(dir, 'git rev-parse agentmux/api');
    const before = await userState(dir);
    await expect(ensureWorktree(dir, 'api')).rejects.toThrow(/^isolate: a branch agentmux\/api already exists and agentmux did not make it: rename or delete it, or give the agent another name$/);
    expect(await sh(dir, 'git rev-parse agentmux/api')).toBe(sha);
    expect(existsSync(join(dir, '.agentmux', 'worktrees', 'api'))).toBe(false);
    expect(await listWorktrees(dir)).toEqual([]);
    expect(await userState(dir)).toBe(before);
  });

  it('a worktree the user made on such a branch is not agentmux’s either', async () => {
    const dir = await repo();
    await sh(dir, 'git worktree add -q -b agentmux/web "$PWD-web-by-hand"');
    expect(await listWorktrees(dir)).toEqual([]);
    await expect(ensureWorktree(dir, 'web')).rejects.toThrow(/a branch agentmux\/web already exists and agentmux did not make it/);
  });

  it('its own branch, left without a worktree, is taken up again', async () => {
    const { dir, w } = await withAgentCommit();
    await sh(dir, `git worktree remove --force ${w.path}`);
    expect(await ensureWorktree(dir, 'api')).toEqual(w);
    expect(readFileSync(join(w.path, 'app.txt'), 'utf8')).toBe('a\nb\nc\nagent\n');
  });
});
