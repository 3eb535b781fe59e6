import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { SessionError, SessionRunning } from '../server/paths.js';

/** How long a server may take to start (making worktrees for isolated agents included). */
const START_MS = 60_000;

/**
 * Starts a session's server in the background: its own process group and session (no terminal,
 * so closing this one sends it no SIGHUP), its output in `<run dir>/server.log`. Resolves once it
 * listens; a problem it met (a bad config, a worktree that cannot be made) is thrown as the
 * one-line error it reported, and SessionRunning when another start got the session first.
 */
export async function startServer(spec: { runDir: string; cwd: string }, specJson: string): Promise<void> {
  const log = openSync(join(spec.runDir, 'server.log'), 'a', 0o600);
  // --no-experimental-fetch: Ink's layout engine (yoga, compiled to WebAssembly) asks `typeof
  // fetch` while it loads, and the first touch of Node's fetch loads undici: ~80 ms of every
  // server start (in its CPU profile) for a function agentmux never calls.
  const child = spawn(process.execPath, [...process.execArgv, '--no-experimental-fetch', process.argv[1]!, '__serve', specJson], {
    detached: true,
    cwd: spec.cwd,
    env: process.env,
    stdio: ['ignore', log, log, 'pipe'],
  });
  closeSync(log);
  const ready = child.stdio[3] as Readable;
  const line = await new Promise<string>((resolve) => {
    let text = '';
    const timer = setTimeout(() => resolve('timeout'), START_MS);
    ready.setEncoding('utf8');
    ready.on('data', (d: string) => (text += d));
    ready.on('error', () => {});
    ready.on('close', () => {
      clearTimeout(timer);
      resolve(text.trim());
    });
    child.on('error', (err) => resolve(`error 1 cannot start the server: ${err.message}`));
  });
  ready.destroy();
  child.unref();
  if (line === 'ready') return;
  if (line === 'running') throw new SessionRunning('the session was started meanwhile');
  const m = /^error (\d+) (.*)$/s.exec(line);
  if (m) throw new SessionError(m[2]!, Number(m[1]));
  throw new SessionError(`the session's server did not start (${line === 'timeout' ? 'no answer in a minute' : 'it ended'}; see ${join(spec.runDir, 'server.log')})`);
}
