// Scale: 50 agents streaming at once (49 printing build-log output, one echoing keys). On the
// dashboard: how many frames a second agentmux paints; focused on the echo agent: keystroke-to-
// echo latency; and agentmux's memory. The reference is tmux with the same 50 programs in 50
// panes and an attached client.
import pty from '@lydell/node-pty';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { echoLatencies, launchAgentmux, quitAgentmux } from './client.js';
import { findPid, rssMb, sleep, tmuxServerPid } from './procs.js';
import { quantile, round } from './stats.js';

const here = import.meta.dirname;
const COLS = 200;
const ROWS = 60;
const echo = `${process.execPath} ${join(here, 'echo-agent.mjs')}`;
const stream = (rate) => `${process.execPath} ${join(here, 'stream-agent.mjs')} ${rate}`;
/** The painter's mark on each frame it draws (synchronized update, cursor saved). */
const FRAME = '\x1b[?2026h\x1b7';

async function throughAgentmux(n, rate, seconds, keyCount, rssAfterMs) {
  const marker = `AGENTMUX_SCALE=${process.pid}-${Date.now()}`;
  const flags = [`--agent e="${echo}"`, ...Array.from({ length: n - 1 }, (_, i) => `--agent s${i}="${stream(rate)}"`)].join(' ');
  const client = launchAgentmux(flags, { cols: COLS, rows: ROWS, env: { AGENTMUX_BENCH_MARK: marker } });
  let frames = 0;
  let counting = false;
  let tail = '';
  client.onData((d) => {
    if (!counting) return;
    const text = tail + d;
    frames += text.split(FRAME).length - 1;
    tail = text.slice(-FRAME.length + 1);
  });
  let seen = '';
  const sub = client.onData((d) => (seen = (seen + d).slice(-200_000)));
  // Every agent started and streaming (or 30 s).
  for (let i = 0; i < 600 && !seen.includes(`${n - 1} working`); i++) await sleep(50);
  const streaming = performance.now();
  sub.dispose();
  // The dashboard shows the selected agent's pane: a streaming one (the echo agent is first).
  client.write('j');
  await sleep(1000);
  counting = true;
  await sleep(seconds * 1000);
  counting = false;
  const fps = frames / seconds;
  client.write('1'); // focus the echo agent
  await sleep(1000);
  const lat = await echoLatencies(client, keyCount);
  await sleep(Math.max(0, streaming + rssAfterMs - performance.now()));
  const rss = rssMb(findPid('__serve', marker));
  await quitAgentmux(client);
  return { fps, lat, rss };
}

async function throughTmux(n, rate, keyCount, rssAfterMs) {
  const sock = `agentmux-scale-${process.pid}`;
  const tmux = (...a) => execFileSync('tmux', ['-L', sock, '-f', '/dev/null', ...a], { encoding: 'utf8' });
  tmux('new-session', '-d', '-s', 'b', '-x', String(COLS), '-y', String(ROWS), echo);
  tmux('set-option', '-t', 'b', 'status', 'off');
  tmux('set-option', '-g', 'history-limit', '10000');
  let panes = 1;
  for (let i = 1; i < n; i++) {
    try {
      tmux('split-window', '-t', 'b', stream(rate));
      tmux('select-layout', '-t', 'b', 'tiled');
      panes++;
    } catch {
      break; // no room for another pane
    }
  }
  // The echo pane zoomed to the whole window, as agentmux's focus shows the one agent.
  tmux('select-pane', '-t', 'b.0');
  tmux('resize-pane', '-Z', '-t', 'b.0');
  const streaming = performance.now();
  const client = pty.spawn('tmux', ['-L', sock, 'attach', '-t', 'b'], { cols: COLS, rows: ROWS, env: { ...process.env, TERM: 'xterm-256color' } });
  client.onData(() => {});
  await sleep(3000);
  const lat = await echoLatencies(client, keyCount);
  await sleep(Math.max(0, streaming + rssAfterMs - performance.now()));
  const rss = rssMb(tmuxServerPid(sock));
  client.kill();
  try {
    tmux('kill-server');
  } catch {}
  return { lat, rss, panes };
}

/** `rssAfterMs`: both servers' memory is read this long after every agent streams (history grows with it). */
export async function scale({ agents, rate, seconds, keys: keyCount, rssAfterMs }) {
  const a = await throughAgentmux(agents, rate, seconds, keyCount, rssAfterMs);
  const t = await throughTmux(agents, rate, keyCount, rssAfterMs);
  const rows = [{ figure: `scale: ${agents} streaming, dashboard frames/s`, agentmux: round(a.fps), goal: '20-30 fps', met: a.fps >= 20 && a.fps <= 31 }];
  for (const [label, q] of [
    ['p50', 0.5],
    ['p95', 0.95],
  ]) {
    const am = round(quantile(a.lat, q));
    const tm = round(quantile(t.lat, q));
    rows.push({
      figure: `scale: keystroke-to-echo ${label}, ${agents} streaming (ms)`,
      agentmux: am,
      reference: tm,
      ratio: round(am / tm, 2),
      goal: label === 'p95' ? '<= 15 ms, ratio <= 2' : '-',
      met: label === 'p95' ? am <= 15 && am / tm <= 2 : true,
    });
  }
  rows.push({
    figure: `scale: RSS, ${agents} streaming (MB)${t.panes < agents ? ` (tmux: ${t.panes} panes)` : ''}`,
    agentmux: round(a.rss),
    reference: round(t.rss),
    ratio: round(a.rss / t.rss, 2),
    goal: '<= 150 MB',
    met: a.rss <= 150,
  });
  return rows;
}
