import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HAS_PROC } from './process-group.js';

export interface Watchdog {
  readonly pid: number;
  /** Tells the watchdog the run ended well: it exits without touching anything. */
  done(): void;
}

/**
 * Where the watchdog's script is: next to this module (dist/session/), or in session/ beside the
 * bundle this module was bundled into (dist/agentmux.mjs). Not found when run from the sources.
 */
function scriptPath(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, 'watchdog.js'), join(here, 'session', 'watchdog.js')].find((f) => existsSync(f)) ?? null;
}

/**
 * Starts the run's watchdog (see watchdog.ts): detached in a session of its own (no terminal's
 * signals reach it), a pipe as its stdin and nothing else. The pipe is close-on-exec (Node makes
 * it so), so no agent holds it open and it closes when agentmux dies. Neither the process nor the
 * pipe keeps agentmux running. Null where it cannot work (no /proc) or cannot be started.
 */
export function startWatchdog(token: string, graceMs: number): Watchdog | null {
  const script = HAS_PROC ? scriptPath() : null;
  if (!script) return null;
  const child = spawn(process.execPath, [script, token, String(graceMs)], { detached: true, stdio: ['pipe', 'ignore', 'ignore'], cwd: '/' });
  // A watchdog that failed to start or died: the run goes on unwatched, nothing to tell it.
  child.on('error', () => {});
  child.stdin.on('error', () => {});
  child.unref();
  (child.stdin as Socket).unref();
  if (child.pid === undefined) return null;
  return { pid: child.pid, done: () => void child.stdin.end('done\n') };
}
