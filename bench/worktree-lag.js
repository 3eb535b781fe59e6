// The UI must not lag while an isolated agent's diff statistics are read in a big repository:
// 100,000 files, 300 of them changed by the agent. Measured as the event loop's worst delay
// (a 5 ms timer's lateness) while WorktreeStats reads, beside the time the read takes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readChanges } from '../dist/git/changes.js';
import { ensureWorktree } from '../dist/git/worktree.js';
import { round } from './stats.js';

const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
const sh = (cwd, cmd) => execFileSync('sh', ['-c', cmd], { cwd, env, stdio: 'ignore' });

export async function worktreeLag({ files }) {
  const repo = mkdtempSync(join(tmpdir(), 'agentmux-bigrepo-'));
  // Made by a child process, so that this process's heap (and its collector) measures only the read.
  const make = `const fs=require('fs');for(let d=0;d<${files / 1000};d++){fs.mkdirSync('d'+d);for(let f=0;f<1000;f++)fs.writeFileSync('d'+d+'/f'+f+'.txt','line '+d+' '+f+'\\n')}`;
  execFileSync(process.execPath, ['-e', make], { cwd: repo });
  sh(repo, 'git init -q -b main && git add -A && git commit -qm init');
  const w = await ensureWorktree(repo, 'big');
  const dirs = files / 1000;
  for (let i = 0; i < 300; i++) writeFileSync(join(w.path, `d${i % dirs}`, `f${Math.floor(i / dirs)}.txt`), `changed ${i}\n`);
  await readChanges(w); // the first read also warms the file system cache after creating 100k files
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
  }, 5);
  const t0 = performance.now();
  const c = await readChanges(w);
  const took = performance.now() - t0;
  clearInterval(timer);
  if (c.files.length !== 300) throw new Error(`expected 300 changed files, read ${c.files.length}`);
  const lag = round(worst);
  return [
    { figure: `diff stats, ${files / 1000}k-file repo: read (ms)`, agentmux: round(took), goal: '-', met: true },
    { figure: `diff stats, ${files / 1000}k-file repo: UI lag (ms)`, agentmux: lag, goal: '<= 25 ms', met: lag <= 25 },
  ];
}
