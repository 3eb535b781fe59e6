#!/usr/bin/env node
// Records fixtures from the real Claude Code CLI, offline (see test/claude-code/offline-claude.sh):
// a session that goes idle -> working -> approval (answered yes) -> working -> idle, then
// approval for a non-file command (answered no) -> idle, then exits with two ctrl+c.
// The raw PTY bytes with timestamps go to <out>/session.jsonl, the state changes to <out>/events.jsonl.
// Usage: npm run build && node scripts/record-claude-fixtures.mjs <path to claude> <out dir>
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findOption } from '../dist/detect/answer.js';
import { DEFAULT_SETTINGS } from '../dist/config/types.js';
import { EventsLog } from '../dist/events/events-log.js';
import { HookChannel } from '../dist/hooks/channel.js';
import { SessionManager } from '../dist/session/manager.js';

const [bin, out] = process.argv.slice(2);
if (!bin || !out) {
  process.stderr.write('usage: node scripts/record-claude-fixtures.mjs <path to claude> <out dir>\n');
  process.exit(2);
}
const outDir = resolve(out);
mkdirSync(outDir, { recursive: true });
const offline = resolve(import.meta.dirname, '..', 'test', 'claude-code', 'offline-claude.sh');
const tmp = (p) => mkdtempSync(join(tmpdir(), p));
const work = tmp('rec-work-');
const home = tmp('rec-home-');
const wrapper = join(tmp('rec-bin-'), 'claude');
writeFileSync(wrapper, `#!/bin/sh\nexec '${offline}' '${resolve(bin)}' '${work}' '${home}' '${join(home, 'mock.log')}' "$@"\n`, { mode: 0o755 });

const hooks = new HookChannel();
await hooks.listen();
const events = new EventsLog(join(outDir, 'events.jsonl'));
const manager = new SessionManager([{ name: 'session', argv: [wrapper, '--permission-mode', 'default'], cwd: work, env: {}, kind: 'claude' }], {
  settings: DEFAULT_SETTINGS,
  runDir: null,
  hooks,
  recordDir: outDir,
});
manager.onStateChange((c) => {
  events.write(c);
  process.stdout.write(`${c.state.padEnd(9)} ${c.reason}\n`);
});
manager.startAll(() => ({ cols: 120, rows: 40 }));
const status = () => manager.statuses[0];
const until = async (what, check, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${manager.agents[0].snapshot().lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
const type = async (text) => {
  manager.write('session', text);
  await until('the text typed', () => manager.agents[0].snapshot().lines.join('\n').includes(text));
  manager.write('session', '\r');
};
const answer = async (intent) => {
  await until('approval', () => status().state === 'approval' && status().prompt?.options.length);
  await new Promise((r) => setTimeout(r, 300));
  const prompt = status().prompt;
  const r = await manager.answer('session', prompt, findOption(prompt, intent));
  if (!r.ok) throw new Error(r.reason);
};

try {
  await until('idle', () => status().state === 'idle');
  await type('please run-bash');
  await answer('yes');
  await until('idle after the turn', () => status().state === 'idle' && manager.agents[0].snapshot().lines.join('\n').includes('Done.'));
  await type('run-bash: make build');
  await answer('no');
  await until('idle after saying no', () => status().state === 'idle');
  manager.write('session', '\x03');
  await new Promise((r) => setTimeout(r, 300));
  manager.write('session', '\x03');
  await until('exit', () => status().state === 'exited', 10_000);
} finally {
  await manager.dispose(500);
  hooks.close();
  events.close();
}
