// Start-up: `agentmux --version` against `tmux -V`, and the time from launch to the first
// dashboard frame with 4 agents against tmux's first frame with 4 panes (each read by a
// terminal client in a PTY).
import pty from '@lydell/node-pty';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sleep } from './procs.js';
import { median, round } from './stats.js';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin', 'agentmux.js');

function timeRun(file, args) {
  const t0 = performance.now();
  const r = spawnSync(file, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - t0;
}

/** Launches a client in a PTY and times until its output contains `text`. */
async function firstFrame(file, args, text, env) {
  const t0 = performance.now();
  const client = pty.spawn(file, args, { cols: 200, rows: 60, env: { ...process.env, ...env } });
  let out = '';
  const t = await new Promise((r) => {
    client.onData((d) => {
      out += d;
      if (out.includes(text)) r(performance.now());
    });
    setTimeout(() => r(NaN), 10_000);
  });
  return { ms: t - t0, client };
}

export async function startup({ rounds }) {
  const version = [];
  const tmuxV = [];
  const frame = [];
  const tmuxFrame = [];
  for (let i = 0; i < rounds; i++) {
    version.push(timeRun(process.execPath, [bin, '--version']));
    tmuxV.push(timeRun('tmux', ['-V']));
    const agents = Array.from({ length: 4 }, (_, k) => `--agent a${k}="sh -c 'echo up-${k}; exec sleep 100000'"`).join(' ');
    const a = await firstFrame('/bin/sh', ['-c', `exec ${process.execPath} ${bin} ${agents}`], '4 agents', {
      CI: '0',
      XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'agentmux-bench-')),
      XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'agentmux-bench-run-')),
    });
    frame.push(a.ms);
    a.client.write('q');
    await sleep(300);
    a.client.write('y');
    await sleep(800);
    a.client.kill();
    const sock = `agentmux-bench-start-${process.pid}-${i}`;
    const pane = (k) => `sh -c 'echo up-${k}; exec sleep 100000'`;
    const t = await firstFrame(
      'tmux',
      [
        '-L',
        sock,
        '-f',
        '/dev/null',
        'new-session',
        '-x',
        '200',
        '-y',
        '60',
        pane(0),
        ';',
        'split-window',
        pane(1),
        ';',
        'split-window',
        pane(2),
        ';',
        'split-window',
        pane(3),
        ';',
        'select-layout',
        'tiled',
      ],
      'up-3',
      { TERM: 'xterm-256color' },
    );
    tmuxFrame.push(t.ms);
    t.client.kill();
    try {
      execFileSync('tmux', ['-L', sock, 'kill-server']);
    } catch {}
  }
  const v = round(median(version));
  const tv = round(median(tmuxV));
  const f = round(median(frame));
  const tf = round(median(tmuxFrame));
  return [
    { figure: 'start-up: --version (ms)', agentmux: v, reference: tv, ratio: round(v / tv, 2), goal: '< 150 ms', met: v < 150 },
    { figure: 'start-up: first frame, 4 agents, cold: server start + attach (ms)', agentmux: f, reference: tf, ratio: round(f / tf, 2), goal: '<= 250 ms', met: f <= 250 },
  ];
}
