// Idle cost: N idle agents, each with 10,000 lines of scrollback filled and Claude Code's idle
// screen drawn, then quiet. CPU and RSS of agentmux (the real CLI, in a PTY), and of a tmux
// server holding the same N programs in N windows with the same history limit.
import pty from '@lydell/node-pty';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { launchAgentmux, quitAgentmux } from './client.js';
import { cpuSeconds, findPid, rssMb, sleep, tmuxServerPid } from './procs.js';
import { round } from './stats.js';

const root = resolve(import.meta.dirname, '..');
const idleScreen = join(root, 'test', 'fixtures', 'claude', '2.1.197', 'idle.ansi.txt');
const LINES = 10_000;
/** 10,000 lines of history, then the idle screen, then nothing (the same script for both). */
const agent = `sh ${join(import.meta.dirname, 'history-agent.sh')} ${idleScreen}`;

async function window(pid, seconds) {
  const c0 = cpuSeconds(pid);
  await sleep(seconds * 1000);
  return round(((cpuSeconds(pid) - c0) / seconds) * 100, 2);
}

async function throughAgentmux(agents, seconds, settleMs) {
  const marker = `AGENTMUX_IDLE=${process.pid}-${Date.now()}`;
  const flags = Array.from({ length: agents }, (_, i) => `--agent a${i}="${agent}"`).join(' ');
  const client = launchAgentmux(flags, { env: { AGENTMUX_BENCH_MARK: marker } });
  client.onData(() => {});
  let pid = null;
  for (let i = 0; i < 200 && !pid; i++) {
    pid = findPid('__serve', marker);
    await sleep(50);
  }
  if (!pid) throw new Error('agentmux did not start');
  const started = Date.now();
  await sleep(8000); // start-up, history and first frames are not idle
  const fresh = await window(pid, seconds);
  // The sidebar counts seconds in a state's first minute (one redraw a second), then minutes.
  await sleep(started + settleMs - Date.now());
  const settled = await window(pid, seconds);
  const rss = rssMb(pid);
  await quitAgentmux(client);
  return { fresh, settled, rss };
}

async function throughTmux(agents, seconds) {
  const sock = `agentmux-idle-${process.pid}`;
  const tmux = (...a) => execFileSync('tmux', ['-L', sock, '-f', '/dev/null', ...a], { encoding: 'utf8' });
  // The history limit applies to windows made after it is set: a placeholder first, then the agents.
  tmux('new-session', '-d', '-s', 'b', '-x', '200', '-y', '60', 'sleep 100000');
  tmux('set-option', '-g', 'history-limit', String(LINES));
  tmux('set-option', '-t', 'b', 'status', 'off');
  for (let i = 0; i < agents; i++) tmux('new-window', '-d', '-t', 'b:', agent);
  tmux('kill-window', '-t', 'b:0');
  const client = pty.spawn('tmux', ['-L', sock, 'attach', '-t', 'b'], { cols: 200, rows: 60, env: { ...process.env, TERM: 'xterm-256color' } });
  client.onData(() => {});
  const pid = tmuxServerPid(sock);
  await sleep(8000);
  const cpu = await window(pid, seconds);
  const rss = rssMb(pid);
  client.kill();
  try {
    tmux('kill-server');
  } catch {}
  return { cpu, rss };
}

export async function idleCost({ agents, seconds, settleMs = 65_000 }) {
  const a = await throughAgentmux(agents, seconds, settleMs);
  const t = await throughTmux(agents, seconds);
  return [
    { figure: `idle CPU, ${agents} agents, first minute (%)`, agentmux: a.fresh, reference: t.cpu, goal: '-', met: true },
    { figure: `idle CPU, ${agents} agents, settled (%)`, agentmux: a.settled, reference: t.cpu, goal: '< 0.5%', met: a.settled < 0.5 },
    {
      figure: `idle RSS, ${agents} agents x ${LINES} lines history (MB)`,
      agentmux: round(a.rss),
      reference: round(t.rss),
      ratio: round(a.rss / t.rss, 2),
      goal: 'ratio <= 1',
      met: a.rss <= t.rss,
    },
  ];
}
