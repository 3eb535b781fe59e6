import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { endOuterTerminalsAfterEach, startOuterTerminal } from '../helpers/outer-terminal.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
killTmuxAfterEach();
endOuterTerminalsAfterEach();

/** A terminal whose own title is "before", as a shell or the user set it. */
function terminalTitled(cwd: string): Tmux {
  const t = new Tmux();
  t.start({ cols: 140, rows: 40, cwd, env: { XDG_STATE_HOME: tempDir() } });
  t.typeLine(`printf '\\033]2;before\\007'`);
  return t;
}

describe("the terminal's own title shows the state at a glance", () => {
  it('says who needs you, comes back at once on attach, and is restored on detach and exit', async () => {
    const dir = tempDir();
    // Works for a few seconds, then asks.
    writeFileSync(join(dir, 'ask.sh'), `for i in 1 2 3 4 5 6 7 8 9 10; do echo tick; sleep 0.3; done\nprintf 'Continue? [y/N] '\nread a\nexec sleep 600\n`);
    writeFileSync(join(dir, 'work.sh'), 'while :; do echo tick; sleep 0.3; done\n');
    const t = (tmux = terminalTitled(dir));
    const title = () => t.display('#{pane_title}');
    await waitFor('the title before', () => title() === 'before');
    t.typeLine(`node ${BIN} -s titled --agent ask="bash ask.sh" --agent work="bash work.sh"`);
    await waitFor('the working title', () => title() === 'agentmux · 2 working', 15_000);
    await waitFor('the title saying one needs you', () => title() === 'agentmux · 1 need you', 15_000);

    t.key('q');
    await waitFor('the quit question', () => t.capture().includes('Quit and end them?'));
    t.key('d');
    await waitFor('detached', () => t.capture().includes('detached from titled'));
    expect(title()).toBe('before');

    t.typeLine(`node ${BIN} attach titled`);
    await waitFor('the title again at attach', () => title() === 'agentmux · 1 need you', 10_000);
    t.key('q');
    await waitFor('the quit question', () => t.capture().includes('Quit and end them?'));
    t.key('y');
    await waitFor(
      'the shell back',
      () =>
        t
          .capture()
          .split('\n')
          .filter((l) => l.trim())
          .pop() === '$',
      15_000,
    );
    expect(title()).toBe('before');
  });

  it('title: false leaves the title alone', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'agentmux.json'), JSON.stringify({ title: false, agents: [{ name: 'ask', kind: 'shell', command: ['sh', '-c', 'printf "Continue? [y/N] "; read a'] }] }));
    const t = (tmux = terminalTitled(dir));
    await waitFor('the title before', () => t.display('#{pane_title}') === 'before');
    t.typeLine(`node ${BIN}`);
    await waitFor('the agent waiting', () => /1 ask\s+approval/.test(t.capture()), 15_000);
    expect(t.display('#{pane_title}')).toBe('before');
  });

  it('is written only when its words change, saved first and restored last', async () => {
    let seen = '';
    const outer = startOuterTerminal(['--agent', `work=bash -c 'for i in $(seq 15); do echo tick $i; sleep 0.2; done; exec sleep 600'`], {
      cols: 120,
      rows: 30,
      cwd: tempDir(),
      env: { XDG_STATE_HOME: tempDir() },
      keepBytes: true,
    });
    outer.onText((text) => (seen += text));
    await waitFor('the idle title', () => seen.includes('\x1b]2;agentmux · all idle\x07'), 20_000);
    let exit: number | null = null;
    outer.pty.onExit((e) => (exit = e.exitCode));
    outer.pty.write('q');
    await waitFor('the quit question', () => /Quit and end/.test(seen));
    outer.pty.write('y');
    await waitFor('agentmux to end', () => exit !== null, 15_000);
    const out = outer.bytes().toString('utf8');
    // Dozens of frames, two titles.
    expect([...out.matchAll(/\x1b\]2;([^\x07]*)\x07/g)].map((m) => m[1])).toEqual(['agentmux · 1 working', 'agentmux · all idle']);
    expect(out.startsWith('\x1b[22;0t')).toBe(true);
    expect(out.lastIndexOf('\x1b[23;0t')).toBeGreaterThan(out.lastIndexOf('\x1b]2;'));
  });
});
