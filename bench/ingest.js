// Ingest throughput: 8 agents each print N MB of realistic agent output, then a marker. Time
// from "go" until every marker shows: on agentmux's dashboard (read by a terminal client in a
// PTY), and in tmux with 8 panes and an attached client (marker seen with capture-pane).
import pty from '@lydell/node-pty';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentOutput } from './agent-output.js';
import { launchAgentmux, quitAgentmux } from './client.js';
import { cpuSeconds, findPid, sleep, tmuxServerPid } from './procs.js';
import { median, round } from './stats.js';

const COLS = 200;
const ROWS = 60;
const AGENTS = 8;

/** Each agent waits for the go file, prints the output, then its marker, then stays. */
const agentCommand = (dir, file, i) => `sh -c 'while [ ! -e ${dir}/go ]; do sleep 0.005; done; cat ${file}; printf "\\r\\nDONE-${i}-END\\r\\n"; exec sleep 100000'`;

/** Drains a client PTY, watching for every marker; resolves with the time the last one showed. */
function watchMarkers(client, count) {
  const seen = new Set();
  let tail = '';
  return new Promise((resolveAll) => {
    client.onData((d) => {
      const text = tail + d;
      for (const m of text.matchAll(/DONE-(\d+)-END/g)) seen.add(m[1]);
      tail = text.slice(-32);
      if (seen.size === count) resolveAll(performance.now());
    });
  });
}

async function throughAgentmux(file) {
  const dir = mkdtempSync(join(tmpdir(), 'agentmux-ingest-'));
  const marker = `AGENTMUX_INGEST=${process.pid}-${Date.now()}`;
  const flags = Array.from({ length: AGENTS }, (_, i) => `--agent s${i}="${agentCommand(dir, file, i)}"`).join(' ');
  const client = launchAgentmux(flags, { cols: COLS, rows: ROWS, env: { AGENTMUX_BENCH_MARK: marker } });
  let shown = '';
  const ready = new Promise((r) => {
    const off = client.onData((d) => {
      shown += d;
      if (shown.includes(`${AGENTS} agents`)) {
        off.dispose();
        r();
      }
    });
  });
  await ready;
  await sleep(500);
  const pid = findPid('__serve', marker);
  const cpu0 = cpuSeconds(pid);
  const done = watchMarkers(client, AGENTS);
  const t0 = performance.now();
  writeFileSync(join(dir, 'go'), '');
  let deadline;
  const t1 = await Promise.race([done, new Promise((r) => (deadline = setTimeout(() => r(NaN), 600_000)))]);
  clearTimeout(deadline);
  const cpu = cpuSeconds(pid) - cpu0;
  await quitAgentmux(client);
  return { seconds: (t1 - t0) / 1000, cpu };
}

async function throughTmux(file) {
  const dir = mkdtempSync(join(tmpdir(), 'agentmux-ingest-tmux-'));
  const sock = `agentmux-ingest-${process.pid}`;
  const tmux = (...a) => execFileSync('tmux', ['-L', sock, '-f', '/dev/null', ...a], { encoding: 'utf8' });
  tmux('new-session', '-d', '-s', 'b', '-x', String(COLS), '-y', String(ROWS), agentCommand(dir, file, 0));
  for (let i = 1; i < AGENTS; i++) {
    tmux('split-window', '-t', 'b', agentCommand(dir, file, i));
    tmux('select-layout', '-t', 'b', 'tiled');
  }
  tmux('set-option', '-t', 'b', 'status', 'off');
  tmux('set-option', '-g', 'history-limit', '10000');
  const client = pty.spawn('tmux', ['-L', sock, 'attach', '-t', 'b'], { cols: COLS, rows: ROWS, env: { ...process.env, TERM: 'xterm-256color' } });
  client.onData(() => {});
  await sleep(500);
  const server = tmuxServerPid(sock);
  const cpu0 = cpuSeconds(server);
  const capture = ['capture-pane', '-p', '-t', 'b.0'];
  for (let i = 1; i < AGENTS; i++) capture.push(';', 'capture-pane', '-p', '-t', `b.${i}`);
  const t0 = performance.now();
  writeFileSync(join(dir, 'go'), '');
  let t1 = NaN;
  const deadline = t0 + 600_000;
  while (performance.now() < deadline) {
    const out = tmux(...capture);
    const seen = new Set([...out.matchAll(/DONE-(\d+)-END/g)].map((m) => m[1]));
    if (seen.size === AGENTS) {
      t1 = performance.now();
      break;
    }
    await sleep(50);
  }
  const cpu = cpuSeconds(server) - cpu0;
  client.kill();
  try {
    tmux('kill-server');
  } catch {}
  return { seconds: (t1 - t0) / 1000, cpu };
}

export async function ingest({ megabytes, rounds }) {
  const dir = mkdtempSync(join(tmpdir(), 'agentmux-ingest-data-'));
  const file = join(dir, `output-${megabytes}mb.txt`);
  if (!existsSync(file)) writeFileSync(file, agentOutput(megabytes * 1e6));
  const a = [];
  const t = [];
  for (let r = 0; r < rounds; r++) {
    a.push(await throughAgentmux(file));
    t.push(await throughTmux(file));
  }
  const am = round(median(a.map((x) => x.seconds)), 2);
  const tm = round(median(t.map((x) => x.seconds)), 2);
  const mb = (AGENTS * megabytes) / ((1024 * 1024) / 1e6);
  const ratio = round(am / tm, 2);
  return [
    { figure: `ingest ${AGENTS} x ${megabytes} MB, time to all markers (s)`, agentmux: am, reference: tm, ratio, goal: 'ratio <= 1', met: ratio <= 1 },
    { figure: `ingest throughput (MiB/s)`, agentmux: round(mb / am), reference: round(mb / tm), ratio: round(tm / am, 2), goal: '-', met: true },
    {
      figure: `ingest CPU seconds (agentmux / tmux server)`,
      agentmux: round(median(a.map((x) => x.cpu)), 2),
      reference: round(median(t.map((x) => x.cpu)), 2),
      ratio: round(median(a.map((x) => x.cpu)) / median(t.map((x) => x.cpu)), 2),
      goal: '-',
      met: true,
    },
  ];
}
