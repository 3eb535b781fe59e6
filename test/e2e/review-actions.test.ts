import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { GIT_ID, repo, sh } from '../helpers/git.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
killTmuxAfterEach();

/** agentmux in tmux, in `dir`, with one isolated shell agent `w` running `script`. */
async function start(dir: string, script: string, extra: object = {}): Promise<Tmux> {
  writeFileSync(join(dir, 'agentmux.json'), JSON.stringify({ agents: [{ name: 'w', command: ['sh', '-c', script], kind: 'shell', isolate: true, ...extra }] }));
  await sh(dir, 'echo /agentmux.json >> .git/info/exclude');
  const t = new Tmux();
  t.start({ cols: 160, rows: 40, cwd: dir, env: { XDG_STATE_HOME: tempDir(), ...GIT_ID } });
  t.typeLine(`node ${BIN}`);
  return t;
}

const screen = () => tmux!.capture();
const type = (text: string) => {
  for (const ch of text) tmux!.key(ch === ' ' ? 'Space' : ch);
};

describe('the review asks before it merges flags, and lists them (issue 12, item 8)', () => {
  it('m lists a secret and a planted hook; any other key cancels; y merges', async () => {
    const dir = await repo();
    const key = `sk-ant-api03-${'k'.repeat(30)}`;
    tmux = await start(dir, `echo "KEY=${key}" > key.txt && git add key.txt && git commit -qm key && printf '#!/bin/sh\\n' > "$(git rev-parse --git-common-dir)/hooks/pre-commit"; exec sh`);
    await waitFor('the flags in the sidebar', () => /agentmux\/w \+1 −0 ⚑2/.test(screen()), 10_000);
    tmux.key('d');
    await waitFor('the review', () => screen().includes('1 commit · 0 uncommitted files · 2 flags'));
    expect(screen()).toContain('⚑ .git/hooks/pre-commit: a new hook, which runs in your checkout too');
    tmux.key('m');
    await waitFor('the question', () => screen().includes('Merge agentmux/w into main? The review shows 2 flags:'));
    expect(screen()).toContain('⚑ .git/hooks/pre-commit: a new hook, which runs in your checkout too');
    expect(screen()).toContain('⚑ key.txt: looks like an Anthropic API key');
    expect(screen()).toContain('y merge anyway · any other key cancels');
    tmux.key('n');
    await waitFor('cancelled', () => screen().includes('not merged'));
    expect(existsSync(join(dir, 'key.txt'))).toBe(false);
    tmux.key('m');
    await waitFor('the question again', () => screen().includes('The review shows 2 flags:'));
    tmux.key('y');
    await waitFor('merged', () => screen().includes('merged agentmux/w into main (fast-forward)'));
    expect(readFileSync(join(dir, 'key.txt'), 'utf8')).toContain(key);
  }, 30_000);
});

describe('m commits uncommitted work first, with a message you edit (issue 12, item 8)', () => {
  it('offers the commit, takes the edited message, then merges', async () => {
    const dir = await repo();
    tmux = await start(dir, 'echo more >> app.txt && echo notes > notes.md; exec sh');
    await waitFor('the counts in the sidebar', () => /agentmux\/w \+2 −0/.test(screen()), 10_000);
    tmux.key('d');
    await waitFor('the review', () => screen().includes('0 commits · 2 uncommitted files · 0 flags'));
    tmux.key('m');
    await waitFor('the question', () => screen().includes('agentmux/w has 2 uncommitted files, which a merge of the branch leaves out:'));
    expect(screen()).toContain('c commit them first (you edit the message), then merge');
    expect(screen()).not.toContain('without them'); // no commits to merge without them
    tmux.key('c');
    await waitFor('the message', () => screen().includes('› Changes by w: app.txt, notes.md'));
    tmux.key('C-u');
    type('Add the notes');
    await waitFor('typed', () => screen().includes('› Add the notes'));
    tmux.key('Enter');
    await waitFor('committed and merged', () => screen().includes('committed, then merged agentmux/w into main (fast-forward)'));
    expect(await sh(dir, 'git log -1 --format=%s')).toBe('Add the notes');
    expect(readFileSync(join(dir, 'notes.md'), 'utf8')).toBe('notes\n');
  }, 30_000);
});

