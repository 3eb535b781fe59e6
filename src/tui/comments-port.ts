import type { CommentTarget, ReviewComment } from '../git/review-comments.js';

/** Where an agent's review stands: comments kept, a message waiting for it to be idle, one sent. */
export interface ReviewStatus {
  /** Comments kept, not yet sent. */
  pending: number;
  /** Comments in the message waiting for the agent to be idle (0: none waits). */
  queued: number;
  /** Comments in the message last typed into it, until it is next idle after working on them (0: none). */
  sent: number;
}

/**
 * The review comments of every agent, as the dashboard's keys and views use them. The session's
 * server holds them (every attached client sees the same), kept until sent.
 */
export interface CommentsPort {
  list(agent: string): readonly ReviewComment[];
  /** Adds the comment on a target, or replaces the one it has. */
  put(agent: string, target: CommentTarget, comment: string): void;
  /** Deletes the comment on a target; false when it has none. */
  remove(agent: string, target: CommentTarget): boolean;
  /** Marks each comment outdated or not against the files' diffs now (file path → lines). */
  check(agent: string, diffs: ReadonlyMap<string, readonly string[]>): void;
  /** Sends them all as one message: typed now when the agent is idle, else queued until it is. */
  send(agent: string): 'typed' | 'queued' | 'empty';
  status(agent: string): ReviewStatus;
  /** Bound functions (React calls them on their own). */
  subscribe: (listener: () => void) => () => void;
  getVersion: () => number;
}
