import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { END_GRACE_MS, HAS_PROC, processAlive } from './process-group.js';

/**
 * The run marker: every agent's environment names the run that started it, and every process
 * the agent starts inherits it, even one that leaves the agent's process group (a daemon). So
 * whatever an agent left behind is found by its environment and ended with the run.
 *
 * The value is a comma-separated list of run tokens, the innermost agentmux's last: an
 * agentmux run inside an agent keeps its parent run's token, so the outer run ends its agents too.
 */
export const RUN_VAR = 'AGENTMUX_RUN';

const TOKEN = /^[0-9a-f]{16}$/;

/** A new run's token: random, so no other run (and no guess) shares it. */
export function newRunToken(): string {
  return randomBytes(8).toString('hex');
}

export function isRunToken(token: string): boolean {
  return TOKEN.test(token);
}

/** An agent's environment with this run's token added to the runs it already belongs to. */
export function markRun(env: Record<string, string>, token: string): Record<string, string> {
  const runs = (env[RUN_VAR] ?? '').split(',').filter(isRunToken);
  return { ...env, [RUN_VAR]: [...runs.filter((t) => t !== token), token].join(',') };
}

/** True when an environment as /proc/<pid>/environ holds it (NUL-separated) carries the token. */
export function carriesToken(environ: string, token: string): boolean {
  if (!isRunToken(token)) return false;
  const prefix = `${RUN_VAR}=`;
  return environ.split('\0').some((entry) => entry.startsWith(prefix) && entry.slice(prefix.length).split(',').includes(token));
}

/**
 * Every live process (zombies excluded) whose environment carries the run's token, but those in
 * `spare`. Reads /proc: [] where there is none.
 */
export function markedProcesses(token: string, spare: readonly number[] = []): number[] {
  if (!HAS_PROC || !isRunToken(token)) return [];
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (entry.charCodeAt(0) > 57) continue; // not a pid
    const pid = Number(entry);
    if (!pid || spare.includes(pid)) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
    } catch {
      continue; // gone, or another user's
    }
    if (carriesToken(environ, token) && processAlive(pid)) found.push(pid);
  }
  return found;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // gone already
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Ends every process still marked with the run's token but those in `spare`: SIGHUP, then
 * SIGKILL after `graceMs` to what is left (processes that appear meanwhile included). Resolves
 * once none is left, or at most 1 s after the SIGKILL.
 */
export async function sweepRun(token: string, spare: readonly number[] = [], graceMs = END_GRACE_MS): Promise<void> {
  const hungUp = new Set<number>();
  const deadline = Date.now() + graceMs;
  for (;;) {
    const found = markedProcesses(token, spare);
    if (!found.length) return;
    const fresh = found.filter((pid) => !hungUp.has(pid));
    if (!fresh.length || Date.now() >= deadline) break;
    for (const pid of fresh) {
      hungUp.add(pid);
      signal(pid, 'SIGHUP');
      signal(pid, 'SIGCONT');
    }
    // Only the known pids are watched during the grace (a scan of /proc per turn would cost more).
    while (Date.now() < deadline && [...hungUp].some(processAlive)) await sleep(20);
  }
  const killDeadline = Date.now() + 1000;
  for (let found = markedProcesses(token, spare); found.length && Date.now() < killDeadline; found = markedProcesses(token, spare)) {
    for (const pid of found) signal(pid, 'SIGKILL');
    await sleep(20);
  }
}
