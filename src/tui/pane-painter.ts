/**
 * Where one agent's screen is drawn: its pane's inside, in terminal cells (0-based), and which
 * rows of it are visible (the approval bar may cover the bottom of the grid).
 */
export interface Placement {
  agent: string;
  x: number;
  y: number;
  cols: number;
  rows: number;
  /** Rows from this absolute row down are hidden. */
  clipY: number;
  /** Lines above the live screen when the pane shows history (focus + PgUp), else 0. */
  back: number;
  /** The history view's search, whose matches are marked (null: none, or not the history view). */
  highlight?: string | null;
}

/** What the painter reads an agent's screen from. */
export interface ScreenSource {
  /** What a pane of this size shows of the live screen (its bottom rows, its left columns), styled. */
  styledView(rows: number, cols: number): readonly string[];
  /** History rows from `back` lines above the live screen, with `highlight`'s matches marked. */
  styledHistory(back: number, highlight?: string | null): readonly string[];
}

const SAVE = '\x1b7';
const RESTORE = '\x1b8';
const SYNC_START = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';

/**
 * The bytes that bring a pane from `before` (rows last painted, null where unknown, or null:
 * all unknown) to `rows`:
 * for each row that differs, move there, erase the pane's width (ECH: the borders and the
 * neighbouring panes stay), write the row. Pure.
 */
export function paneUpdate(p: Placement, rows: readonly string[], before: readonly (string | null)[] | null): string {
  let out = '';
  const visible = Math.max(0, Math.min(p.rows, p.clipY - p.y));
  for (let r = 0; r < visible; r++) {
    const row = rows[r] ?? '';
    if (before && before[r] === row) continue;
    out += `\x1b[${p.y + r + 1};${p.x + 1}H\x1b[0m\x1b[${p.cols}X${row}`;
  }
  return out;
}

/**
 * Draws the agents' screens straight onto the terminal, outside React: Ink draws the chrome
 * (borders, titles, sidebar, status line) with empty pane insides, and the painter fills them.
 * A screen change costs only the rows that changed; every frame Ink writes (which redraws the
 * insides blank) carries a repaint of every pane in the same write. The cursor is saved and
 * restored around each paint, so Ink's own cursor bookkeeping is undisturbed.
 */
export class PanePainter {
  private placements: Placement[] = [];
  private readonly painted = new Map<string, readonly string[]>();
  private repaintQueued = false;
  private stopped = false;

  constructor(
    private readonly write: (data: string) => void,
    private readonly source: (agent: string) => ScreenSource | undefined,
  ) {}

  /**
   * The panes on screen now, from the component that lays them out (while it renders, so the
   * frame Ink writes next is painted with them). Anything not covered by that frame is painted
   * once the current writes are done.
   */
  setPlacements(next: Placement[]): void {
    if (JSON.stringify(next) === JSON.stringify(this.placements)) return;
    this.placements = next;
    this.painted.clear();
    if (this.repaintQueued) return;
    this.repaintQueued = true;
    queueMicrotask(() => {
      this.repaintQueued = false;
      this.paint(null);
    });
  }

  /**
   * Ink is writing a frame, which leaves the pane insides blank on the screen rows it writes
   * (`rows`, 0-based; null: all of them): the bytes that paint the panes on those rows again, to
   * go out in the same write (the terminal never shows the blank insides).
   */
  afterFrame(rows: readonly number[] | null = null): string {
    if (rows === null) this.painted.clear();
    else if (rows.length === 0) return '';
    const out = this.update(null, rows && new Set(rows));
    return out ? `${SAVE}${out}\x1b[0m${RESTORE}` : '';
  }

  /** Paints the rows that changed for these agents (null: every pane). */
  paint(agents: ReadonlySet<string> | null): void {
    const out = this.update(agents);
    if (out) this.write(`${SYNC_START}${SAVE}${out}\x1b[0m${RESTORE}${SYNC_END}`);
  }

  /**
   * The row updates for these agents' panes since their last paint, recorded as painted; the
   * panes' rows on the screen rows `blanked` are painted whatever was there.
   */
  private update(agents: ReadonlySet<string> | null, blanked: ReadonlySet<number> | null = null): string {
    if (this.stopped) return '';
    let out = '';
    for (const p of this.placements) {
      if (agents && !agents.has(p.agent)) continue;
      const src = this.source(p.agent);
      if (!src) continue;
      const history = p.back > 0 || !!p.highlight;
      const rows = history ? src.styledHistory(p.back, p.highlight ?? null) : src.styledView(p.rows, p.cols);
      const key = `${p.agent}@${p.back}${history ? `/${p.highlight ?? ''}` : ''}`;
      const painted = this.painted.get(key) ?? null;
      out += paneUpdate(p, rows, painted && blanked ? painted.map((row, r) => (blanked.has(p.y + r) ? null : row)) : painted);
      this.painted.set(key, rows);
    }
    return out;
  }

  /** Paints nothing more (the dashboard is closing: the terminal is about to be restored). */
  stop(): void {
    this.stopped = true;
  }
}
