import { lstatSync, readlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** How many symbolic links one path may pass through, as Linux allows (MAXSYMLINKS). */
const MAX_LINKS = 40;

/**
 * Where an absolute path really leads, resolved the way the kernel does: component by
 * component from the root, each symbolic link replaced by its target (so `..` after a link
 * leaves the link's target, not the link's directory). The part from the first component that
 * does not exist on is taken as written: that is where a new file would be created. Null when
 * it cannot be told: a link loop, an unreadable directory, or `..` after a missing component.
 */
export function realPath(path: string): string | null {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  let current = '/';
  let links = 0;
  while (parts.length) {
    const part = parts.shift()!;
    if (part === '..') {
      current = dirname(current);
      continue;
    }
    const next = join(current, part);
    let link: boolean;
    try {
      link = lstatSync(next).isSymbolicLink();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return null;
      // Nothing below a missing component exists yet: the rest is a new path, as written.
      const rest = parts.filter((p) => p !== '.');
      return rest.includes('..') ? null : join(next, ...rest);
    }
    if (!link) {
      current = next;
      continue;
    }
    if (++links > MAX_LINKS) return null;
    let target: string;
    try {
      target = readlinkSync(next);
    } catch {
      return null;
    }
    parts.unshift(...target.split('/').filter((p) => p !== '' && p !== '.'));
    if (target.startsWith('/')) current = '/';
  }
  return current;
}
