// Attach and detach: the time from `agentmux attach` to the first frame of a running session with
// 4 agents, against `tmux attach` to a running session with 4 panes (each read by a terminal
// client in a PTY); and the server's CPU while nobody is attached and the agents are quiet.
import pty from '@lydell/node-pty';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cpuSeconds, findPid, sleep, tmuxServerPid } from './procs.js';
import { median, round } from './stats.js';

const bin = join(resolve(import.meta.dirname, '..'), 'bin', 'agentmux.js');
const pane = (k) => `sh -c 'echo up-${k}; exec sleep 100000'`;

/** Runs a client in a PTY until its output contains `text`; resolves with the time taken and the client. */
function firstFrame(file, args, text, env) {
  const t0 = performance.now();
  const client = pty.spawn(file, args, { cols: 200, rows: 60, env: { ...process.env, ...env } });
  let out = '';
  return new Promise((r) => {
    client.onData((d) => {
      out += d;
      if (out.includes(text)) r({ ms: performance.now() - t0, client });
    });
    setTimeout(() => r({ ms: Number.NaN, client }), 10_000);
  });
}

async function cpuPercent(pid, seconds) {
  const c0 = cpuSeconds(pid);
  await sleep(seconds * 1000);
  return ((cpuSeconds(pid) - c0) / seconds) * 100;
}

async function throughAgentmux(rounds, idleSeconds) {
  const marker = `AGENTMUX_ATTACH=${process.pid}-${Date.now()}`;
  const env = { CI: '0', AGENTMUX_BENCH_MARK: marker, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'agentmux-bench-')), XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'agentmux-bench-run-')) };
  const agents = Array.from({ length: 4 }, (_, k) => `--agent a${k}="${pane(k)}"`).join(' ');
  const start = await firstFrame('/bin/sh', ['-c', `exec ${process.execPath} ${bin} -s bench ${agents}`], 'up-3', env);
  // q, then d: detached, the agents go on.
  let out = '';
  start.client.onData((d) => (out += d));
  start.client.write('q');
  for (let i = 0; i < 100 && !out.includes('d detach'); i++) await sleep(50);
  start.client.write('d');
  for (let i = 0; i < 100 && !out.includes('detached from bench'); i++) await sleep(50);
  start.client.kill();
  const server = findPid('__serve', marker);
  if (!server) throw new Error(`no agentmux server: ${JSON.stringify(out.slice(-400))}`);
  await sleep(1000);
  const idle = await cpuPercent(server, idleSeconds);
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const a = await firstFrame(process.execPath, [bin, 'attach', 'bench'], 'up-3', env);
    times.push(a.ms);
    a.client.kill('SIGHUP');
    await sleep(500);
  }
  execFileSync(process.execPath, [bin, 'kill', 'bench'], { env: { ...process.env, ...env } });
  return { attach: median(times), idle };
}

async function throughTmux(rounds, idleSeconds) {
  const sock = `agentmux-bench-attach-${process.pid}`;
  const tmux = (...a) => execFileSync('tmux', ['-L', sock, '-f', '/dev/null', ...a], { encoding: 'utf8' });
  tmux('new-session', '-d', '-s', 'bench', '-x', '200', '-y', '60', pane(0));
  for (let k = 1; k < 4; k++) tmux('split-window', '-t', 'bench', pane(k));
  tmux('select-layout', '-t', 'bench', 'tiled');
  await sleep(1000);
  const idle = await cpuPercent(tmuxServerPid(sock), idleSeconds);
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const t = await firstFrame('tmux', ['-L', sock, 'attach', '-t', 'bench'], 'up-3', { TERM: 'xterm-256color' });
    times.push(t.ms);
    t.client.kill('SIGHUP');
    await sleep(300);
  }
  try {
    tmux('kill-server');
  } catch {}
  return { attach: median(times), idle };
}

export async function attach({ rounds, idleSeconds }) {
  const a = await throughAgentmux(rounds, idleSeconds);
  const t = await throughTmux(rounds, idleSeconds);
  return [
    {
      figure: 'attach to a running session: first frame, 4 agents (ms)',
      agentmux: round(a.attach),
      reference: round(t.attach),
      ratio: round(a.attach / t.attach, 2),
      goal: '<= 60 ms',
      met: a.attach <= 60,
    },
    { figure: 'server CPU while detached, 4 quiet agents (%)', agentmux: round(a.idle, 2), reference: round(t.idle, 2), goal: '< 0.5%', met: a.idle < 0.5 },
  ];
}
