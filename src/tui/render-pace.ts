/**
 * Renders the dashboard redraws for state changes take at most a third of the time: after a
 * render that took C ms, the next one for a state change waits until 2C ms after it ended (and
 * the changes meanwhile are shown together by that one render). With a few agents a render costs
 * a few milliseconds and nothing waits noticeably; with fifty agents starting at once (a state
 * change nearly every frame, ~50 ms a render) the dashboard was redrawn back to back for seconds
 * and keys waited behind it. Redraws for keys are not paced. Pure: the clock is handed in.
 */
export class RenderPace {
  private cost = 0;
  private lastEnd = Number.NEGATIVE_INFINITY;
  private started: number | null = null;

  /** How long a render asked for at `now` should wait (0: render now). */
  delay(now: number): number {
    return Math.max(0, this.lastEnd + 2 * this.cost - now);
  }

  /** A render began (the one asked for, or any other: each is measured). */
  begin(now: number): void {
    this.started ??= now;
  }

  /** The render began last has been drawn. */
  end(now: number): void {
    if (this.started === null) return;
    this.cost = now - this.started;
    this.lastEnd = now;
    this.started = null;
  }
}
