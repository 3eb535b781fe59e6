/**
 * A terminal's screen rows as last read (plain text, wrap flag, styled text), kept until the
 * parser reports them changed. Without such reports (`enabled` false) nothing is kept.
 * Everything is dropped when the screen itself changes under the rows: another buffer, lines
 * scrolled into the history, a new size (`frame`).
 */
export class RowCache {
  private plain: (string | undefined)[] = [];
  private wrap: boolean[] = [];
  private styled: (string | undefined)[] = [];
  /** The cursor column each styled row was drawn with (-1: none). */
  private cursorOf: number[] = [];
  private styledCols = -1;
  private frame = '';

  constructor(private readonly enabled: boolean) {}

  /** The parser changed rows start..end. */
  changed(start: number, end: number): void {
    const last = Math.min(end, Math.max(this.plain.length, this.styled.length) - 1);
    for (let y = Math.max(0, start); y <= last; y++) {
      this.plain[y] = undefined;
      this.styled[y] = undefined;
    }
  }

  clear(): void {
    this.plain = [];
    this.wrap = [];
    this.styled = [];
    this.cursorOf = [];
  }

  /** Keeps the rows only while the screen they were read from is the same one. */
  private check(frame: string): void {
    if (frame === this.frame) return;
    this.frame = frame;
    this.clear();
  }

  /** Row y's text and wrap flag, read with `read` unless kept. */
  plainRow(frame: string, y: number, read: () => { text: string; wrapped: boolean }): { text: string; wrapped: boolean } {
    if (!this.enabled) return read();
    this.check(frame);
    const kept = this.plain[y];
    if (kept !== undefined) return { text: kept, wrapped: this.wrap[y]! };
    const row = read();
    this.plain[y] = row.text;
    this.wrap[y] = row.wrapped;
    return row;
  }

  /** Row y styled `cols` wide with the cursor at `cursorX` (-1: none), made with `make` unless kept. */
  styledRow(frame: string, y: number, cols: number, cursorX: number, make: () => string): string {
    if (!this.enabled) return make();
    this.check(frame);
    if (cols !== this.styledCols) {
      this.styled = [];
      this.styledCols = cols;
    }
    const kept = this.styled[y];
    if (kept !== undefined && this.cursorOf[y] === cursorX) return kept;
    const row = make();
    this.styled[y] = row;
    this.cursorOf[y] = cursorX;
    return row;
  }
}
