import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** Where an agent's hooks post to, and the token that names the agent. */
export interface HookEndpoint {
  url: string;
  token: string;
}

/** Largest accepted request body: hook payloads are small; anything bigger is refused. */
const MAX_BODY = 1 << 20;

/** The path hooks post to (anything else is 404). */
export const HOOK_PATH = '/hook';

/** Claude Code's hook output for a permission decision. */
export function hookOutput(d: HookDecision): string {
  return JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: d.decision, permissionDecisionReason: d.reason } });
}

/**
 * Where Claude Code's hooks report: Claude Code's own `http` hook type, answered in this process.
 * A hook event used to start a program (Node, 70-140 ms) that Claude waited for before every tool
 * call; a POST on loopback costs it about a millisecond. The server listens on 127.0.0.1 only,
 * and every request must carry the bearer token of the agent it speaks for: each agent gets its
 * own, so one agent's hooks cannot speak for another, and nothing else on the machine is heard.
 * A PreToolUse event is answered with Claude Code's hook output (an empty body for no opinion).
 * The same server also listens on a Unix socket in a private 0700 directory, for callers that
 * share the filesystem but not the network (a process in its own network namespace).
 */
export class HookChannel {
  readonly dir: string;
  readonly socketPath: string;
  private port = 0;
  private readonly servers: Server[] = [];
  private readonly agentByToken = new Map<string, string>();
  private readonly tokenByAgent = new Map<string, string>();
  private readonly listeners = new Set<(e: HookEvent) => void>();
  private decider: ((e: HookEvent) => HookDecision | null) | null = null;

  constructor(base = tmpdir()) {
    this.dir = mkdtempSync(join(base, 'agentmux-'));
    this.socketPath = join(this.dir, 'hooks.sock');
  }

  async listen(): Promise<void> {
    const tcp = await this.serve((s, done) => s.listen(0, '127.0.0.1', done));
    this.port = (tcp.address() as AddressInfo).port;
    await this.serve((s, done) => s.listen(this.socketPath, done));
  }

  private serve(listen: (s: Server, done: () => void) => void): Promise<Server> {
    return new Promise((resolve, reject) => {
      const server = createServer((req, res) => this.request(req, res));
      // A hook that hangs must not hold a socket for long: Claude Code gives up after its timeout.
      server.requestTimeout = 10_000;
      server.keepAliveTimeout = 5_000;
      server.once('error', reject);
      listen(server, () => {
        server.off('error', reject);
        this.servers.push(server);
        resolve(server);
      });
    });
  }

  private request(req: IncomingMessage, res: ServerResponse): void {
    const end = (status: number, body = '') => {
      if (res.writableEnded) return;
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    const agent = this.agentOf(req.headers.authorization);
    const refused = req.method !== 'POST' || req.url !== HOOK_PATH ? 404 : !agent ? 401 : 0;
    if (refused || !agent) {
      req.resume();
      return end(refused || 401);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        end(413);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('error', () => {});
    req.on('end', () => {
      if (size > MAX_BODY) return;
      const decision = this.receive(agent, Buffer.concat(chunks).toString('utf8'));
      end(200, decision ? hookOutput(decision) : '');
    });
  }

  /** The agent whose token `authorization` carries (`Bearer <token>`), or null. */
  private agentOf(authorization: string | undefined): string | null {
    const token = /^Bearer ([0-9a-f]{32})$/.exec(authorization ?? '')?.[1];
    return (token && this.agentByToken.get(token)) ?? null;
  }

  /** Hands an agent's event to the listeners; for PreToolUse, returns the decider's answer. */
  private receive(agent: string, body: string): HookDecision | null {
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return null;
    }
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
    const p = payload as Record<string, unknown>;
    const event = typeof p.hook_event_name === 'string' ? p.hook_event_name : null;
    if (!event) return null;
    const e: HookEvent = { agent, event, payload: p };
    let decision: HookDecision | null = null;
    if (event === 'PreToolUse') {
      try {
        decision = this.decider?.(e) ?? null;
      } catch {
        // A decider that fails gives no opinion: Claude Code's own flow stays in charge.
        decision = null;
      }
    }
    for (const l of this.listeners) l(e);
    return decision;
  }

  onEvent(listener: (e: HookEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Who decides PreToolUse calls (null: no opinion, Claude Code decides as usual). */
  setDecider(decider: ((e: HookEvent) => HookDecision | null) | null): void {
    this.decider = decider;
  }

  /** Where an agent's hooks post, with its own token (made on first use, the same after). */
  endpoint(agent: string): HookEndpoint {
    let token = this.tokenByAgent.get(agent);
    if (!token) {
      token = randomBytes(16).toString('hex');
      this.tokenByAgent.set(agent, token);
      this.agentByToken.set(token, agent);
    }
    return { url: `http://127.0.0.1:${this.port}${HOOK_PATH}`, token };
  }

  close(): void {
    for (const s of this.servers.splice(0)) {
      s.close();
      s.closeAllConnections();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
