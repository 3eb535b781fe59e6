import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnPty } from '../../src/session/pty.js';
import { tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';

/** In raw mode (says `ready`), reads nothing until `go` exists, then keeps all its input in `got` until it reads END. */
const READER = `
const fs = require('node:fs');
const [dir] = process.argv.slice(1);
process.stdin.setRawMode(true);
process.stdin.pause();
fs.writeFileSync(dir + '/ready', '');
const wait = setInterval(() => {
  if (!fs.existsSync(dir + '/go')) return;
  clearInterval(wait);
  fs.writeFileSync(dir + '/reading', '');
  const parts = [];
  process.stdin.on('data', (d) => {
    parts.push(d);
    const all = Buffer.concat(parts);
    if (all.subarray(-4).toString() === 'END\\n') { fs.writeFileSync(dir + '/got', all); process.exit(0); }
  });
  process.stdin.resume();
}, 10);
`;

describe('keys and pastes reach the agent in order, however full its input', () => {
  it('2 MB written while the agent reads nothing: every write returns at once, and the agent later gets every byte in order', async () => {
    const dir = tempDir();
    const pty = spawnPty({ file: process.execPath, args: ['-e', READER, dir], cwd: dir, env: { ...process.env } as Record<string, string>, cols: 80, rows: 24 });
    let exited = false;
    pty.onExit(() => (exited = true));
    pty.onData(() => {});
    await waitFor('the reader in raw mode', () => existsSync(join(dir, 'ready')));
    const chunks: string[] = [];
    for (let i = 0; i < 32_000; i++) chunks.push(`line ${String(i).padStart(6, '0')} ${'x'.repeat(56)}\n`);
    const sent = `${chunks.join('')}END\n`;
    for (let at = 0; at < sent.length; at += 65_536) pty.write(sent.slice(at, at + 65_536));
    // All of it was handed over while the agent read nothing: the writes did not wait for it.
    expect(existsSync(join(dir, 'reading'))).toBe(false);
    writeFileSync(join(dir, 'go'), '');
    await waitFor('the agent to read everything', () => exited, 20_000);
    const got = readFileSync(join(dir, 'got'), 'utf8');
    expect(got.length).toBe(sent.length);
    expect(got === sent).toBe(true);
  });
});
