import { execa } from 'execa';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'agentmux.js');

export function tempDir(prefix = 'agentmux-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs the built CLI as a user would (no TTY), with a private HOME and XDG dirs. */
export async function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const home = tempDir('agentmux-home-');
  return execa(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? home,
    env: { HOME: home, XDG_RUNTIME_DIR: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.state'), PATH: process.env.PATH ?? '', ...opts.env },
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: 15_000,
  });
}
