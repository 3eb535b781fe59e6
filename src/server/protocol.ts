/**
 * What a client and the server say over the session's socket. Each message is one frame: a type
 * byte, a 4-byte big-endian length, then the payload (raw bytes for terminal input and output,
 * JSON for the rest). The first message of a connection is a hello naming what the client wants.
 * Anything else (an unknown type, an oversized frame, a hello that is not one) is a protocol
 * error: the connection is closed and nothing changes. Imports nothing but Node.
 */

/** Bumped when a message changes meaning: a client and server of different versions refuse each other. */
export const PROTOCOL_VERSION = 1;

/** Longest payload either side accepts (a paste of this size is split into several inputs). */
export const MAX_MESSAGE = 1024 * 1024;

/** How long a new connection may take to say hello. */
export const HELLO_WAIT_MS = 5000;

export const MSG = {
  /** client → server, JSON Hello. */
  hello: 1,
  /** client → server: the bytes the terminal sent (keys, pastes, replies). */
  input: 2,
  /** client → server, JSON {cols, rows}. */
  resize: 3,
  /** server → client: bytes for the terminal. */
  output: 10,
  /** server → client, JSON: the answer to a status or kill hello. */
  reply: 11,
  /** server → client: one events line (role events). */
  line: 12,
  /** server → client, JSON Bye: the last message before the server closes the connection. */
  bye: 13,
} as const;

export type Role = 'attach' | 'status' | 'kill' | 'events';
const ROLES: readonly Role[] = ['attach', 'status', 'kill', 'events'];

export interface Hello {
  agentmux: number;
  role: Role;
  /** The terminal's size (attach). */
  cols?: number;
  rows?: number;
  /** A line for the status line once attached (flags given to a running session, not applied). */
  notice?: string;
  /** The client's terminal's environment, TERMINAL_ENV only: its alerts and colours are its own. */
  env?: Record<string, string>;
}

/** What a client says of its terminal: what picks its alert protocol and its colours. */
export const TERMINAL_ENV = ['TERM', 'TERM_PROGRAM', 'KITTY_WINDOW_ID', 'WT_SESSION', 'VTE_VERSION', 'TMUX', 'COLORFGBG'] as const;

/** The TERMINAL_ENV part of an environment. */
export function terminalEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of TERMINAL_ENV) if (typeof env[k] === 'string') out[k] = env[k]!.slice(0, 200);
  return out;
}

/** Why a connection ends, as the client tells the user. */
export interface Bye {
  reason: 'detach' | 'quit' | 'killed' | 'ended' | 'refused';
  /** The exit code the client should end with. */
  code: number;
  message?: string;
}

/** What `agentmux ls` shows of a running session. */
export interface SessionStatus {
  name: string;
  dir: string;
  pid: number;
  runDir: string | null;
  started: string;
  clients: number;
  /** Scripts following its events (`agentmux events`). */
  followers: number;
  agents: number;
  approval: number;
  working: number;
  idle: number;
  stalled: number;
  exited: number;
}

export class ProtocolError extends Error {}

export function encode(type: number, payload: string | Uint8Array = ''): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  const head = Buffer.alloc(5);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

export function encodeJson(type: number, value: unknown): Buffer {
  return encode(type, JSON.stringify(value));
}

export interface Message {
  type: number;
  payload: Buffer;
}

const KNOWN = new Set<number>(Object.values(MSG));

/** Cuts a byte stream into messages; throws ProtocolError on the first thing that is not one. */
export class FrameDecoder {
  private buffered: Buffer = Buffer.alloc(0);

  feed(chunk: Buffer): Message[] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const out: Message[] = [];
    while (this.buffered.length >= 5) {
      const type = this.buffered.readUInt8(0);
      const length = this.buffered.readUInt32BE(1);
      if (!KNOWN.has(type)) throw new ProtocolError(`unknown message type ${type}`);
      if (length > MAX_MESSAGE) throw new ProtocolError(`message of ${length} bytes (at most ${MAX_MESSAGE})`);
      if (this.buffered.length < 5 + length) break;
      out.push({ type, payload: this.buffered.subarray(5, 5 + length) });
      this.buffered = this.buffered.subarray(5 + length);
    }
    return out;
  }
}

function json(payload: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new ProtocolError('a message that is not JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ProtocolError('a message that is not a JSON object');
  return value as Record<string, unknown>;
}

/** A terminal size as a client may give it: whole numbers a terminal can have. */
function size(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 10_000 ? v : null;
}

export function parseHello(m: Message): Hello {
  if (m.type !== MSG.hello) throw new ProtocolError('the first message must be a hello');
  const o = json(m.payload);
  if (typeof o.agentmux !== 'number') throw new ProtocolError('a hello without a protocol version');
  if (!ROLES.includes(o.role as Role)) throw new ProtocolError('a hello without a known role');
  const hello: Hello = { agentmux: o.agentmux, role: o.role as Role };
  if (o.role === 'attach') {
    const cols = size(o.cols);
    const rows = size(o.rows);
    if (cols === null || rows === null) throw new ProtocolError('an attach without a terminal size');
    hello.cols = cols;
    hello.rows = rows;
  }
  if (typeof o.notice === 'string') hello.notice = o.notice.slice(0, 500);
  if (o.env && typeof o.env === 'object' && !Array.isArray(o.env)) hello.env = terminalEnv(o.env as NodeJS.ProcessEnv);
  return hello;
}

export function parseResize(m: Message): { cols: number; rows: number } {
  const o = json(m.payload);
  const cols = size(o.cols);
  const rows = size(o.rows);
  if (cols === null || rows === null) throw new ProtocolError('a resize without a terminal size');
  return { cols, rows };
}

export function parseBye(m: Message): Bye {
  const o = json(m.payload);
  const reasons: Bye['reason'][] = ['detach', 'quit', 'killed', 'ended', 'refused'];
  const reason = reasons.includes(o.reason as Bye['reason']) ? (o.reason as Bye['reason']) : 'ended';
  return { reason, code: typeof o.code === 'number' ? o.code : 0, ...(typeof o.message === 'string' ? { message: o.message } : {}) };
}

export function parseJson(m: Message): Record<string, unknown> {
  return json(m.payload);
}
