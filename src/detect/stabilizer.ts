import type { AgentState, Detection, ParsedPrompt } from './types.js';

/** How long the screen may not contradict an exact hook signal. */
export const HOOK_HOLD_MS = 1500;

export interface StabilizerOptions {
  /** How long the screen must read idle after work before it counts (the spinner can vanish for a frame between steps). */
  settleMs: number;
  /** Working with no progress for this long is `stalled`. */
  stallAfterMs: number;
  /**
   * For agents whose only signal is output (shell): working while the screen changes,
   * idle after this much quiet. Undefined for agents with a real idle screen.
   */
  quietIdleMs?: number;
}

export interface StateInfo {
  state: AgentState;
  since: number;
  reason: string;
  prompt?: ParsedPrompt;
}

/**
 * The time rules over a stream of detections, with the clock handed in:
 * - a prompt counts at once, and so does work;
 * - idle after work counts once it has held for `settleMs`;
 * - working with no progress (screen unchanged outside the spinner line) for `stallAfterMs` is stalled;
 * - an unknown screen changes nothing.
 * Pure apart from its own memory: no timers. `nextDeadline()` says when `tick` has work to do.
 */
export class Stabilizer {
  private info: StateInfo;
  private lastProgressKey: string | null = null;
  private lastProgressAt: number;
  private idleSince: number | null = null;
  private idleReason = '';
  private lastChangeAt: number;
  private hold: { state: AgentState; until: number } | null = null;
  private suppressed: Detection | null = null;

  constructor(
    private readonly opts: StabilizerOptions,
    now: number,
  ) {
    this.info = { state: 'starting', since: now, reason: 'spawned' };
    this.lastProgressAt = now;
    this.lastChangeAt = now;
  }

  get current(): StateInfo {
    return this.info;
  }

  private set(state: AgentState, reason: string, now: number, prompt?: ParsedPrompt): StateInfo | null {
    const samePrompt = JSON.stringify(prompt) === JSON.stringify(this.info.prompt);
    if (state === this.info.state && samePrompt) return null;
    // A prompt that changes while waiting keeps its waiting time.
    const since = state === this.info.state ? this.info.since : now;
    this.info = { state, since, reason, ...(prompt ? { prompt } : {}) };
    return this.info;
  }

  /**
   * Feeds an exact signal (a Claude Code hook). It counts at once, and for `hookHoldMs` the
   * screen cannot contradict it (a spinner frame drawn just before Stop, say), except with a prompt.
   */
  signal(state: 'working' | 'approval' | 'idle', reason: string, now: number, prompt?: ParsedPrompt): StateInfo | null {
    if (this.info.state === 'exited') return null;
    this.hold = { state, until: now + HOOK_HOLD_MS };
    this.idleSince = null;
    if (state === 'working') this.lastProgressAt = now;
    // A hook's prompt lacks the options; keep the screen's richer one when it is already there.
    const keep = state === 'approval' && this.info.state === 'approval' && this.info.prompt?.options.length;
    return this.set(state, reason, now, keep ? this.info.prompt : prompt);
  }

  /** Feeds the detection of a changed screen. Returns the new state when it changed. */
  observe(d: Detection, now: number): StateInfo | null {
    if (this.info.state === 'exited') return null;
    if (this.hold && now < this.hold.until && d.state !== this.hold.state && d.state !== 'approval' && d.state !== 'unknown') {
      this.suppressed = d; // looked at again when the hold ends
      return null;
    }
    this.suppressed = null;
    this.lastChangeAt = now;
    if (d.progressKey !== this.lastProgressKey) {
      this.lastProgressKey = d.progressKey;
      this.lastProgressAt = now;
    }
    if (d.state !== 'idle') this.idleSince = null;
    switch (d.state) {
      case 'approval':
        return this.set('approval', d.reason, now, d.prompt);
      case 'working':
        if (this.info.state === 'stalled' && now - this.lastProgressAt >= this.opts.stallAfterMs) return null;
        return this.set('working', d.reason, now);
      case 'idle':
        if (!d.final && (this.info.state === 'working' || this.info.state === 'stalled')) {
          this.idleSince ??= now;
          this.idleReason = d.reason;
          return this.tick(now);
        }
        return this.set('idle', d.reason, now);
      case 'unknown':
        if (this.opts.quietIdleMs !== undefined) return this.set('working', 'screen: output', now);
        return null;
    }
  }

  /** Applies the time rules at `now`. Returns the new state when it changed. */
  tick(now: number): StateInfo | null {
    const s = this.info.state;
    if (s === 'exited') return null;
    if (this.suppressed && this.hold && now >= this.hold.until) {
      const d = this.suppressed;
      this.suppressed = null;
      this.hold = null;
      return this.observe(d, now);
    }
    if (this.idleSince !== null && (s === 'working' || s === 'stalled') && now - this.idleSince >= this.opts.settleMs) {
      this.idleSince = null;
      return this.set('idle', this.idleReason, now);
    }
    if (this.opts.quietIdleMs !== undefined && s === 'working' && now - this.lastChangeAt >= this.opts.quietIdleMs) {
      return this.set('idle', `quiet for ${Math.round(this.opts.quietIdleMs / 1000)}s`, now);
    }
    if (s === 'working' && this.opts.quietIdleMs === undefined && now - this.lastProgressAt >= this.opts.stallAfterMs) {
      return this.set('stalled', `no progress for ${formatMs(this.opts.stallAfterMs)}`, now);
    }
    return null;
  }

  /** The next time `tick` could change something, or null when only a new screen can. */
  nextDeadline(): number | null {
    const s = this.info.state;
    const times: number[] = [];
    if (this.suppressed && this.hold) times.push(this.hold.until);
    if (this.idleSince !== null && (s === 'working' || s === 'stalled')) times.push(this.idleSince + this.opts.settleMs);
    if (s === 'working') {
      if (this.opts.quietIdleMs !== undefined) times.push(this.lastChangeAt + this.opts.quietIdleMs);
      else times.push(this.lastProgressAt + this.opts.stallAfterMs);
    }
    return times.length ? Math.min(...times) : null;
  }

  exit(reason: string, now: number): StateInfo | null {
    this.idleSince = null;
    return this.set('exited', reason, now);
  }
}

function formatMs(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${Math.round(ms / 1000)}s`;
}
