import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** A directory agentmux needs cannot be made: a user's mistake (exit 2), said in one line. */
export class DirectoryError extends Error {
  readonly exitCode = 2;
}

/**
 * Makes `dir` and its missing parents, one at a time from the deepest one that exists (a
 * recursive mkdir can spin on special file systems such as /proc). Throws DirectoryError naming
 * `what` and the path when a part of it is not a directory or cannot be made.
 */
export function makeDirectory(dir: string, what: string, mode = 0o700): void {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    let isDir: boolean;
    try {
      isDir = statSync(at).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        const up = dirname(at);
        if (up === at) break;
        missing.unshift(at);
        at = up;
        continue;
      }
      throw new DirectoryError(`${what} ${dir}: cannot use ${at} (${code ?? String(err)})`);
    }
    if (!isDir) throw new DirectoryError(`${what} ${dir}: ${at} is not a directory`);
    break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d, { mode });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && statSync(d).isDirectory()) continue;
      throw new DirectoryError(`${what} ${dir}: cannot create ${d} (${code ?? String(err)})`);
    }
  }
}
