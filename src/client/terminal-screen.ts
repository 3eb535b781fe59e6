import { writeSync } from 'node:fs';
import { OUTER_FOCUS_RESET } from '../tui/outer-modes.js';

/** The terminal's title saved on its title stack (XTWINOPS 22), the alternate screen, a hidden cursor. */
const ENTER = '\x1b[22;0t\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l';
/**
 * Any sequence a frame cut short left open cancelled (CAN) and a synchronized update ended;
 * cursor shown, every input mode a focused agent may have turned on off, main screen back, and
 * the title it had before (XTWINOPS 23; a terminal without a title stack keeps agentmux's).
 */
const LEAVE = `\x18\x1b[?2026l\x1b[?25h${OUTER_FOCUS_RESET}\x1b[?1049l\x1b[23;0t`;

/**
 * The outer terminal's modes: the alternate screen, a hidden cursor and raw input while the
 * dashboard runs; restored exactly once, synchronously, so it also works from an exit handler.
 */
export class TerminalScreen {
  private active = false;

  constructor(
    private readonly stdin: NodeJS.ReadStream,
    private readonly stdout: NodeJS.WriteStream,
  ) {}

  enter(): void {
    if (this.active) return;
    this.active = true;
    if (this.stdin.isTTY) this.stdin.setRawMode(true);
    this.stdin.setEncoding('utf8');
    this.stdin.resume();
    this.write(ENTER);
  }

  /** Restores the terminal; false when it is gone (closed, hung up): nothing to restore on it. */
  leave(): boolean {
    if (!this.active) return true;
    this.active = false;
    let alive = this.write(LEAVE);
    try {
      if (this.stdin.isTTY) this.stdin.setRawMode(false);
    } catch {
      alive = false;
    }
    this.stdin.pause();
    return alive;
  }

  private write(data: string): boolean {
    try {
      writeSync((this.stdout as unknown as { fd: number }).fd ?? 1, data);
      return true;
    } catch (err) {
      // EAGAIN: a terminal that is not reading now (stopped) is still there.
      return (err as NodeJS.ErrnoException).code === 'EAGAIN';
    }
  }
}
