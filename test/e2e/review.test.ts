import { execa } from 'execa';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

const ID = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
let tmux: Tmux | null = null;
killTmuxAfterEach();

async function repo(): Promise<string> {
  const dir = tempDir('agentmux-review-');
  await execa('sh', ['-c', 'git init -q -b main && printf "a\\nb\\n" > app.txt && git add . && git commit -qm init'], { cwd: dir, env: ID });
  return dir;
}

describe('isolated agents and the review view, in tmux', () => {
  it('runs the agent in its worktree, shows its branch and counts, reviews, flags and merges it', async () => {
    const dir = await repo();
    // An agent that commits a new file, then leaves a TODO uncommitted, outside its scope.
    writeFileSync(
      join(dir, 'agentmux.json'),
      JSON.stringify({
        agents: [{ name: 'w', command: "sh -c 'echo hi > src.txt; git add src.txt; git commit -qm add-src; echo TODO later >> app.txt; exec sh'", isolate: true, scope: ['src.txt'] }],
      }),
    );
    tmux = new Tmux();
    tmux.start({ cols: 160, rows: 40, cwd: dir, env: { XDG_STATE_HOME: tempDir(), ...ID } });
    tmux.typeLine(`node ${BIN}`);
    await waitFor('the branch and counts in the sidebar', () => /agentmux\/w \+2 −0 ⚑2/.test(tmux!.capture()), 10_000);
    expect(existsSync(join(dir, '.agentmux', 'worktrees', 'w', 'src.txt'))).toBe(true);
    expect(existsSync(join(dir, 'src.txt'))).toBe(false); // the user's tree is untouched

    tmux.key('d');
    await waitFor('the review', () => tmux!.capture().includes('w · agentmux/w +2 −0 · 1 commit · 1 uncommitted file · 2 flags'));
    const screen = tmux.capture();
    expect(screen).toMatch(/M app\.txt\s+\+1 −0 ⚑/);
    expect(screen).toMatch(/A src\.txt\s+\+1 −0/);
    expect(screen).toContain('[ ] ');
    expect(screen).toContain('add-src');
    expect(screen).toContain('+TODO later');
    expect(screen).toContain('⚑ outside the scope (src.txt) · adds TODO: TODO later');

    // The flags first, then the uncommitted file: merged without it.
    tmux.key('m');
    await waitFor('the flags asked about', () => tmux!.capture().includes('Merge agentmux/w into main? The review shows 2 flags:'));
    tmux.key('y');
    await waitFor('the uncommitted file asked about', () => tmux!.capture().includes('agentmux/w has 1 uncommitted file, which a merge of the branch leaves out:'));
    tmux.key('m');
    await waitFor('merged', () => tmux!.capture().includes('merged agentmux/w into main (fast-forward); 1 uncommitted file stays in the worktree'));
    expect(readFileSync(join(dir, 'src.txt'), 'utf8')).toBe('hi\n');
    expect(readFileSync(join(dir, 'app.txt'), 'utf8')).toBe('a\nb\n');

    tmux.key('D');
    await waitFor('discard refused while running', () => tmux!.capture().includes('w is still running: end it first'));
    tmux.key('Escape');
    await waitFor('the dashboard', () => tmux!.capture().includes('1 w · '));
  }, 30_000);

  it('outside a git repository, isolation is one clear line and nothing is created', async () => {
    const dir = tempDir('agentmux-norepo-');
    tmux = new Tmux();
    tmux.start({ cols: 120, rows: 30, cwd: dir, env: { XDG_STATE_HOME: tempDir() } });
    tmux.typeLine(`node ${BIN} --isolate --agent w=bash; echo "exit=$?"`);
    await waitFor('the error', () => /agentmux: w: isolate: .* is not inside a git repository\n+exit=2/.test(tmux!.capture()));
    expect(existsSync(join(dir, '.agentmux'))).toBe(false);
  });
});
