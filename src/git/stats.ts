import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { realPath } from '../lib/real-path.js';
import type { AgentSession } from '../session/agent-session.js';
import type { Changes } from './changes.js';
import { findOverlaps, overlapsKey, type Overlap } from './overlaps.js';
import { readCopied } from './worktree-prep.js';
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
 * when new figures arrive. With them, the overlaps: agents that changed the same files (an
 * isolated agent's changed files from its figures, another agent's from the files its Edit and
 * Write calls named, see noteEdit), recomputed when figures arrive or an edit names a new file.
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
  /** Isolated agents' changed files, as absolute paths in the user's tree (copies left out). */
  private readonly changed = new Map<string, string[]>();
  /** Isolated agents' repository (its real path): their files are relative to it. */
  private readonly roots = new Map<string, string>();
  /** Files other agents' Edit and Write calls named, as absolute paths. */
  private readonly edits = new Map<string, Set<string>>();
  private overlapMap = new Map<string, Overlap>();
  private overlapText = '[]';
  /** The agents in display order (the manager's, once followed). */
  private names: () => readonly string[] = () => [...new Set([...this.changed.keys(), ...this.edits.keys()])];

  /** The last figures, with the flags the review would show. */
  get(agent: string): Figures | undefined {
    return this.cache.get(agent);
  }

  /** The agents that changed a file this one changed too, and which files; undefined when none did. */
  overlap(agent: string): Overlap | undefined {
    return this.overlapMap.get(agent);
  }

  /** An isolated agent's overlapping files, as the review names them (relative to its repository) → the other agents. */
  overlapFiles(agent: string): Map<string, string[]> {
    const o = this.overlapMap.get(agent);
    const root = this.roots.get(agent);
    if (!o || !root) return new Map();
    return new Map([...o.files].map(([f, others]) => [relative(root, f).split('\\').join('/'), others]));
  }

  /**
   * A file an agent that is not isolated changed (its Edit or Write call, by the hook): it counts
   * towards overlaps from now on. `file` is absolute.
   */
  noteEdit(agent: string, file: string): void {
    const set = this.edits.get(agent) ?? new Set<string>();
    const real = realPath(file) ?? file;
    if (set.has(real)) return;
    set.add(real);
    this.edits.set(agent, set);
    this.recompute();
  }

  /** Looks for overlaps again; listeners hear when they changed. */
  private recompute(): void {
    const names = this.names();
    const list = names.map((agent) => ({ agent, files: this.changed.get(agent) ?? [...(this.edits.get(agent) ?? [])] }));
    const next = findOverlaps(list);
    const text = overlapsKey(next);
    this.overlapMap = next;
    if (text === this.overlapText) return;
    this.overlapText = text;
    for (const l of this.listeners) l();
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
      const copied = await readCopied(w);
      const root = realPath(w.repo) ?? w.repo;
      this.roots.set(w.agent, root);
      // A copy still untracked is the user's file, not the agent's change.
      this.changed.set(
        w.agent,
        changes.files.filter((f) => !(f.status === '?' && copied.has(f.path))).map((f) => join(root, f.path)),
      );
      this.cache.set(w.agent, { ...changes, flags });
      for (const l of this.listeners) l();
      this.recompute();
    } catch {
      // the worktree may be gone (discarded): keep the last figures, but its changes no longer overlap
      if (!existsSync(w.path) && this.changed.delete(w.agent)) this.recompute();
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
    this.names = () => manager.agents.map((a) => a.name);
    let shown = '';
    const check = () => {
      for (const s of manager.agents) if (s.spec.worktree && !this.watched.has(s)) this.watch(s, s.spec.worktree);
      // An agent taken off the dashboard overlaps no more.
      const names = manager.agents.map((a) => a.name).join('\0');
      if (names !== shown) {
        shown = names;
        this.recompute();
      }
    };
    check();
    return manager.onChange(check);
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
  }
}
