/**
 * The dashboard's frames on their way to the outer terminal, which must never hold up the
 * agents. Node writes to a terminal synchronously: a terminal that stops reading (stopped with
 * ctrl+s, a frozen tmux pane, a stalled ssh connection) would block agentmux in `write`, and
 * with it every agent and transcript. The terminal is written to without blocking instead;
 * while what was written has not gone out, further frames are dropped (never agents' bytes),
 * and once it has, the whole screen is drawn again.
 */

/** Frames are dropped while more than this waits to go out to the terminal. */
export const FRAME_BACKLOG_LIMIT = 64 * 1024;

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

  /** Makes a terminal's writes non-blocking (Node makes them blocking); a no-op for anything else. */
  static nonBlocking(stream: NodeJS.WriteStream): void {
    const handle = (stream as unknown as { _handle?: { setBlocking?: (on: boolean) => number } })._handle;
    if (stream.isTTY) handle?.setBlocking?.(false);
  }

  /** A frame (or part of one): written, or dropped while the terminal is behind. */
  frame(data: string): void {
    if (!data) return;
    if (this.out.writableLength > FRAME_BACKLOG_LIMIT) {
      this.dropped = true;
      return;
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
