/**
 * A client's dashboard frames on their way down its socket to its terminal, which must never
 * hold up the agents. A terminal that stops reading (stopped with ctrl+s, a frozen tmux pane, a
 * stalled ssh connection) makes its client stop reading the socket; the server then drops that
 * client's frames (never agents' bytes) while too much waits, and once little does, draws the
 * whole screen again.
 */

/** Frames are dropped while more than this waits to go out to the terminal. */
export const FRAME_BACKLOG_LIMIT = 64 * 1024;

/**
 * After frames were dropped, the whole screen is drawn again once no more than this waits: at the
 * next frame, not only at 'drain'. A terminal that keeps up only just (a loaded machine, a slow
 * ssh link) may never let the backlog reach zero, and 'drain' waits for zero.
 */
export const REDRAW_BACKLOG = 16 * 1024;

interface OuterStream {
  write(data: string): boolean;
  readonly writableLength: number;
  on(event: 'drain', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
}

export class OuterOutput {
  private dropped = false;

  /** `redraw`: draw the whole screen again (the frames in between were dropped). */
  constructor(
    private readonly out: OuterStream,
    private readonly redraw: () => void,
  ) {
    out.on('drain', this.onDrain);
  }

  /** A frame (or part of one): written, or dropped while the terminal is behind. */
  frame(data: string): void {
    if (!data) return;
    const backlog = this.out.writableLength;
    // Once dropping, frames stay dropped until the backlog is low again: a part of a frame drawn
    // over a screen missing the parts before it would show a mix of both.
    if (backlog > FRAME_BACKLOG_LIMIT || (this.dropped && backlog > REDRAW_BACKLOG)) {
      this.dropped = true;
      return;
    }
    if (this.dropped) {
      // The whole screen stands for this part of a frame, and for every part dropped before it.
      this.dropped = false;
      return this.redraw();
    }
    this.out.write(data);
  }

  /** Bytes that must reach the terminal (a mode change, an alert): queued, never dropped. */
  always(data: string): void {
    if (data) this.out.write(data);
  }

  /** Resolves once everything written has gone out, or after `ms` (a terminal that never reads). */
  flushed(ms: number): Promise<void> {
    if (this.out.writableLength === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.out.off('drain', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.out.on('drain', done);
    });
  }

  dispose(): void {
    this.out.off('drain', this.onDrain);
  }

  private readonly onDrain = (): void => {
    if (!this.dropped) return;
    this.dropped = false;
    this.redraw();
  };
}
