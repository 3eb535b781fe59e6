import type { AgentState, Detection, ParsedPrompt } from '../model/screen.js';

/** Pauses shorter than this are within one burst of output, not the agent's rhythm. */
const MIN_GAP_MS = 250;
/** How many recent pauses the rhythm is learned from. */
const MAX_GAPS = 8;
/** The longest quiet time the rhythm can ask for. */
const MAX_QUIET_MS = 60_000;

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
  /** Recent pauses between bursts of output while working (quiet-idle agents only): the agent's rhythm. */
  private gaps: number[] = [];
  /** Idle only because output stopped (not a real idle screen). */
  private quietIdle = false;
  private suppressed: Detection | null = null;
  /** The detection of the screen as last seen. */
  private lastSeen: Detection | null = null;

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
    // A working hook that comes late (its process slow to start on a loaded machine) can arrive
    // after the turn ended, with the idle screen already drawn and nothing more to draw: that
    // screen is looked at again when the hold ends, as one drawn during the hold would be.
    this.suppressed = state === 'working' && this.lastSeen?.state === 'idle' ? this.lastSeen : null;
    // A hook's prompt lacks the options; keep the screen's richer one when it is already there.
    const keep = state === 'approval' && this.info.state === 'approval' && this.info.prompt?.options.length;
    return this.set(state, reason, now, keep ? this.info.prompt : prompt);
  }

  /** Feeds the detection of a changed screen. Returns the new state when it changed. */
  observe(d: Detection, now: number): StateInfo | null {
    if (this.info.state === 'exited') return null;
    this.lastSeen = d;
    if (this.hold && now < this.hold.until && d.state !== this.hold.state && d.state !== 'approval' && d.state !== 'unknown') {
      this.suppressed = d; // looked at again when the hold ends
      return null;
    }
    this.suppressed = null;
    // A pause inside work, or a quiet-idle that output broke again: the agent's rhythm, learned.
    const gap = now - this.lastChangeAt;
    const pausing = this.info.state === 'working' || (this.quietIdle && gap < MAX_QUIET_MS);
    if (this.opts.quietIdleMs !== undefined && d.state === 'unknown' && pausing && gap >= MIN_GAP_MS) this.gaps = [...this.gaps.slice(1 - MAX_GAPS), gap];
    this.quietIdle = false;
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
    const quiet = this.quietIdleMs();
    if (quiet !== null && s === 'working' && now - this.lastChangeAt >= quiet) {
      this.quietIdle = true;
      return this.set('idle', `quiet for ${Math.round(quiet / 1000)}s`, now);
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
      const quiet = this.quietIdleMs();
      if (quiet !== null) times.push(this.lastChangeAt + quiet);
      else times.push(this.lastProgressAt + this.opts.stallAfterMs);
    }
    return times.length ? Math.min(...times) : null;
  }

  /**
   * How long an agent whose only sign of work is output must be quiet to count as idle: the
   * configured time, or twice the longest pause its own output has had lately, whichever is
   * longer (at most MAX_QUIET_MS). An agent that prints every few seconds is not idle between.
   */
  quietIdleMs(): number | null {
    const base = this.opts.quietIdleMs;
    if (base === undefined) return null;
    return Math.min(Math.max(base, 2 * Math.max(0, ...this.gaps)), Math.max(base, MAX_QUIET_MS));
  }

  exit(reason: string, now: number): StateInfo | null {
    this.idleSince = null;
    return this.set('exited', reason, now);
  }
}

function formatMs(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${Math.round(ms / 1000)}s`;
}
