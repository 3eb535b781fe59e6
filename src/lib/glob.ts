/**
 * Whether a repository path matches a glob: `**` any number of directories, `*` anything but
 * '/', `?` one character, `{a,b}` either. A glob ending in '/' matches everything below it.
 */
export function matchesGlob(path: string, glob: string): boolean {
  const g = glob.endsWith('/') ? `${glob}**` : glob;
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{' && g.indexOf('}', i) > i) {
      const end = g.indexOf('}', i);
      re += `(?:${g
        .slice(i + 1, end)
        .split(',')
        .map(escape)
        .join('|')})`;
      i = end;
    } else re += escape(c); // a '{' without its '}' is itself (globProblem refuses it at load)
  }
  return new RegExp(`^${re}$`).test(path);
}

function escape(s: string): string {
  return s.replace(/[.+^$(){}|[\]\\]/g, '\\$&');
}

/** Why a glob cannot be used (an unclosed or nested `{`, a stray `}`), or null when it can. */
export function globProblem(glob: string): string | null {
  let open = -1;
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '{') {
      if (open >= 0) return `nested "{" at character ${i + 1}`;
      open = i;
    } else if (glob[i] === '}') {
      if (open < 0) return `"}" without "{" at character ${i + 1}`;
      open = -1;
    }
  }
  return open >= 0 ? `"{" at character ${open + 1} is never closed` : null;
}
