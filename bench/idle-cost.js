// Idle cost: the real agentmux CLI, in tmux, with N idle agents (each a simulated Claude Code
// session sitting at its input box); CPU time and RSS of the agentmux process over a window.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { round } from './stats.js';

const root = resolve(import.meta.dirname, '..');
const idleScreen = join(root, 'test', 'fixtures', 'claude', '2.1.197', 'idle.ansi.txt');
const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / ticks;
}
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

function findPid(marker) {
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const cmd = readFileSync(`/proc/${e}/cmdline`, 'latin1');
      if (cmd.includes('agentmux.js') && readFileSync(`/proc/${e}/environ`, 'latin1').includes(marker)) return Number(e);
    } catch {}
  }
  return null;
}

export async function idleCost({ agents, seconds }) {
  const socket = `agentmux-bench-${process.pid}`;
  const marker = `AGENTMUX_BENCH=${process.pid}`;
  const tmux = (...a) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...a], { encoding: 'utf8' });
  // Each agent draws Claude Code's idle screen once and waits, as an idle agent does.
  const flags = Array.from({ length: agents }, (_, i) => `--agent a${i}="sh -c 'cat ${idleScreen}; exec sleep 100000'"`).join(' ');
  const state = mkdtempSync(join(tmpdir(), 'agentmux-bench-state-'));
  tmux('new-session', '-d', '-x', '200', '-y', '60', '-e', 'CI=0', '-e', marker.replace('=', '=') , '-e', `XDG_STATE_HOME=${state}`, `node ${join(root, 'bin', 'agentmux.js')} ${flags}`);
  try {
    let pid = null;
    for (let i = 0; i < 100 && !pid; i++) {
      pid = findPid(marker);
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!pid) throw new Error('agentmux did not start');
    const started = Date.now();
    const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
    const window = async () => {
      const c0 = cpuSeconds(pid);
      await sleep(seconds * 1000);
      return round(((cpuSeconds(pid) - c0) / seconds) * 100, 2);
    };
    await sleep(4000); // start-up and first frames are not idle
    // The sidebar counts seconds in a state's first minute (one redraw a second), then minutes.
    const fresh = await window();
    await sleep(started + 65_000 - Date.now());
    const settled = await window();
    const rss = round(rssMb(pid));
    const budget = 60 + 12 * agents;
    return [
      { figure: `idle CPU, ${agents} agents, first minute (%)`, agentmux: fresh, goal: '< 1%', met: fresh < 1 },
      { figure: `idle CPU, ${agents} agents, settled (%)`, agentmux: settled, goal: '< 1%', met: settled < 1 },
      { figure: `idle RSS, ${agents} agents (MB)`, agentmux: rss, goal: `<= ${budget} MB`, met: rss <= budget },
    ];
  } finally {
    try {
      tmux('kill-server');
    } catch {}
  }
}
