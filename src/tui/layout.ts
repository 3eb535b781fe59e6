/** Where everything goes on the screen. Pure: the same sizes give the same layout. */

export const MIN_COLS = 60;
export const MIN_ROWS = 15;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PaneRect extends Rect {
  /** The agent terminal inside the pane (border and title row excluded). */
  inner: { cols: number; rows: number };
  /** Which agent the pane shows (its index). */
  agent: number;
}

/** Smallest useful pane inside; below it the grid gives way to the compact layout. */
export const MIN_PANE = { cols: 28, rows: 4 };

export type Layout =
  | { kind: 'too-small'; cols: number; rows: number }
  | {
      kind: 'dashboard';
      cols: number;
      /** Rows Ink draws: one less than the terminal, so Ink never clears the whole screen per frame. */
      rows: number;
      header: Rect;
      sidebar: Rect;
      grid: Rect;
      /** The panes shown: one per agent, or in the compact layout the selected agent's alone. */
      panes: PaneRect[];
      compact: boolean;
      /** The bottom of the grid kept for the approval bar (no pane under it). */
      bar: Rect | null;
      status: Rect;
    };

export interface LayoutOptions {
  longestName?: number;
  /** The agent the compact layout shows. */
  selected?: number;
  /** Rows the approval bar needs below the panes (0: none). */
  barRows?: number;
}

/**
 * Room for the longest name beside number, state ("exited 127"), time and approval mode with
 * its count: border 2, mark 1, number 2, four spaces, state 10, time 3, mode 6, count 3.
 * Between 26 columns and 30% of the terminal.
 */
export function sidebarWidth(cols: number, longestName = 8): number {
  return Math.max(26, Math.min(longestName + 31, Math.floor(cols * 0.3)));
}

/** Pane chrome: a border on each side and a title row. */
const CHROME_COLS = 2;
const CHROME_ROWS = 3;

/**
 * Where the inside of a pane whose box is `r` is drawn (0-based cells): past its left border,
 * below its top border and title line; `clipY` is the last row it may paint. The painter, the
 * PTY sizes (CHROME_COLS, CHROME_ROWS) and mouse reports all go by this.
 */
export function paneInside(r: Pick<Rect, 'x' | 'y' | 'height'>): { x: number; y: number; clipY: number } {
  return { x: r.x + 1, y: r.y + 2, clipY: r.y + r.height - 1 };
}

/**
 * Picks the grid (columns x rows) that gives panes the most usable room. A terminal cell is
 * about twice as tall as wide, so a pane's size is judged as min(width, 2.2 * height).
 */
export function chooseGrid(n: number, width: number, height: number): { columns: number; rows: number } {
  let best = { columns: 1, rows: Math.max(1, n), score: -Infinity };
  for (let columns = 1; columns <= Math.max(1, n); columns++) {
    const rows = Math.ceil(n / columns);
    const w = Math.floor(width / columns) - CHROME_COLS;
    const h = Math.floor(height / rows) - CHROME_ROWS;
    if (w < 1 || h < 1) continue;
    const score = Math.min(w, h * 2.2);
    if (score > best.score) best = { columns, rows, score };
  }
  return { columns: best.columns, rows: best.rows };
}

/** Splits `total` into `parts` integer sizes that differ by at most one. */
export function split(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total % parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

export function computeLayout(cols: number, rows: number, agentCount: number, opts: LayoutOptions | number = {}): Layout {
  const o: LayoutOptions = typeof opts === 'number' ? { longestName: opts } : opts;
  if (cols < MIN_COLS || rows < MIN_ROWS) return { kind: 'too-small', cols, rows };
  const drawRows = rows - 1;
  const header: Rect = { x: 0, y: 0, width: cols, height: 1 };
  const status: Rect = { x: 0, y: drawRows - 1, width: cols, height: 1 };
  const mainHeight = drawRows - 2;
  const sbw = sidebarWidth(cols, o.longestName);
  const sidebar: Rect = { x: 0, y: 1, width: sbw, height: mainHeight };
  const grid: Rect = { x: sbw, y: 1, width: cols - sbw, height: mainHeight };
  // The bar takes at most half the grid; the panes keep the rest, so none loses its bottom rows under it.
  const barRows = Math.min(o.barRows ?? 0, Math.floor(grid.height / 2));
  const bar: Rect | null = barRows > 0 ? { x: grid.x, y: grid.y + grid.height - barRows, width: grid.width, height: barRows } : null;
  const area: Rect = { ...grid, height: grid.height - barRows };
  const tiled = agentCount > 0 ? tile(area, agentCount) : [];
  const compact = tiled === null;
  const selected = Math.max(0, Math.min(o.selected ?? 0, agentCount - 1));
  const panes = tiled ?? [pane(area.x, area.y, area.width, area.height, selected)];
  return { kind: 'dashboard', cols, rows: drawRows, header, sidebar, grid, panes, compact, bar, status };
}

/**
 * The size of every agent's terminal: what the focused pane shows (the whole grid). It depends
 * on the terminal's size only, never on the grid's shape, the selection or the approval bar, so
 * changing those sends no resize to any agent; smaller panes show a view of this screen.
 */
export function agentSize(layout: Extract<Layout, { kind: 'dashboard' }>): { cols: number; rows: number } {
  return { cols: Math.max(1, layout.grid.width - CHROME_COLS), rows: Math.max(1, layout.grid.height - CHROME_ROWS) };
}

function pane(x: number, y: number, width: number, height: number, agent: number): PaneRect {
  return { x, y, width, height, agent, inner: { cols: Math.max(1, width - CHROME_COLS), rows: Math.max(1, height - CHROME_ROWS) } };
}

/** Panes for `n` agents tiling `area`, or null when they would be smaller than MIN_PANE. */
function tile(area: Rect, n: number): PaneRect[] | null {
  const shape = chooseGrid(n, area.width, area.height);
  const widths = split(area.width, shape.columns);
  const heights = split(area.height, shape.rows);
  const panes: PaneRect[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % shape.columns;
    const r = Math.floor(i / shape.columns);
    // The last row may hold fewer panes: let them share its full width.
    const inRow = Math.min(shape.columns, n - r * shape.columns);
    const rowWidths = inRow === shape.columns ? widths : split(area.width, inRow);
    const width = rowWidths[c]!;
    const height = heights[r]!;
    const x = area.x + rowWidths.slice(0, c).reduce((a, b) => a + b, 0);
    const y = area.y + heights.slice(0, r).reduce((a, b) => a + b, 0);
    panes.push(pane(x, y, width, height, i));
  }
  if (panes.some((p) => p.inner.cols < MIN_PANE.cols || p.inner.rows < MIN_PANE.rows)) return n > 1 ? null : panes;
  return panes;
}

/** The longest agent name, for the sidebar's width. */
export function longestName(agents: { agents: readonly { name: string }[] }): number {
  return Math.max(0, ...agents.agents.map((a) => a.name.length));
}
