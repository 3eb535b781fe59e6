#!/usr/bin/env node
// npm run bench: agentmux's performance figures, each beside its goal. Writes bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { detectionLatency } from './detection-latency.js';
import { idleCost } from './idle-cost.js';
import { keystrokeLatency } from './keystroke-latency.js';
import { worktreeLag } from './worktree-lag.js';

const here = import.meta.dirname;
const quick = process.argv.includes('--quick');
const results = [];
const row = (r) => {
  results.push(r);
  const cells = [r.figure.padEnd(44), String(r.agentmux).padStart(12), String(r.reference ?? '-').padStart(12), String(r.ratio ?? '-').padStart(7), r.goal.padStart(20), r.met ? 'met' : 'NOT MET'];
  process.stdout.write(`${cells.join('  ')}\n`);
};

process.stdout.write(`${['figure'.padEnd(44), 'agentmux'.padStart(12), 'reference'.padStart(12), 'ratio'.padStart(7), 'goal'.padStart(20), ''].join('  ')}\n`);
for (const r of await detectionLatency({ prompts: quick ? 50 : 200 })) row(r);
for (const r of await keystrokeLatency({ keys: quick ? 30 : 100, rounds: quick ? 1 : 3 })) row(r);
for (const r of await worktreeLag({ files: quick ? 20_000 : 100_000 })) row(r);
for (const r of await idleCost({ agents: 50, seconds: quick ? 10 : 30 })) row(r);

const out = resolve(here, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'latest.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
process.stdout.write(`\nwritten to bench/results/latest.json\n`);
