import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { GIT_ID, repo, sh } from '../helpers/git.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
killTmuxAfterEach();

describe('worktrees that build, in tmux', () => {
  it('copies .env into each new worktree and runs worktree.setup first; a failed setup starts nothing and r retries it', async () => {
    const dir = await repo();
    await sh(dir, 'printf ".env\\n" > .gitignore && git add .gitignore && git commit -qm ignore');
    writeFileSync(join(dir, '.env'), 'TOKEN=from-your-tree\n');
    writeFileSync(join(dir, '.worktreeinclude'), '# what a new worktree needs\n.env\n');
    // `ok` builds; its setup reads the copied .env. `broken` fails its setup until a file `fixed` is in its worktree.
    writeFileSync(
      join(dir, 'agentmux.json'),
      JSON.stringify({
        worktree: { setup: 'echo installing with $(cat .env) && touch node_modules.ready' },
        agents: [
          { name: 'ok', command: "sh -c 'echo agent started; ls node_modules.ready; exec sh'", isolate: true },
          { name: 'broken', command: "sh -c 'touch agent.ran; echo broken agent started; exec sh'", isolate: true, worktree: { setup: "test -f fixed || { echo 'npm ERR! missing'; exit 3; }" } },
        ],
      }),
    );
    tmux = new Tmux();
    tmux.start({ cols: 160, rows: 40, cwd: dir, env: { XDG_STATE_HOME: tempDir(), ...GIT_ID } });
    const events = join(tempDir(), 'events.jsonl');
    tmux.typeLine(`node ${BIN} --events ${events}`);

    const ok = join(dir, '.agentmux', 'worktrees', 'ok');
    const broken = join(dir, '.agentmux', 'worktrees', 'broken');
    await waitFor(
      'the setup output, then the agent, in its pane',
      () => {
        const s = tmux!.capture();
        return s.includes('agentmux: worktree.setup: echo installing') && s.includes('installing with TOKEN=from-your-tree') && s.includes('agent started') && s.includes('node_modules.ready');
      },
      15_000,
    );
    expect(existsSync(join(ok, '.env'))).toBe(true);
    expect(existsSync(join(broken, '.env'))).toBe(true);

    await waitFor(
      'the failed setup, plainly',
      () => {
        const s = tmux!.capture();
        return /2 broken\s+setup failed/.test(s) && s.includes('npm ERR! missing') && s.includes('agentmux: worktree.setup failed (exit 3)') && s.includes('broken was not started: r retries');
      },
      15_000,
    );
    expect(tmux.capture()).not.toContain('broken agent started');
    const exited = readFileSync(events, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((e) => e.agent === 'broken' && e.state === 'exited');
    expect(exited.reason).toBe('worktree.setup failed (exit 3)');
    expect(existsSync(join(broken, 'agent.ran'))).toBe(false);

    // Fixed by hand, then r on the agent: the setup runs again and the agent starts.
    writeFileSync(join(broken, 'fixed'), '');
    tmux.key('j');
    await waitFor('broken selected', () => /› 2 broken/.test(tmux!.capture()));
    tmux.key('r');
    await waitFor('the retry said', () => tmux!.capture().includes('restarted broken: its worktree.setup runs again first'));
    await waitFor('the agent started after its setup', () => tmux!.capture().includes('broken agent started'), 15_000);
    expect(existsSync(join(broken, 'agent.ran'))).toBe(true);
    // The sidebar says so once the next frame's detection has read the agent's screen (the pane
    // is painted as the output comes; the state follows within a frame or two).
    await waitFor('its state after the setup', () => /2 broken\s+(starting|working|idle)/.test(tmux!.capture()));
  }, 60_000);
});