describe('discard states every file it deletes; r brings the worktree back (issue 12 item 8, issue 13 item 9)', () => {
  it('lists the new directory file by file and the ignored .env, then r recreates the worktree', async () => {
    const dir = await repo();
    await sh(dir, 'echo .env > .gitignore && git add .gitignore && git commit -qm ignore');
    const path = join(dir, '.agentmux', 'worktrees', 'w');
    tmux = await start(dir, 'echo SECRET=1 > .env && mkdir -p newdir && echo 1 > newdir/a.txt && echo 2 > newdir/b.txt && echo done');
    await waitFor('the agent exited', () => /1 w\s+exited 0/.test(screen()), 10_000);
    tmux.key('d');
    await waitFor('the review', () => screen().includes('2 uncommitted files'));
    tmux.key('D');
    await waitFor('the loss', () => screen().includes('Discard agentmux/w and its worktree? This deletes:'));
    for (const line of ['2 uncommitted files:', 'newdir/a.txt', 'newdir/b.txt', "1 ignored file (.gitignore'd, not in git status):", '.env', 'y lose them · any other key keeps them'])
      expect(screen()).toContain(line);
    tmux.key('y');
    await waitFor('discarded', () => screen().includes('discarded agentmux/w and its worktree'));
    expect(existsSync(path)).toBe(false);
    tmux.key('r');
    await waitFor('restarted in a new worktree', () => screen().includes('restarted w in a new worktree: agentmux/w from main'));
    await waitFor('the agent ran there again', () => existsSync(join(path, 'newdir', 'b.txt')) && /1 w\s+exited 0/.test(screen()));
    expect(screen()).not.toContain('chdir');
  }, 30_000);
});

describe('a worktree deleted by hand (issue 13, item 8)', () => {
  it('m and D report it and the dashboard stays; once ended, D discards and r recreates', async () => {
    const dir = await repo();
    const path = join(dir, '.agentmux', 'worktrees', 'w');
    tmux = await start(dir, 'echo x > f.txt && git add f.txt && git commit -qm one; exec sh');
    await waitFor('the counts in the sidebar', () => /agentmux\/w \+1 −0/.test(screen()), 10_000);
    rmSync(path, { recursive: true, force: true });
    tmux.key('d');
    await waitFor('the review says so', () => screen().includes(`cannot read the changes: the worktree ${path} is gone (deleted by hand?)`));
    tmux.key('m');
    await waitFor('m says so', () => screen().includes(`the worktree ${path} is gone (deleted by hand?): r on the dashboard recreates it`));
    tmux.key('D');
    await waitFor('D refused while it runs', () => screen().includes('w is still running: end it first'));
    tmux.key('Escape');
    await waitFor('the dashboard, still there', () => screen().includes('1 w · '));
    tmux.key('x');
    tmux.key('y');
    await waitFor('ended', () => /1 w\s+exited/.test(screen()));
    tmux.key('d');
    tmux.key('D');
    await waitFor('the loss', () => screen().includes('1 commit not merged into main'));
    tmux.key('y');
    await waitFor('discarded', () => screen().includes('discarded agentmux/w and its worktree'));
    tmux.key('r');
    await waitFor('restarted', () => screen().includes('restarted w in a new worktree: agentmux/w from main'));
    await waitFor('running there', () => existsSync(join(path, 'f.txt')));
    expect(screen()).not.toContain('internal error');
  }, 30_000);
});

describe('the c form sets isolate, scope and approval mode (issue 12, item 8)', () => {
  it('starts an isolated agent on its own branch, with its mode', async () => {
    const dir = await repo();
    tmux = await start(dir, 'exec sh');
    await waitFor('the dashboard', () => /1 w\s+(working|idle)/.test(screen()), 10_000);
    tmux.key('c');
    await waitFor('the form', () => screen().includes('Start a new agent'));
    expect(screen()).toMatch(/isolate\s+‹ no ›/);
    type('iso');
    tmux.key('Tab');
    tmux.key('C-u');
    type('bash --norc');
    tmux.key('Tab');
    tmux.key('Tab');
    tmux.key('Space');
    await waitFor('isolate yes', () => /isolate\s+‹ yes ›/.test(screen()));
    tmux.key('Tab');
    type('src/**');
    tmux.key('Tab');
    tmux.key('m');
    await waitFor('manual', () => /approval mode\s+‹ manual ›/.test(screen()));
    tmux.key('Tab');
    tmux.key('Enter');
    await waitFor('started on its branch', () => screen().includes('started iso in agentmux/iso'));
    await waitFor('in the sidebar with its branch, counts and mode', () => /2 iso\s+\S+\s+\S+\s+manual/.test(screen()) && /agentmux\/iso \+0 −0/.test(screen()));
    expect(existsSync(join(dir, '.agentmux', 'worktrees', 'iso'))).toBe(true);
  }, 30_000);
});
