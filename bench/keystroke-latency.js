// Keystroke-to-echo latency in focus while 8 other agents stream output: through agentmux, and
// through tmux (9 panes, the same agents), each read by a real terminal client in a PTY.
import pty from '@lydell/node-pty';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { echoLatencies, launchAgentmux, quitAgentmux } from './client.js';
import { sleep } from './procs.js';
import { quantile, round } from './stats.js';

const here = import.meta.dirname;
const echo = `${process.execPath} ${join(here, 'echo-agent.mjs')}`;
const stream = `${process.execPath} ${join(here, 'stream-agent.mjs')}`;
const COLS = 200;
const ROWS = 60;

async function throughAgentmux(keys) {
  const agents = [`--agent e="${echo}"`, ...Array.from({ length: 8 }, (_, i) => `--agent s${i}="${stream}"`)].join(' ');
  const client = launchAgentmux(agents, { cols: COLS, rows: ROWS });
  let seen = '';
  client.onData((d) => (seen += d));
  while (!seen.includes('ready')) await sleep(50);
  client.write('1'); // focus the echo agent
  await sleep(1500);
  const lat = await echoLatencies(client, keys);
  await quitAgentmux(client);
  return lat;
}

async function throughTmux(keys) {
  const sock = `agentmux-bench-tmux-${process.pid}`;
  const tmux = (...a) => execFileSync('tmux', ['-L', sock, '-f', '/dev/null', ...a], { encoding: 'utf8' });
  tmux('new-session', '-d', '-s', 'b', '-x', String(COLS), '-y', String(ROWS), stream);
  for (let i = 1; i < 8; i++) {
    tmux('split-window', '-t', 'b', stream);
    tmux('select-layout', '-t', 'b', 'tiled');
  }
  tmux('split-window', '-t', 'b', echo);
  tmux('select-layout', '-t', 'b', 'tiled');
  tmux('set-option', '-t', 'b', 'status', 'off');
  const client = pty.spawn('tmux', ['-L', sock, 'attach', '-t', 'b'], { cols: COLS, rows: ROWS, env: { ...process.env, TERM: 'xterm-256color' } });
  await sleep(1500);
  const lat = await echoLatencies(client, keys);
  client.kill();
  try {
    tmux('kill-server');
  } catch {}
  return lat;
}

export async function keystrokeLatency({ keys, rounds }) {
  const a = [];
  const t = [];
  for (let r = 0; r < rounds; r++) {
    a.push(...(await throughAgentmux(keys)));
    t.push(...(await throughTmux(keys)));
  }
  const rows = [];
  for (const [label, q, goal] of [
    ['p50', 0.5, null],
    ['p95', 0.95, 25],
  ]) {
    const am = round(quantile(a, q));
    const tm = round(quantile(t, q));
    const ratio = round(am / tm, 2);
    rows.push({
      figure: `keystroke-to-echo ${label}, 8 streaming (ms)`,
      agentmux: am,
      reference: tm,
      ratio,
      goal: goal === null ? '-' : 'ratio <= 1',
      met: goal === null ? true : ratio <= 1,
    });
  }
  return rows;
}
