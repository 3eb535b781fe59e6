// Detection latency: from the last byte of a prompt written to an agent's PTY to agentmux's
// state change, through the real pipeline (PTY -> headless xterm -> frame -> detector -> stabilizer).
import { connect } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_SETTINGS } from '../dist/config/types.js';
import { SessionManager } from '../dist/session/manager.js';
import { quantile, round } from './stats.js';

const fixtures = resolve(import.meta.dirname, '..', 'test', 'fixtures', 'claude', '2.1.197');

export async function detectionLatency({ prompts }) {
  const sock = join(mkdtempSync(join(tmpdir(), 'agentmux-bench-')), 'agent.sock');
  const agent = [process.execPath, resolve(import.meta.dirname, 'prompt-agent.mjs'), sock, join(fixtures, 'permission-bash.ansi.txt'), join(fixtures, 'idle.ansi.txt')];
  const manager = new SessionManager([{ name: 'bench', argv: agent, cwd: tmpdir(), env: {}, kind: 'claude' }], { settings: DEFAULT_SETTINGS, runDir: null });
  manager.startAll(() => ({ cols: 120, rows: 40 }));
  const waitState = (state) =>
    new Promise((res) => {
      if (manager.statuses[0].state === state) return res(performance.now());
      const off = manager.onStateChange((c) => {
        if (c.state === state) {
          off();
          res(performance.now());
        }
      });
    });
  await waitState('idle');
  let conn;
  for (let i = 0; i < 100 && !conn; i++) {
    conn = await new Promise((res) => {
      const c = connect(sock, () => res(c));
      c.on('error', () => res(null));
    });
    if (!conn) await new Promise((r) => setTimeout(r, 20));
  }
  const latencies = [];
  for (let i = 0; i < prompts; i++) {
    const t0 = performance.now();
    conn.write('prompt\n');
    latencies.push((await waitState('approval')) - t0);
    // Back to idle, then a pause like a person's, so frames are not back to back.
    conn.write('idle\n');
    await waitState('idle');
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 40));
  }
  conn.end();
  await manager.dispose(500);
  const p50 = round(quantile(latencies, 0.5));
  const p95 = round(quantile(latencies, 0.95));
  return [
    { figure: `detection latency p50 (ms, ${prompts} prompts)`, agentmux: p50, goal: '-', met: true },
    { figure: `detection latency p95 (ms, ${prompts} prompts)`, agentmux: p95, goal: '<= 50 ms', met: p95 <= 50 },
  ];
}
