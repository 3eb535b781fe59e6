import type { AgentSession } from '../session/agent-session.js';
import type { Changes } from './changes.js';
import { readReview } from './review.js';
import type { Flag } from './review-types.js';
import type { Worktree } from '../model/agent.js';

/** The sidebar's figures for one agent: its changes and the review's flags (counted by flagCount). */
export type Figures = Changes & { flags: Flag[] };

/** How long an agent's screen must be quiet before its diff statistics are read again. */
const DEBOUNCE_MS = 1500;

/**
 * Diff statistics of isolated agents, read off the UI's path: asynchronously, at most one git
 * run per agent at a time, again only after its screen has been quiet a moment. Listeners hear
 * when new figures arrive.
 */
export class WorktreeStats {
  private readonly cache = new Map<string, Figures>();
  /** The sessions followed (a restarted agent is a new session). */
  private readonly watched = new WeakSet<AgentSession>();
  private readonly scopes = new Map<string, readonly string[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private disposed = false;

  /** The last figures, with the flags the review would show. */
  get(agent: string): Figures | undefined {
    return this.cache.get(agent);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Follows an isolated agent: reads now, then after each quiet spell following screen changes. */
  watch(session: AgentSession, w: Worktree): void {
    if (this.watched.has(session)) return;
    this.watched.add(session);
    this.scopes.set(w.agent, session.spec.scope ?? []);
    void this.refresh(w);
    session.onScreen(() => this.schedule(w));
  }

  private schedule(w: Worktree): void {
    if (this.disposed) return;
    clearTimeout(this.timers.get(w.agent));
    const t = setTimeout(() => void this.refresh(w), DEBOUNCE_MS);
    t.unref();
    this.timers.set(w.agent, t);
  }

  /** Reads the figures now (or right after the read in progress). */
  async refresh(w: Worktree): Promise<void> {
    if (this.disposed) return;
    if (this.running.has(w.agent)) {
      this.again.add(w.agent);
      return;
    }
    this.running.add(w.agent);
    try {
      const { changes, flags } = await readReview(w, this.scopes.get(w.agent) ?? []);
      this.cache.set(w.agent, { ...changes, flags });
      for (const l of this.listeners) l();
    } catch {
      // the worktree may be gone (discarded): keep the last figures
    } finally {
      this.running.delete(w.agent);
      if (this.again.delete(w.agent)) void this.refresh(w);
    }
  }

  /**
   * Follows every isolated agent of a manager, also those started later (the `c` form) and
   * restarted ones (a new session each time).
   */
  follow(manager: { agents: readonly AgentSession[]; onChange(listener: () => void): () => void }): () => void {
    const check = () => {
      for (const s of manager.agents) if (s.spec.worktree && !this.watched.has(s)) this.watch(s, s.spec.worktree);
    };
    check();
    return manager.onChange(check);
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
  }
}
