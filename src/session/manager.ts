import { join } from 'node:path';
import type { AgentSpec, Settings } from '../config/types.js';
import type { AgentState } from '../detect/types.js';
import { AgentSession, type ExitInfo, type SessionOptions } from './agent-session.js';

export interface AgentStatus {
  name: string;
  state: AgentState;
  /** ms timestamp when the state began. */
  since: number;
  /** Which signal decided the state. */
  reason: string;
  exit: ExitInfo | null;
}

export interface ManagerOptions {
  settings: Settings;
  /** Directory for transcripts; null keeps none. */
  runDir: string | null;
  now?: () => number;
  /** Longest gap between a screen change and the frame that shows it (ms); 33 = 30 fps. */
  frameMs?: number;
  baseEnv?: NodeJS.ProcessEnv;
  spawn?: SessionOptions['spawn'];
}

/**
 * Owns every agent session and is the single writer of their states. Screen changes are
 * coalesced into frames: listeners hear at most one `change` per frame, never one per PTY chunk.
 */
export class SessionManager {
  private readonly sessions: AgentSession[] = [];
  private statusList: AgentStatus[] = [];
  private readonly listeners = new Set<() => void>();
  private frameTimer: NodeJS.Timeout | null = null;
  private lastFrame = 0;
  private disposed: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly frameMs: number;

  constructor(
    specs: readonly AgentSpec[],
    private readonly opts: ManagerOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.frameMs = opts.frameMs ?? 33;
    for (const spec of specs) this.add(spec);
  }

  private add(spec: AgentSpec): AgentSession {
    const session = new AgentSession(spec, {
      cols: 80,
      rows: 24,
      scrollback: this.opts.settings.scrollback,
      transcriptPath: this.opts.runDir ? join(this.opts.runDir, `${spec.name}.log`) : null,
      ...(this.opts.baseEnv ? { baseEnv: this.opts.baseEnv } : {}),
      ...(this.opts.spawn ? { spawn: this.opts.spawn } : {}),
    });
    this.sessions.push(session);
    this.statusList = [...this.statusList, { name: spec.name, state: 'starting', since: this.now(), reason: 'spawned', exit: null }];
    session.onScreen(() => this.scheduleFrame());
    session.onExit((exit) => {
      const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
      this.setState(spec.name, 'exited', `process exited with ${how}`, exit);
    });
    return session;
  }

  /** Agents in their display order. */
  get agents(): readonly AgentSession[] {
    return this.sessions;
  }

  /** The current status of every agent; a new array whenever anything changed. */
  get statuses(): readonly AgentStatus[] {
    return this.statusList;
  }

  session(name: string): AgentSession | undefined {
    return this.sessions.find((s) => s.name === name);
  }

  /** Starts every agent, each with its pane's size. */
  startAll(size: (name: string) => { cols: number; rows: number }): void {
    for (const s of this.sessions) {
      const { cols, rows } = size(s.name);
      s.resize(cols, rows);
      s.start();
    }
  }

  resize(name: string, cols: number, rows: number): void {
    this.session(name)?.resize(cols, rows);
  }

  write(name: string, data: string): void {
    this.session(name)?.write(data);
  }

  /** Listens for frames: called at most once per frame after screens or states changed. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True when any agent still runs: quitting would end its work. */
  get busyCount(): number {
    return this.statusList.filter((s) => s.state !== 'exited' && s.state !== 'idle').length;
  }

  private setState(name: string, state: AgentState, reason: string, exit: ExitInfo | null = null): void {
    const i = this.statusList.findIndex((s) => s.name === name);
    const cur = this.statusList[i];
    if (!cur || (cur.state === state && cur.exit === exit)) return;
    const next = [...this.statusList];
    next[i] = { name, state, since: this.now(), reason, exit };
    this.statusList = next;
    this.scheduleFrame();
  }

  private scheduleFrame(): void {
    if (this.frameTimer || this.disposed) return;
    const wait = Math.max(0, this.lastFrame + this.frameMs - this.now());
    this.frameTimer = setTimeout(this.flushFrame, wait);
  }

  private readonly flushFrame = (): void => {
    this.frameTimer = null;
    this.lastFrame = this.now();
    for (const l of this.listeners) l();
  };

  /** Ends every agent's process group. Safe to call more than once. */
  dispose(graceMs = 2000): Promise<void> {
    this.disposed ??= (async () => {
      if (this.frameTimer) clearTimeout(this.frameTimer);
      this.frameTimer = null;
      await Promise.all(this.sessions.map((s) => s.dispose(graceMs)));
    })();
    return this.disposed;
  }

  /** Every pid agentmux started that is still known (for last-resort cleanup). */
  pids(): number[] {
    return this.sessions.flatMap((s) => (s.pid !== null && !s.exit ? [s.pid] : []));
  }
}
