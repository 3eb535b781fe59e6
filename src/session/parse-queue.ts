/**
 * One agent's output waiting to be parsed, as the queue sees it: what parses a piece of it now,
 * and how its PTY is held back while too much waits.
 */
export interface ParseFeed {
  /** Applies `text` to the agent's terminal before returning. */
  parse(text: string): void;
  /** Stop reading the agent's PTY (the kernel's buffer then holds the agent back), and go on. */
  pause(): void;
  resume(): void;
}

export interface ParseQueueOptions {
  /** The most main-thread time one turn spends parsing queued output (ms). */
  budgetMs?: number;
  /** The clock the budget is counted on (ms; default performance.now). */
  clock?: () => number;
  /** Queues the next turn (default setImmediate: after the I/O that is ready, keys among it). */
  defer?: (turn: () => void) => { cancel: () => void };
  /** Characters one agent may have waiting before its PTY is paused (it resumes below a quarter). */
  highWater?: number;
}

/** Characters parsed for one agent at a time, before the turn moves to the next agent. */
export const SLICE = 16 * 1024;
const TURN_BUDGET_MS = 4;
const HIGH_WATER = 256 * 1024;

interface Waiting {
  chunks: string[];
  /** Characters in chunks. */
  size: number;
  paused: boolean;
}

const immediate = (turn: () => void) => {
  const handle = setImmediate(turn);
  return { cancel: () => clearImmediate(handle) };
};

/**
 * Where every agent's output waits to be parsed into its headless terminal. The agent being
 * typed into (the priority one) is parsed as its bytes arrive: its echo never waits behind
 * another agent's output. The others are parsed in turns of at most budgetMs, round-robin a
 * slice at a time, each turn after the I/O already waiting: however many agents print at once,
 * keys are read and echoes shown between turns. An agent that prints faster than its output is
 * parsed has its PTY paused past highWater characters, never a byte dropped.
 */
export class ParseQueue {
  /** Feeds with output waiting, in the order their turn comes (a Map keeps insertion order). */
  private readonly waiting = new Map<ParseFeed, Waiting>();
  private priority: ParseFeed | null = null;
  private next: { cancel: () => void } | null = null;
  private readonly budgetMs: number;
  private readonly clock: () => number;
  private readonly defer: (turn: () => void) => { cancel: () => void };
  private readonly highWater: number;

  constructor(opts: ParseQueueOptions = {}) {
    this.budgetMs = opts.budgetMs ?? TURN_BUDGET_MS;
    this.clock = opts.clock ?? performance.now.bind(performance);
    this.defer = opts.defer ?? immediate;
    this.highWater = opts.highWater ?? HIGH_WATER;
  }

  /** Output read from a feed's PTY: parsed now for the priority feed, else queued. */
  push(feed: ParseFeed, text: string): void {
    if (!text) return;
    if (feed === this.priority) {
      this.drain(feed);
      feed.parse(text);
      return;
    }
    let w = this.waiting.get(feed);
    if (!w) {
      w = { chunks: [], size: 0, paused: false };
      this.waiting.set(feed, w);
    }
    w.chunks.push(text);
    w.size += text.length;
    if (!w.paused && w.size > this.highWater) {
      w.paused = true;
      feed.pause();
    }
    this.next ??= this.defer(this.turn);
  }

  /** Parses everything queued for the feed now (before its exit is told, or a read that must see it). */
  drain(feed: ParseFeed): void {
    const w = this.waiting.get(feed);
    if (!w) return;
    this.waiting.delete(feed);
    if (w.chunks.length) feed.parse(w.chunks.join(''));
    if (w.paused) feed.resume();
  }

  /** Characters waiting for the feed (0: all parsed). */
  queued(feed: ParseFeed): number {
    return this.waiting.get(feed)?.size ?? 0;
  }

  /** The feed being typed into (null: none): what it has waiting is parsed now, the rest as it comes. */
  setPriority(feed: ParseFeed | null): void {
    this.priority = feed;
    if (feed) this.drain(feed);
  }

  /** The feed is gone: what it had waiting is dropped with it, and it is no longer the priority. */
  forget(feed: ParseFeed): void {
    this.waiting.delete(feed);
    if (this.priority === feed) this.priority = null;
  }

  /** One turn: slices of the waiting feeds, round-robin, until the budget is spent. */
  private readonly turn = (): void => {
    this.next = null;
    const started = this.clock();
    for (const [feed, w] of this.waiting) {
      if (this.clock() - started >= this.budgetMs) break;
      const text = take(w, SLICE);
      // To the back of the line, with what is left; or out of it.
      this.waiting.delete(feed);
      if (w.size) this.waiting.set(feed, w);
      if (w.paused && w.size <= this.highWater / 4) {
        w.paused = false;
        feed.resume();
      }
      feed.parse(text);
    }
    if (this.waiting.size) this.next = this.defer(this.turn);
  };

  /** Stops the pending turn (what waits stays queued). */
  dispose(): void {
    this.next?.cancel();
    this.next = null;
  }
}

/** About `max` characters from the front of the queue (whole chunks; a first chunk larger is cut). */
function take(w: Waiting, max: number): string {
  let n = 0;
  let size = 0;
  while (n < w.chunks.length && size + w.chunks[n]!.length <= max) size += w.chunks[n++]!.length;
  let text: string;
  if (n === 0) {
    const first = w.chunks[0]!;
    // Not between the two halves of a surrogate pair.
    const cut = isHighSurrogate(first.charCodeAt(max - 1)) ? max - 1 : max;
    text = first.slice(0, cut);
    w.chunks[0] = first.slice(cut);
  } else {
    text = n === 1 ? w.chunks[0]! : w.chunks.slice(0, n).join('');
    w.chunks.splice(0, n);
  }
  w.size -= text.length;
  return text;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
