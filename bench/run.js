#!/usr/bin/env node
// npm run bench: agentmux's performance figures beside tmux's, each with its goal. Every scenario
// runs agentmux and the reference in the same run. Prints a table and writes the same figures
// to bench/results/latest.json. `--quick` runs small versions (CI proves the bench works).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { attach } from './attach.js';
import { detectionLatency } from './detection-latency.js';
import { hookCost } from './hook-cost.js';
import { idleCost } from './idle-cost.js';
import { ingest } from './ingest.js';
import { keystrokeLatency } from './keystroke-latency.js';
import { scale } from './scale.js';
import { startup } from './startup.js';
import { worktreeLag } from './worktree-lag.js';

const here = import.meta.dirname;
const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const results = [];
const row = (r) => {
  results.push(r);
  const cells = [r.figure.padEnd(58), String(r.agentmux).padStart(9), String(r.reference ?? '-').padStart(9), String(r.ratio ?? '-').padStart(6), r.goal.padStart(20), r.met ? 'met' : 'NOT MET'];
  process.stdout.write(`${cells.join('  ')}\n`);
};

const scenarios = {
  ingest: () => ingest({ megabytes: quick ? 1 : 20, rounds: quick ? 1 : 3 }),
  keystroke: () => keystrokeLatency({ keys: quick ? 20 : 100, rounds: quick ? 1 : 3 }),
  detection: () => detectionLatency({ prompts: quick ? 50 : 200 }),
  idle: () => idleCost({ agents: quick ? 10 : 50, seconds: quick ? 5 : 30, settleMs: quick ? 0 : 65_000 }),
  scale: () => scale({ agents: quick ? 10 : 50, rate: 50, seconds: quick ? 3 : 10, keys: quick ? 10 : 50, rssAfterMs: quick ? 8_000 : 25_000 }),
  startup: () => startup({ rounds: quick ? 2 : 7 }),
  attach: () => attach({ rounds: quick ? 3 : 9, idleSeconds: quick ? 3 : 20 }),
  worktree: () => worktreeLag({ files: quick ? 5_000 : 100_000 }),
  hooks: () => hookCost({ rounds: quick ? 2 : 7 }),
};

const tmuxVersion = execFileSync('tmux', ['-V'], { encoding: 'utf8' }).trim();
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${tmuxVersion}`;
process.stdout.write(`${machine}${quick ? ' (quick)' : ''}\n`);
process.stdout.write(`${['figure'.padEnd(58), 'agentmux'.padStart(9), 'tmux'.padStart(9), 'ratio'.padStart(6), 'goal'.padStart(20), ''].join('  ')}\n`);
for (const [name, run] of Object.entries(scenarios)) {
  if (only && !only.includes(name)) continue;
  for (const r of await run()) row({ scenario: name, ...r });
}

const out = resolve(here, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, quick ? 'quick.json' : 'latest.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, quick, results }, null, 2)}\n`);
process.stdout.write(`\nwritten to bench/results/${quick ? 'quick' : 'latest'}.json\n`);
// Timers left by a scenario's deadlines (and PTY clients) must not keep the run alive.
process.exit(0);
