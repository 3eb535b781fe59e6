/**
 * Synchronous last-resort cleanups (restore the terminal, signal children). They run once,
 * before a crash message is printed and on process exit, whichever comes first.
 */
const cleanups = new Set<() => void>();

export function addCleanup(fn: () => void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export function runCleanups(): void {
  for (const fn of [...cleanups]) {
    cleanups.delete(fn);
    try {
      fn();
    } catch {
      // keep going: the next cleanup matters as much
    }
  }
}

process.on('exit', runCleanups);
