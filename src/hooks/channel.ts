import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One hook event from one agent: the event name and Claude Code's payload. */
export interface HookEvent {
  agent: string;
  event: string;
  payload: Record<string, unknown>;
}

/** agentmux's answer to a PreToolUse event: Claude Code's permission decision for that call. */
export interface HookDecision {
  decision: 'allow' | 'deny' | 'ask';
  reason: string;
}

/** Longest accepted message: hook payloads are small; anything bigger is dropped. */
const MAX_LINE = 1 << 20;

/**
 * The local socket Claude Code's hooks report to. It lives in a fresh 0700 directory, so only
 * the current user can reach it, and every message must carry the token of the agent it speaks
 * for: each agent gets its own, so one agent's hooks cannot speak for another. A PreToolUse
 * event is answered on the same connection (one JSON line, `{}` for no opinion).
 */
export class HookChannel {
  readonly dir: string;
  readonly socketPath: string;
  private server: Server | null = null;
  private readonly agentByToken = new Map<string, string>();
  private readonly tokenByAgent = new Map<string, string>();
  private readonly listeners = new Set<(e: HookEvent) => void>();
  private decider: ((e: HookEvent) => HookDecision | null) | null = null;

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
            this.receive(buf.slice(0, nl), conn);
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

  private receive(line: string, conn: Socket): void {
    let msg: { token?: unknown; agent?: unknown; payload?: unknown };
    try {
      msg = JSON.parse(line);
    } catch {
      return;
    }
    const agent = typeof msg.token === 'string' ? this.agentByToken.get(msg.token) : undefined;
    // The token names the agent; a message claiming another agent's name is forged.
    if (!agent || (msg.agent !== undefined && msg.agent !== agent) || !msg.payload || typeof msg.payload !== 'object') return;
    const payload = msg.payload as Record<string, unknown>;
    const event = typeof payload.hook_event_name === 'string' ? payload.hook_event_name : null;
    if (!event) return;
    const e: HookEvent = { agent, event, payload };
    if (event === 'PreToolUse') {
      let decision: HookDecision | null = null;
      try {
        decision = this.decider?.(e) ?? null;
      } catch {
        // A decider that fails gives no opinion: Claude Code's own flow stays in charge.
        decision = null;
      }
      if (!conn.destroyed) conn.write(`${JSON.stringify(decision ?? {})}\n`);
    }
    for (const l of this.listeners) l(e);
  }

  onEvent(listener: (e: HookEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Who decides PreToolUse calls (null: no opinion, Claude Code decides as usual). */
  setDecider(decider: ((e: HookEvent) => HookDecision | null) | null): void {
    this.decider = decider;
  }

  /** Environment an agent (and so its hooks) needs to reach this channel: the address and its own token. */
  env(agent: string): Record<string, string> {
    let token = this.tokenByAgent.get(agent);
    if (!token) {
      token = randomBytes(16).toString('hex');
      this.tokenByAgent.set(agent, token);
      this.agentByToken.set(token, agent);
    }
    return { AGENTMUX_HOOK_SOCKET: this.socketPath, AGENTMUX_HOOK_TOKEN: token };
  }

  close(): void {
    this.server?.close();
    this.server = null;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
