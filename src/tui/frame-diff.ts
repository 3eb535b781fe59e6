/**
 * Ink writes every frame whole: it erases the lines of the last frame and writes all of the new
 * one. For a full-screen dashboard that is the whole screen again for a change of one word in the
 * sidebar, and then every pane painted again over the blanks (~30-50 KB on a 200x60 terminal, for
 * the client, the terminal and an ssh link to carry). FrameDiff turns such a write into the lines
 * that changed, each written in its place, and says which rows those are (the panes are painted
 * again on those rows only).
 *
 * It passes a write through unchanged (and forgets the screen it knew) when it is anything but
 * such a frame: the first, one of another height, one taller than the terminal, one with any
 * control sequence but colours and links, or after reset().
 */

/** What Ink writes before a frame: erase the last frame's lines, bottom to top, then column 1. */
const ERASE = /^(?:\x1b\[2K\x1b\[1A)*\x1b\[2K\x1b\[G/;
const MODES_ONLY = /^(?:\x1b\[\?[0-9;]*[hl])+$/;
/** What a frame's lines may hold besides text: SGR colours and OSC 8 links. */
const STYLES = /\x1b\[[0-9;:]*m|\x1b\]8;[^\x07\x1b]*(?:\x07|\x1b\\)/g;
/** Any other control (a cursor movement, a clear, a tab): then it is not a plain frame. */
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f]/;

export interface FrameUpdate {
  /** The bytes to write in place of Ink's. */
  bytes: string;
  /**
   * The screen rows (0-based) those bytes rewrote ([]: none, the screen is as it was); null:
   * every row (the write went through whole).
   */
  rows: number[] | null;
}

export class FrameDiff {
  /** The lines of the last frame, row by row from the top; null when the screen is not known. */
  private lines: string[] | null = null;

  /** Ink's write of a frame, for a terminal `height` rows tall, as the bytes that change what the last left. */
  next(write: string, height: number): FrameUpdate {
    // Modes only (the cursor hidden or shown): nothing on the screen changes.
    if (MODES_ONLY.test(write)) return { bytes: write, rows: [] };
    const erased = ERASE.exec(write);
    const body = erased ? write.slice(erased[0].length) : write;
    // The first frame comes without an erase (nothing was on screen); any other without one is
    // not a frame.
    const plain = (erased || this.lines === null) && !CONTROL.test(body.replace(STYLES, ''));
    const lines = plain ? body.split('\n') : null;
    if (!lines || lines.length > height) {
      this.lines = null;
      return { bytes: write, rows: null };
    }
    const before = this.lines;
    this.lines = lines;
    if (!before || before.length !== lines.length) return { bytes: write, rows: null };
    let bytes = '';
    const rows: number[] = [];
    for (let r = 0; r < lines.length; r++) {
      if (lines[r] === before[r]) continue;
      rows.push(r);
      // Ink's lines end with their styles reset and trailing blanks cut: erase what is left of the row.
      bytes += `\x1b[${r + 1};1H${lines[r]}\x1b[K`;
    }
    // Where Ink's own write would have left the cursor: on the frame's last line (the next
    // frame's erase counts up from there).
    if (bytes) bytes += `\x1b[${lines.length};1H`;
    return { bytes, rows };
  }

  /** The screen is no longer what the last frame left (a resize): the next frame goes through whole. */
  reset(): void {
    this.lines = null;
  }
}
