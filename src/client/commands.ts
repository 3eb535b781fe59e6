import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { FrameDecoder, MSG } from '../server/protocol.js';
import { listManifests, type Manifest, resumable, writeManifest } from '../server/manifest.js';
import { SessionError } from '../server/paths.js';
import { collect, findSession, liveSessions, open } from './connect.js';

/** How long a killed session may take to end its agents (SIGHUP, then SIGKILL after the grace). */
const KILL_MS = 20_000;

/** One row of `agentmux ls`, and of `agentmux ls --json`. */
export interface SessionRow {
  name: string;
  state: 'running' | 'resumable';
  dir: string;
  agents: number;
  approval: number;
  working: number;
  idle: number;
  stalled: number;
  exited: number;
  clients: number;
  followers: number;
  started: string;
  pid: number | null;
  runDir: string | null;
}

/** The newest manifest of each session whose server is gone and that has agents to carry on. */
export function resumableSessions(running: ReadonlySet<string>, env: NodeJS.ProcessEnv = process.env, unreadable: string[] = []): { path: string; manifest: Manifest }[] {
  const seen = new Set<string>();
  const out: { path: string; manifest: Manifest }[] = [];
  for (const { path, manifest, error } of listManifests(env)) {
    if (error) unreadable.push(error);
    if (!manifest || seen.has(manifest.session)) continue;
    seen.add(manifest.session);
    if (running.has(manifest.session) || resumable(manifest).length === 0 || serverAlive(manifest.pid)) continue;
    out.push({ path, manifest });
  }
  return out;
}

/** Whether the session's server still runs (its socket may be gone: it is then not resumable, but unreachable until it listens again). */
function serverAlive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('__serve');
  } catch {
    return false;
  }
}

export async function sessionRows(env: NodeJS.ProcessEnv = process.env): Promise<SessionRow[]> {
  const live = await liveSessions(env);
  const rows: SessionRow[] = live.map(({ status: s }) => ({ state: 'running', ...s }));
  for (const { manifest: m } of resumableSessions(new Set(live.map((l) => l.name)), env)) {
    const agents = resumable(m).length;
    rows.push({
      name: m.session,
      state: 'resumable',
      dir: m.dir,
      agents,
      approval: 0,
      working: 0,
      idle: 0,
      stalled: 0,
      exited: 0,
      clients: 0,
      followers: 0,
      started: m.started,
      pid: null,
      runDir: m.runDir,
    });
  }
  return rows;
}

function shortDir(dir: string): string {
  const home = homedir();
  return dir === home || dir.startsWith(`${home}/`) ? `~${dir.slice(home.length)}` : dir;
}

function when(iso: string, now: Date): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.toDateString() === now.toDateString() ? time : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

/** `agentmux ls`: a table for people, or JSON lines' worth of data for scripts. */
export function formatRows(rows: readonly SessionRow[], now = new Date()): string {
  if (rows.length === 0) return 'no sessions\n';
  const table = [
    ['NAME', 'STATE', 'AGENTS', 'NEED YOU', 'WORKING', 'IDLE', 'CLIENTS', 'STARTED', 'DIRECTORY'],
    ...rows.map((r) => {
      const running = r.state === 'running';
      return [
        r.name,
        r.state,
        String(r.agents),
        running ? String(r.approval) : '-',
        running ? String(r.working) : '-',
        running ? String(r.idle) : '-',
        running ? String(r.clients) : '-',
        when(r.started, now),
        shortDir(r.dir),
      ];
    }),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return `${table.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n')}\n`;
}

/** `agentmux kill NAME`: ends a running session's agents and its server; a resumable one is marked ended. */
export async function killSession(name: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const live = await liveSessions(env);
  const target = name === undefined ? live[0] : live.find((s) => s.name === name);
  if (!target) {
    const gone = name === undefined ? undefined : resumableSessions(new Set(live.map((l) => l.name)), env).find((r) => r.manifest.session === name);
    if (gone) {
      writeManifest({ ...gone.manifest, ended: true });
      return `${name}: was not running; it will not be resumed`;
    }
    await findSession(name, env); // throws the one-line "no session named …"
    throw new SessionError('no session is running');
  }
  await endSession(target.path);
  return `${target.name}: ended`;
}

export async function killAll(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const live = await liveSessions(env);
  await Promise.all(live.map((s) => endSession(s.path)));
  return live.map((s) => `${s.name}: ended`);
}

async function endSession(path: string): Promise<void> {
  const s = await open(path, { role: 'kill' });
  if (s) await collect(s, KILL_MS);
}

/** `agentmux events NAME`: the session's events lines as they are written, until it ends or the user stops. */
export async function followEvents(name: string | undefined, write: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const target = await findSession(name, env);
  const s = await open(target.path, { role: 'events' });
  if (!s) throw new SessionError(`session ${target.name} is gone`);
  const decoder = new FrameDecoder();
  return new Promise((resolve) => {
    const stop = () => s.destroy();
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    s.on('error', () => {});
    s.on('data', (chunk: Buffer) => {
      try {
        for (const m of decoder.feed(chunk)) if (m.type === MSG.line) write(m.payload.toString('utf8'));
      } catch {
        s.destroy();
      }
    });
    s.on('close', () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(0);
    });
  });
}
