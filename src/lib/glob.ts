type Token = { t: 'lit'; c: string } | { t: 'one' } | { t: 'star' } | { t: 'any' } | { t: 'dirs' };
type Part = Token | { t: 'alt'; options: string[] };

/** Most alternatives a glob's `{a,b}` groups may expand to; beyond it the glob matches nothing. */
const MAX_ALTERNATIVES = 1024;

/** The glob's parts: `{a,b}` stays one part (its options are literal text). */
function parts(glob: string): Part[] {
  const out: Part[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out.push({ t: slash ? 'dirs' : 'any' });
      i += slash ? 2 : 1;
    } else if (c === '*') out.push({ t: 'star' });
    else if (c === '?') out.push({ t: 'one' });
    else if (c === '{' && glob.indexOf('}', i) > i) {
      const end = glob.indexOf('}', i);
      out.push({ t: 'alt', options: glob.slice(i + 1, end).split(',') });
      i = end;
    } else out.push({ t: 'lit', c }); // a '{' without its '}' is itself (globProblem refuses it at load)
  }
  return out;
}

/** Every token sequence the parts stand for, one per choice of options; null past MAX_ALTERNATIVES. */
function expand(list: readonly Part[]): Token[][] | null {
  let out: Token[][] = [[]];
  for (const p of list) {
    if (p.t !== 'alt') {
      for (const o of out) o.push(p);
      continue;
    }
    if (out.length * p.options.length > MAX_ALTERNATIVES) return null;
    out = out.flatMap((o) => p.options.map((opt) => [...o, ...[...opt].map((c): Token => ({ t: 'lit', c }))]));
  }
  return out;
}

/**
 * Runs the glob as an automaton over the path, every position at once: time is the path's
 * length times the glob's, whatever the glob (a backtracking regular expression took 40 s for
 * `*a*a*a*a*a*a*a*a*a*ab` on a path of 40 letters). State 2i is "at token i", 2i+1 "inside the
 * directories of a `**\/` at token i".
 */
function matchTokens(path: string, toks: readonly Token[]): boolean {
  const n = toks.length;
  let cur = new Uint8Array(2 * n + 2);
  let next = new Uint8Array(2 * n + 2);
  const close = (set: Uint8Array) => {
    // Zero-length tokens can be passed over: *, **, and **/ (no directory at all).
    for (let i = 0; i < n; i++) if (set[2 * i] && toks[i]!.t !== 'lit' && toks[i]!.t !== 'one') set[2 * (i + 1)] = 1;
  };
  cur[0] = 1;
  close(cur);
  for (const c of path) {
    next.fill(0);
    for (let i = 0; i < n; i++) {
      const at = cur[2 * i];
      const inside = cur[2 * i + 1];
      if (!at && !inside) continue;
      const tok = toks[i]!;
      if (tok.t === 'dirs') {
        next[2 * i + 1] = 1;
        if (c === '/') next[2 * (i + 1)] = 1;
        continue;
      }
      if (!at) continue;
      if (tok.t === 'lit' ? c === tok.c : tok.t === 'one' ? c !== '/' : tok.t === 'star' ? c !== '/' : true) {
        next[tok.t === 'star' || tok.t === 'any' ? 2 * i : 2 * (i + 1)] = 1;
      }
    }
    close(next);
    [cur, next] = [next, cur];
  }
  return cur[2 * n] === 1;
}

/**
 * Whether a repository path matches a glob: `**` any number of directories, `*` anything but
 * '/', `?` one character, `{a,b}` either. A glob ending in '/' matches everything below it.
 * Total: linear in the path for any glob (see matchTokens).
 */
export function matchesGlob(path: string, glob: string): boolean {
  const g = glob.endsWith('/') ? `${glob}**` : glob;
  return (expand(parts(g)) ?? []).some((toks) => matchTokens(path, toks));
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
