import { formatReview, isOutdated, sameTarget, type CommentTarget, type ReviewComment } from '../git/review-comments.js';
import type { SessionManager } from '../session/manager.js';
import type { CommentsPort, ReviewStatus } from '../tui/comments-port.js';

const NONE: readonly ReviewComment[] = [];

type Agents = Pick<SessionManager, 'statuses' | 'type' | 'onStateChange'>;

export interface ReviewCommentsOptions {
  /** The review was typed into the agent (the events line, the clients' status lines). */
  sent: (agent: string, comments: number) => void;
  /** A queued review went back to being comments: the agent exited before it was idle. */
  returned: (agent: string, comments: number) => void;
  /**
   * Someone is typing into the agent (a client is focused on it): an idle agent's input may hold
   * their half-typed line, which the review's Enter would send. The review waits for `release`.
   */
  held?: (agent: string) => boolean;
}

/**
 * Every agent's review comments, the session's own: kept until sent, whoever attaches. A review
 * sent while its agent is not idle (or while someone types into it) waits, and is typed once
 * when the agent next becomes idle (or is let go while idle).
 */
export class ReviewComments implements CommentsPort {
  private readonly pending = new Map<string, ReviewComment[]>();
  private readonly queue = new Map<string, ReviewComment[]>();
  /** Comments last typed into each agent, until it is next idle. */
  private readonly sentCount = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private nextId = 1;
  private readonly off: () => void;

  constructor(
    private readonly agents: Agents,
    private readonly opts: ReviewCommentsOptions,
  ) {
    this.off = agents.onStateChange((change) => {
      if (change.state === 'idle' && change.prev !== 'idle') {
        const done = this.sentCount.delete(change.agent);
        if (this.queue.has(change.agent) && !this.held(change.agent)) this.type(change.agent);
        else if (done) this.changed();
      }
      if (change.state === 'exited') this.giveBack(change.agent);
    });
  }

  list(agent: string): readonly ReviewComment[] {
    return this.pending.get(agent) ?? NONE;
  }

  put(agent: string, target: CommentTarget, comment: string): void {
    const list = this.list(agent);
    const had = list.find((c) => sameTarget(c, target));
    const anchor = target.anchor ? { ...target.anchor } : null;
    // Edited where its line still reads as it did: as outdated as it was. Anchored anew: current.
    const outdated = Boolean(had?.outdated && anchor && had.anchor?.text === anchor.text);
    const next: ReviewComment = { id: had?.id ?? this.nextId++, file: target.file, anchor, comment, outdated };
    this.pending.set(agent, had ? list.map((c) => (c === had ? next : c)) : [...list, next]);
    this.changed();
  }

  remove(agent: string, target: CommentTarget): boolean {
    const list = this.list(agent);
    const rest = list.filter((c) => !sameTarget(c, target));
    if (rest.length === list.length) return false;
    this.pending.set(agent, rest);
    this.changed();
    return true;
  }

  check(agent: string, diffs: ReadonlyMap<string, readonly string[]>): void {
    const list = this.list(agent);
    let changed = false;
    const next = list.map((c) => {
      const outdated = c.file !== null && isOutdated(c, diffs.get(c.file));
      if (outdated === c.outdated) return c;
      changed = true;
      return { ...c, outdated };
    });
    if (!changed) return;
    this.pending.set(agent, next);
    this.changed();
  }

  send(agent: string): 'typed' | 'queued' | 'empty' {
    const list = this.list(agent);
    if (!list.length) return 'empty';
    this.pending.delete(agent);
    this.queue.set(agent, [...(this.queue.get(agent) ?? []), ...list]);
    if (this.ready(agent)) {
      this.type(agent);
      return 'typed';
    }
    this.changed();
    return 'queued';
  }

  /** Nobody types into the agent any more (a client left its focus): a review waiting for that goes now. */
  release(agent: string): void {
    if (this.queue.has(agent) && this.ready(agent)) this.type(agent);
  }

  private ready(agent: string): boolean {
    return this.agents.statuses.find((s) => s.name === agent)?.state === 'idle' && !this.held(agent);
  }

  private held(agent: string): boolean {
    return this.opts.held?.(agent) ?? false;
  }

  status(agent: string): ReviewStatus {
    return { pending: this.list(agent).length, queued: this.queue.get(agent)?.length ?? 0, sent: this.sentCount.get(agent) ?? 0 };
  }

  // Bound: React's useSyncExternalStore calls them on their own.
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getVersion = (): number => this.version;

  dispose(): void {
    this.off();
    this.listeners.clear();
  }

  /** Types the queued review into the agent, once: pasted whole, then Enter. */
  private type(agent: string): void {
    const list = this.queue.get(agent);
    if (!list?.length) return;
    this.queue.delete(agent);
    this.agents.type(agent, formatReview(list), { paste: true });
    this.sentCount.set(agent, list.length);
    this.changed();
    this.opts.sent(agent, list.length);
  }

  /** An agent that exited keeps its queued comments as comments, ahead of any made since. */
  private giveBack(agent: string): void {
    const list = this.queue.get(agent);
    this.queue.delete(agent);
    const hadSent = this.sentCount.delete(agent);
    if (!list?.length) {
      if (hadSent) this.changed();
      return;
    }
    const later = this.list(agent).filter((c) => !list.some((q) => sameTarget(q, c)));
    this.pending.set(agent, [...list, ...later]);
    this.changed();
    this.opts.returned(agent, list.length);
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}
