import { readdirSync, readFileSync } from 'node:fs';

/** Signals a whole process group (a PTY child is its session and group leader). */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

/** How long a hung-up process may take to end before it is killed. */
export const END_GRACE_MS = 2000;

/** Whether /proc can be read (Linux): finding processes by group or environment needs it. */
export const HAS_PROC = (() => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
})();

/** Fields of /proc/<pid>/stat after the command name: state is [0], pgrp is [2]. */
function statFields(pid: string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** True while the process runs: not gone, not a zombie (see groupAlive). Linux only. */
export function processAlive(pid: number): boolean {
  const state = statFields(String(pid))?.[0];
  return state !== undefined && state !== 'Z' && state !== 'X';
}

/**
 * True while a live process (not a zombie) of the group runs. Zombies count as gone: once
 * killed, a grandchild may wait for a reaper that a container's init never provides.
 */
export function groupAlive(pgid: number): boolean {
  if (!HAS_PROC) {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of readdirSync('/proc')) {
    if (entry.charCodeAt(0) > 57) continue; // not a pid
    const f = statFields(entry);
    if (f && Number(f[2]) === pgid && f[0] !== 'Z' && f[0] !== 'X') return true;
  }
  return false;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Ends a process group: SIGHUP (what a closing terminal sends), then SIGKILL after `graceMs`
 * if anything is left. Resolves once the group is gone (or, after SIGKILL, at most 1 s later).
 */
export async function endGroup(pgid: number, graceMs = END_GRACE_MS): Promise<void> {
  if (!signalGroup(pgid, 'SIGHUP')) return;
  signalGroup(pgid, 'SIGCONT');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(20);
  if (!groupAlive(pgid)) return;
  signalGroup(pgid, 'SIGKILL');
  const killDeadline = Date.now() + 1000;
  while (groupAlive(pgid) && Date.now() < killDeadline) await sleep(20);
}
