// The terminal client the benchmarks read agentmux (or tmux) through: a real PTY.
import pty from '@lydell/node-pty';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sleep } from './procs.js';

const bin = join(resolve(import.meta.dirname, '..'), 'bin', 'agentmux.js');

/**
 * Starts the built agentmux in a PTY of the given size with `--agent` flags (a string), its state
 * in a fresh directory. BENCH_NODE_ARGS adds node flags (e.g. --cpu-prof) for profiling.
 */
export function launchAgentmux(flags, { cols = 200, rows = 60, env = {} } = {}) {
  return pty.spawn('/bin/sh', ['-c', `exec ${process.execPath} ${process.env.BENCH_NODE_ARGS ?? ''} ${bin} ${flags}`], {
    cols,
    rows,
    // A socket directory of its own: the session (and its server) is this launch's alone.
    env: { ...process.env, CI: '0', XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'agentmux-bench-')), XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'agentmux-bench-run-')), ...env },
  });
}

/** Leaves focus (if focused), quits and confirms, then closes the client. */
export async function quitAgentmux(client) {
  client.write('\x1d');
  await sleep(200);
  client.write('q');
  await sleep(300);
  client.write('y');
  await sleep(2500);
  client.kill();
}

/**
 * Types `count` keys one at a time into a client whose focused program echoes "K<n> " per key
 * (bench/echo-agent.mjs), timing each until its marker arrives (3 s at most).
 */
export async function echoLatencies(client, count) {
  let out = '';
  const sub = client.onData((d) => (out += d));
  const lat = [];
  for (let i = 1; i <= count; i++) {
    out = '';
    const t0 = performance.now();
    client.write('x');
    const deadline = t0 + 3000;
    while (!out.includes(`K${i} `) && performance.now() < deadline) await new Promise((r) => setImmediate(r));
    lat.push(performance.now() - t0);
    await sleep(15 + Math.random() * 20);
  }
  sub.dispose();
  return lat;
}
