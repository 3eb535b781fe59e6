import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One hook event from one agent: the event name and Claude Code's payload. */
export interface HookEvent {
  agent: string;
  event: string;
  payload: Record<string, unknown>;
}

/** Longest accepted message: hook payloads are small; anything bigger is dropped. */
const MAX_LINE = 1 << 20;

/**
 * The local socket Claude Code's hooks report to. It lives in a fresh 0700 directory, so only
 * the current user can reach it, and every message must carry this run's token.
 */
export class HookChannel {
  readonly dir: string;
  readonly socketPath: string;
  readonly token = randomBytes(16).toString('hex');
  private server: Server | null = null;
  private readonly listeners = new Set<(e: HookEvent) => void>();

  constructor(base = tmpdir()) {
    this.dir = mkdtempSync(join(base, 'agentmux-'));
    this.socketPath = join(this.dir, 'hooks.sock');
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((conn) => {
        let buf = '';
        conn.setEncoding('utf8');
        conn.on('data', (d: string) => {
          buf += d;
          if (buf.length > MAX_LINE) conn.destroy();
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            this.receive(buf.slice(0, nl));
            buf = buf.slice(nl + 1);
          }
        });
        conn.on('error', () => conn.destroy());
      });
      server.once('error', reject);
      server.listen(this.socketPath, () => {
        server.off('error', reject);
        this.server = server;
        resolve();
      });
    });
  }

  private receive(line: string): void {
    let msg: { token?: unknown; agent?: unknown; payload?: unknown };
    try {
      msg = JSON.parse(line);
    } catch {
      return;
    }
    if (msg.token !== this.token || typeof msg.agent !== 'string' || !msg.payload || typeof msg.payload !== 'object') return;
    const payload = msg.payload as Record<string, unknown>;
    const event = typeof payload.hook_event_name === 'string' ? payload.hook_event_name : null;
    if (!event) return;
    for (const l of this.listeners) l({ agent: msg.agent, event, payload });
  }

  onEvent(listener: (e: HookEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Environment the agent (and so its hooks) needs to reach this channel. */
  env(): Record<string, string> {
    return { AGENTMUX_HOOK_SOCKET: this.socketPath, AGENTMUX_HOOK_TOKEN: this.token };
  }

  close(): void {
    this.server?.close();
    this.server = null;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
