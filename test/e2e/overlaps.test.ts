import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { GIT_ID, repo } from '../helpers/git.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
killTmuxAfterEach();

/**
 * A stand-in for `claude` that edits app.txt in place and reports it as Claude Code does: a
 * PostToolUse of Edit, posted to the http hook (its url and token) of the settings agentmux gave it.
 */
function fakeClaude(): string {
  const bin = tempDir('agentmux-bin-');
  mkdirSync(bin, { recursive: true });
  const script = `#!/bin/sh
while [ $# -gt 0 ]; do [ "$1" = --settings ] && settings=$2; shift; done
echo C >> app.txt
node -e '
const hook = require(process.argv[1]).hooks.PostToolUse[0].hooks[0];
const body = JSON.stringify({ hook_event_name: "PostToolUse", tool_name: "Edit", tool_input: { file_path: process.cwd() + "/app.txt" } });
fetch(hook.url, { method: "POST", headers: { ...hook.headers, "content-type": "application/json" }, body }).then((r) => r.text());
' "$settings"
echo edited app.txt
exec sh
`;
  writeFileSync(join(bin, 'claude'), script);
  chmodSync(join(bin, 'claude'), 0o755);
  return bin;
}

describe('overlaps between agents, in tmux', () => {
  it('shows ⚠ with the other agent in the sidebar, lists the shared files first in the review, and forgets a discarded agent', async () => {
    const dir = await repo();
    writeFileSync(
      join(dir, 'agentmux.json'),
      JSON.stringify({
        agents: [
          { name: 'a', command: "sh -c 'echo new > aaa.txt; echo A >> app.txt; echo A >> notes.txt; exec sh'", isolate: true },
          { name: 'b', command: "sh -c 'echo B >> notes.txt; exec sh'", isolate: true },
          { name: 'c', command: 'claude' },
          { name: 'd', command: "sh -c 'echo D > other.txt; exec sh'", isolate: true },
        ],
      }),
    );
    tmux = new Tmux();
    tmux.start({ cols: 160, rows: 40, cwd: dir, env: { XDG_STATE_HOME: tempDir(), ...GIT_ID } });
    // On the command line: tmux's own PATH wins over one given to its session.
    tmux.typeLine(`PATH=${fakeClaude()}:$PATH node ${BIN}`);

    // a shares notes.txt with b (both isolated) and app.txt with c (in your tree); d shares nothing.
    await waitFor(
      'the overlaps in the sidebar',
      () => {
        const s = tmux!.capture();
        return /agentmux\/a \+3 −0 ⚠ b, c/.test(s) && /agentmux\/b \+1 −0 ⚠ a/.test(s) && /^│\s+⚠ a\s+│/m.test(s) && /agentmux\/d \+1 −0\s+│/.test(s);
      },
      15_000,
    );

    tmux.key('d');
    await waitFor('the review', () => tmux!.capture().includes('a · agentmux/a +3 −0'));
    const screen = tmux.capture();
    expect(screen).toContain('⚠ 2 files other agents changed too');
    // The shared files first, marked; then the rest.
    // The review's own column: right of the sidebar's border.
    const rows = screen
      .split('\n')
      .map((l) => l.slice(l.indexOf('││') + 2))
      .filter((l) => /^[MN] (app|notes|aaa)\.txt/.test(l));
    expect(rows.map((l) => /[MN] (\w+)\.txt/.exec(l)![1])).toEqual(['app', 'notes', 'aaa']);
    expect(rows[0]).toMatch(/⚠/);
    expect(rows[1]).toMatch(/⚠/);
    expect(rows[2]).not.toMatch(/⚠/);
    expect(screen).toContain('⚠ also changed by c: merging one will conflict with the other');
    tmux.key('j');
    await waitFor('the second file', () => tmux!.capture().includes('⚠ also changed by b: merging one will conflict with the other'));

    // b ended and discarded: a overlaps with c alone.
    tmux.key('Escape');
    await waitFor('the dashboard', () => !tmux!.capture().includes('a · agentmux/a'));
    tmux.key('j');
    await waitFor('b selected', () => /› 2 b/.test(tmux!.capture()));
    tmux.key('x');
    tmux.key('y');
    await waitFor('b ended', () => /2 b\s+exited/.test(tmux!.capture()));
    tmux.key('d');
    await waitFor('the review of b', () => tmux!.capture().includes('b · agentmux/b'));
    tmux.key('D');
    await waitFor('the discard question', () => tmux!.capture().includes('Discard agentmux/b and its worktree?'));
    tmux.key('y');
    await waitFor('a overlaps with c alone', () => /agentmux\/a \+3 −0 ⚠ c\s/.test(tmux!.capture()), 10_000);
  }, 60_000);
});
