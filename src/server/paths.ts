import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Where sessions' sockets live, and what a session may be called. The directory is private, as
 * tmux's is: made 0700, and refused when another user owns it or anyone else may enter it (a
 * socket there would let them type into every agent). Imports nothing but Node.
 */

/** Something about sessions the user asked for and cannot have: one line, exit 1. */
export class SessionError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** A session of that name already runs (another start got there first): attach to it instead. */
export class SessionRunning extends SessionError {}

/** The socket directory: $XDG_RUNTIME_DIR/agentmux, else $TMPDIR/agentmux-<uid>. */
export function socketDir(env: NodeJS.ProcessEnv = process.env, uid = process.getuid?.() ?? 0): string {
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime?.startsWith('/')) return join(runtime, 'agentmux');
  return join(env.TMPDIR?.startsWith('/') ? env.TMPDIR : tmpdir(), `agentmux-${uid}`);
}

/** Checks the socket directory is private (making it when `create`); throws SessionError when it is not. */
export function privateDir(dir: string, create: boolean, uid = process.getuid?.() ?? 0): boolean {
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new SessionError(`cannot use the socket directory ${dir} (${(err as NodeJS.ErrnoException).code})`);
    if (!create) return false;
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new SessionError(`cannot make the socket directory ${dir} (${(e as NodeJS.ErrnoException).code})`);
    }
    st = lstatSync(dir);
  }
  if (!st.isDirectory()) throw new SessionError(`the socket directory ${dir} is not a directory: remove it`);
  if (st.uid !== uid) throw new SessionError(`the socket directory ${dir} belongs to another user (uid ${st.uid}): refusing to use it`);
  if ((st.mode & 0o077) !== 0) throw new SessionError(`the socket directory ${dir} is open to others (mode ${(st.mode & 0o777).toString(8)}): run chmod 700 ${dir}`);
  return true;
}

/** Session names: what a file name can hold everywhere, and a shell word. */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

export function checkSessionName(name: string, what = '--session'): string {
  if (!NAME.test(name)) throw new SessionError(`${what} ${JSON.stringify(name).slice(0, 80)}: a session name is 1-64 letters, digits, '.', '_' or '-' (not starting with '.' or '-')`, 2);
  return name;
}

/** A session name made from a directory's name (characters a name cannot hold become '-'). */
export function nameFromDir(dir: string): string {
  const cleaned = basename(dir)
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 64);
  return cleaned || 'agentmux';
}

/** Longest path a Unix socket can have (Linux: 108 bytes with the NUL). */
const SOCKET_PATH_MAX = 107;

export function socketPath(dir: string, name: string): string {
  const path = join(dir, `${name}.sock`);
  if (Buffer.byteLength(path) > SOCKET_PATH_MAX) throw new SessionError(`the socket path ${path} is too long for a Unix socket: set XDG_RUNTIME_DIR or TMPDIR to a shorter directory`);
  return path;
}
