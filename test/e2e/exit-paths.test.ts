import { readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
killTmuxAfterEach();

/** The pipes and sockets a process holds open, as `socket:[inode]` / `pipe:[inode]`. */
function channels(pid: number): string[] {
  const out: string[] = [];
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (/^(socket|pipe):/.test(target)) out.push(target);
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    // gone
  }
  return out;
}

/** Two agents the process-group kill alone does not end: one ignores SIGHUP, one leaves its group. */
function agentScripts(dir: string): string {
  writeFileSync(join(dir, 'stubborn.sh'), "trap '' HUP\necho stubborn\nwhile :; do sleep 1; done\n");
  // setsid -f: a child in a session (and group) of its own, ignoring SIGHUP: a daemon.
  writeFileSync(join(dir, 'daemon.sh'), 'setsid -f sh -c \'trap "" HUP; exec sleep 1001\'\necho daemonized\nexec sleep 1002\n');
  return `node ${BIN} --agent stubborn="bash ${dir}/stubborn.sh" --agent daemon="sh ${dir}/daemon.sh"`;
}

const EXITS = ['q', 'SIGTERM', 'SIGHUP', 'the terminal closed, then agentmux kill', 'agentmux kill', 'kill -9'] as const;

describe('every exit path ends every process agentmux started, daemons and SIGHUP-ignorers too (issue 14)', () => {
  it.each(EXITS)('%s', async (how) => {
    const dir = tempDir();
    tmux = new Tmux();
    tmux.start({ cols: 120, rows: 40, cwd: dir, env: { XDG_STATE_HOME: tempDir() } });
    const shell = tmux.shellPid();
    tmux.typeLine(agentScripts(dir));
    const t = tmux;
    await waitFor('both agents on screen', () => /[│┃]stubborn/.test(t.capture()) && /[│┃]daemonized/.test(t.capture()));
    await waitFor('the daemon', () => t.processes().some((p) => p.cmd === 'sleep 1001'));
    const started = t.processes();
    // The session's server hosts the agents; the client in the terminal only relays it.
    const agentmux = started.find((p) => p.cmd.includes('agentmux.js __serve'));
    expect(agentmux).toBeDefined();
    // Looked at now, judged after the exit: the leftovers are what this test is about.
    const watchdog = started.find((p) => p.cmd.includes('watchdog.js'));
    const ours = new Set([...channels(agentmux!.pid), ...(watchdog ? channels(watchdog.pid) : [])]);
    const agents = started.filter((p) => p.cmd.endsWith(`bash ${dir}/stubborn.sh`) || p.cmd === 'sleep 1002' || p.cmd === 'sleep 1001');
    expect(agents).toHaveLength(3);
    const inherited = agents.flatMap((p) =>
      channels(p.pid)
        .filter((c) => ours.has(c))
        .map((c) => `${p.cmd}: ${c}`),
    );

    const marker = tmux.marker;
    const left = () => Tmux.processesWithMarker(marker).filter((p) => p.pid !== shell);
    if (how === 'q') {
      tmux.key('q');
      await waitFor('the quit question', () => t.capture().includes('Quit and end them? y yes'));
      tmux.key('y');
    } else if (how === 'the terminal closed, then agentmux kill') {
      tmux.closeTerminal();
      // The agents outlive their terminal (issue 16): they are still there until killed.
      await new Promise((r) => setTimeout(r, 1000));
      expect(left().filter((p) => p.cmd === 'sleep 1002')).toHaveLength(1);
      expect(t.agentmux(['kill', '--all'])).toMatch(/ended/);
    } else if (how === 'agentmux kill') {
      expect(t.agentmux(['kill'])).toMatch(/ended/);
    } else {
      process.kill(agentmux!.pid, how === 'kill -9' ? 'SIGKILL' : how);
    }
    await waitFor('no process left', () => left().length === 0, 12_000).catch((e) => {
      throw new Error(`${(e as Error).message}: ${JSON.stringify(left())}`);
    });

    expect(watchdog, 'a watchdog runs beside agentmux').toBeDefined();
    // Its pipe is close-on-exec: no agent holds agentmux's end (or any channel of agentmux's).
    expect(inherited).toEqual([]);
  });
});
