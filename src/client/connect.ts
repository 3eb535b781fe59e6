import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { checkSessionName, privateDir, SessionError, socketDir, socketPath } from '../server/paths.js';
import { encodeJson, FrameDecoder, type Hello, type Message, MSG, PROTOCOL_VERSION, parseBye, parseJson, type SessionStatus } from '../server/protocol.js';

/** How long a session's server may take to answer a status question. */
const ANSWER_MS = 3000;

/** What is at a session's socket: a server answering, nothing (a stale socket or none). */
export function probe(path: string): Promise<Socket | null> {
  return new Promise((resolve) => {
    const s = connect(path);
    s.once('connect', () => {
      s.removeAllListeners('error');
      resolve(s);
    });
    s.once('error', () => resolve(null));
  });
}

/** Connects and says hello; null when no server listens there. */
export async function open(path: string, hello: Omit<Hello, 'agentmux'>): Promise<Socket | null> {
  const s = await probe(path);
  s?.write(encodeJson(MSG.hello, { agentmux: PROTOCOL_VERSION, ...hello }));
  return s;
}

/** Every message the server sends until it closes the connection (or `ms` pass). */
export function collect(s: Socket, ms = ANSWER_MS): Promise<Message[]> {
  return new Promise((resolve, reject) => {
    const decoder = new FrameDecoder();
    const out: Message[] = [];
    const timer = setTimeout(() => {
      s.destroy();
      reject(new SessionError('the session did not answer'));
    }, ms);
    s.on('data', (chunk: Buffer) => {
      try {
        out.push(...decoder.feed(chunk));
      } catch {
        s.destroy();
      }
    });
    s.on('error', () => {});
    s.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

/** A session's status, or null when its server is gone (its stale socket is then removed). */
export async function status(path: string): Promise<SessionStatus | null> {
  const s = await open(path, { role: 'status' });
  if (!s) {
    removeStale(path);
    return null;
  }
  const messages = await collect(s);
  const reply = messages.find((m) => m.type === MSG.reply);
  if (reply) return parseJson(reply) as unknown as SessionStatus;
  const bye = messages.find((m) => m.type === MSG.bye);
  throw new SessionError(bye ? (parseBye(bye).message ?? 'the session refused to answer') : 'the session did not answer');
}

/** Removes a socket nothing listens on (a crashed server's); a live one is never touched. */
export function removeStale(path: string): void {
  try {
    if (statSync(path).isSocket()) unlinkSync(path);
  } catch {
    // gone already
  }
}

export interface LiveSession {
  name: string;
  path: string;
  /** When a client last attached (the socket's mtime): the most recent is the default. */
  used: number;
  status: SessionStatus;
}

/** The sessions whose servers answer, most recently used first. */
export async function liveSessions(env: NodeJS.ProcessEnv = process.env): Promise<LiveSession[]> {
  const dir = socketDir(env);
  if (!privateDir(dir, false)) return [];
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.sock'))
    .map((f) => f.slice(0, -'.sock'.length));
  const found = await Promise.all(
    names.map(async (name) => {
      const path = join(dir, `${name}.sock`);
      let used = 0;
      try {
        used = statSync(path).mtimeMs;
      } catch {
        return null;
      }
      const st = await status(path).catch(() => null);
      return st ? { name, path, used, status: st } : null;
    }),
  );
  return found.filter((x): x is LiveSession => x !== null).sort((a, b) => b.used - a.used);
}

/** The path of a running session's socket: named, or the most recently used. Throws the one-line error. */
export async function findSession(name: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<LiveSession> {
  const live = await liveSessions(env);
  if (name !== undefined) {
    checkSessionName(name, 'session');
    const found = live.find((s) => s.name === name);
    if (found) return found;
    throw new SessionError(`no session named ${name}; ${live.length ? `running: ${live.map((s) => s.name).join(', ')}` : 'none is running'}`);
  }
  if (!live[0]) throw new SessionError('no session is running (start one with agentmux)');
  return live[0];
}

export interface Connected {
  name: string;
  socket: Socket;
}

/**
 * `agentmux attach [NAME]`'s session, connected: the named one, or the most recently used whose
 * server answers. Nothing is asked of a server but to connect (attaching is what a person waits
 * on); a socket nothing listens on is removed. Throws the same one-line errors as findSession.
 */
export async function connectSession(name: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<Connected> {
  if (name !== undefined) checkSessionName(name, 'session');
  const dir = socketDir(env);
  if (privateDir(dir, false)) {
    const names = name !== undefined ? [name] : byLastUse(dir);
    for (const n of names) {
      const path = socketPath(dir, n);
      const socket = await probe(path);
      if (socket) return { name: n, socket };
      removeStale(path);
    }
  }
  // Nothing answered: the error says what runs (a session that started meanwhile is attached to).
  const found = await findSession(name, env);
  const socket = await probe(found.path);
  if (!socket) throw new SessionError(`session ${found.name} is gone`);
  return { name: found.name, socket };
}

/** The sessions' names in a socket directory, the most recently attached to first. */
function byLastUse(dir: string): string[] {
  const named: Array<{ name: string; used: number }> = [];
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.sock')) continue;
    try {
      named.push({ name: f.slice(0, -'.sock'.length), used: statSync(join(dir, f)).mtimeMs });
    } catch {
      // gone meanwhile
    }
  }
  return named.sort((a, b) => b.used - a.used).map((s) => s.name);
}

/** The socket of a session by name, in the private directory (made when `create`). */
export function sessionSocket(name: string, create: boolean, env: NodeJS.ProcessEnv = process.env): string {
  const dir = socketDir(env);
  privateDir(dir, create);
  return socketPath(dir, name);
}
