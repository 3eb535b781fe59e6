import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

const { DEMO_AGENTS } = (await import(join(ROOT, 'dist', 'demo', 'demo-scenarios.js'))) as { DEMO_AGENTS: { name: string }[] };

let tmux: Tmux | null = null;
killTmuxAfterEach();

const lines = (screen: string) => screen.split('\n');

describe('agentmux demo in tmux, driven as a person would', () => {
  it('shows every agent, follows resizes, and quits cleanly leaving no process behind', async () => {
    const state = tempDir('agentmux-state-');
    tmux = new Tmux();
    tmux.start({ cols: 160, rows: 48, cwd: tempDir(), env: { XDG_STATE_HOME: state } });
    tmux.typeLine(`node ${BIN} demo`);

    // All four agents in the sidebar and a pane each, showing their live screens, within 5 s.
    const screen = await waitFor(
      'the sidebar and a live pane for every demo agent',
      () => {
        const s = tmux!.capture();
        const ok = DEMO_AGENTS.every((a, i) => new RegExp(`${i + 1} ${a.name}\\s+(starting|working|approval|idle|stalled)`).test(s) && s.includes(`${i + 1} ${a.name} · `));
        return ok && (s.match(/Claude Code/g) ?? []).length >= DEMO_AGENTS.length ? s : null;
      },
      5000,
    );
    expect(lines(screen)[0]).toMatch(/^agentmux · 4 agents/);
    for (const l of lines(screen)) expect(l.length).toBeLessThanOrEqual(160);
    // Colour reaches the outer terminal (the simulated Claude Code draws its logo in colour).
    expect(tmux.capture(true)).toMatch(/\x1b\[[0-9;]*38;5;174m/);

    // Smaller: the grid re-lays out to the new width.
    tmux.resize(100, 30);
    const small = await waitFor('the layout at 100x30', () => {
      const s = tmux!.capture();
      const ls = lines(s).filter((l) => l.trim() !== '');
      const bottomBorder = ls.filter((l) => /╰─+╯/.test(l));
      return ls.length <= 30 && bottomBorder.length > 0 && ls.every((l) => l.length <= 100) && ls.some((l) => l.length === 100 && /[│╮╯┃┓┛]$/.test(l)) ? s : null;
    });
    expect(lines(small)[0]).toMatch(/^agentmux · 4 agents/);

    // Too small: one line says so.
    tmux.resize(50, 12);
    await waitFor('the too-small message', () => /terminal too small: 50x12/.test(tmux!.capture()));

    // And back.
    tmux.resize(160, 48);
    await waitFor('the full layout again', () => DEMO_AGENTS.every((a, i) => tmux!.capture().includes(`${i + 1} ${a.name} · `)));

    // q asks first, since agents are running; y quits.
    tmux.key('q');
    await waitFor('the quit question', () => /still running\. Quit and end (it|them)\? y yes · d detach/.test(tmux!.capture()));
    tmux.key('y');
    await waitFor('the shell prompt back', () => {
      const ls = lines(tmux!.capture()).filter((l) => l.trim() !== '');
      return ls[ls.length - 1] === '$';
    });
    await waitFor('no agentmux or demo process left', () => tmux!.processes().length === 0, 5000).catch(() => {
      throw new Error(`processes left: ${JSON.stringify(tmux!.processes())}`);
    });

    // The transcripts of this run hold what each agent printed.
    const runs = join(state, 'agentmux', 'runs');
    const [run] = readdirSync(runs);
    for (const a of DEMO_AGENTS) expect(readFileSync(join(runs, run!, `${a.name}.log`), 'utf8')).toContain('Claude Code');
  });

  it('n keeps it running; an agent that exits leaves the dashboard up', async () => {
    tmux = new Tmux();
    tmux.start({ cols: 120, rows: 40, cwd: tempDir(), env: { XDG_STATE_HOME: tempDir() } });
    tmux.typeLine(`node ${BIN} --agent ok=bash --agent gone="sh -c 'echo bye; exit 3'" --agent missing=no-such-agent-cmd`);
    await waitFor('the exit codes in the sidebar', () => {
      const s = tmux!.capture();
      return /2 gone\s+exited 3/.test(s) && /3 missing\s+exited 127/.test(s) && s.includes('agentmux: command not found: no-such-agent-cmd');
    });
    tmux.key('q');
    await waitFor('the quit question', () => tmux!.capture().includes('1 agent is still running. Quit and end it? y yes'));
    tmux.key('n');
    await waitFor('the question gone', () => !tmux!.capture().includes('Quit and end'));
    expect(tmux.capture()).toMatch(/^agentmux · 3 agents/);

    // x on an exited agent takes it off the dashboard (issue 12.9); on a running one it asks.
    tmux.key('j');
    tmux.key('x');
    await waitFor('gone removed', () => tmux!.capture().includes('removed gone from the dashboard'));
    await waitFor('two agents left', () => /^agentmux · 2 agents/.test(tmux!.capture()));
    expect(tmux.capture()).toMatch(/2 missing\s+exited 127/);
    expect(tmux.capture()).not.toMatch(/\d gone\s/);
    tmux.key('k');
    tmux.key('x');
    await waitFor('the end question', () => tmux!.capture().includes('End ok and every process it started? (y/n)'));
    tmux.key('n');
    await waitFor('the question gone', () => !tmux!.capture().includes('End ok'));
    tmux.key('C-c');
    await waitFor('the quit question again', () => tmux!.capture().includes('Quit and end it?'));
    tmux.key('y');
    await waitFor(
      'the shell prompt back',
      () =>
        lines(tmux!.capture())
          .filter((l) => l.trim() !== '')
          .pop() === '$',
    );
    await waitFor('no process left', () => tmux!.processes().length === 0);
  });
});
