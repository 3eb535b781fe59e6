import type { AgentSession } from '../session/agent-session.js';
import { readChanges, type Changes } from './changes.js';
import { matchesGlob } from './glob.js';
import type { Worktree } from './worktree.js';

/** How long an agent's screen must be quiet before its diff statistics are read again. */
const DEBOUNCE_MS = 1500;

/**
 * Diff statistics of isolated agents, read off the UI's path: asynchronously, at most one git
 * run per agent at a time, again only after its screen has been quiet a moment. Listeners hear
 * when new figures arrive.
 */
export class WorktreeStats {
  private readonly cache = new Map<string, Changes & { outsideScope: number }>();
  private readonly scopes = new Map<string, readonly string[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private disposed = false;

  /** The last figures, with how many changed files lie outside the agent's scope. */
  get(agent: string): (Changes & { outsideScope: number }) | undefined {
    return this.cache.get(agent);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Follows an isolated agent: reads now, then after each quiet spell following screen changes. */
  watch(session: AgentSession, w: Worktree): void {
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
      const changes = await readChanges(w);
      const scope = this.scopes.get(w.agent) ?? [];
      const outsideScope = scope.length ? changes.files.filter((f) => !scope.some((g) => matchesGlob(f.path, g))).length : 0;
      this.cache.set(w.agent, { ...changes, outsideScope });
      for (const l of this.listeners) l();
    } catch {
      // the worktree may be gone (discarded): keep the last figures
    } finally {
      this.running.delete(w.agent);
      if (this.again.delete(w.agent)) void this.refresh(w);
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
  }
}
