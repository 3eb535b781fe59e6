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

/** True while any process of the group (or the pid itself) is alive. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Ends a process group: SIGHUP (what a closing terminal sends), then SIGKILL after `graceMs`
 * if anything is left. Resolves once the group is gone.
 */
export async function endGroup(pid: number, graceMs = 2000): Promise<void> {
  if (!signalGroup(pid, 'SIGHUP')) return;
  signalGroup(pid, 'SIGCONT');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid)) {
    if (Date.now() >= deadline) {
      signalGroup(pid, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 20));
      if (!groupAlive(pid)) return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
