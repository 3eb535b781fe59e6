import { describe, expect, it } from 'vitest';
import { agentSize, chooseGrid, computeLayout, MIN_PANE, split } from '../../src/tui/layout.js';

describe('layout', () => {
  it('splits evenly', () => {
    expect(split(10, 3)).toEqual([4, 3, 3]);
  });

  it('says too small below 60x15', () => {
    expect(computeLayout(59, 40, 4).kind).toBe('too-small');
    expect(computeLayout(120, 14, 4).kind).toBe('too-small');
    expect(computeLayout(60, 15, 4).kind).toBe('dashboard');
  });

  it('picks a 2x2 grid for four agents on a wide terminal and one column for a tall one', () => {
    expect(chooseGrid(4, 130, 44)).toEqual({ columns: 2, rows: 2 });
    expect(chooseGrid(2, 80, 80)).toEqual({ columns: 1, rows: 2 });
    expect(chooseGrid(3, 240, 30)).toEqual({ columns: 3, rows: 1 });
  });

  it('at 80x24 with six agents: the compact layout (the list and the selected agent’s pane), not six tiny panes', () => {
    const l = computeLayout(80, 24, 6, { selected: 4 });
    if (l.kind !== 'dashboard') throw new Error('expected a dashboard');
    expect(l.compact).toBe(true);
    expect(l.panes).toEqual([expect.objectContaining({ agent: 4, x: l.grid.x, y: l.grid.y, width: l.grid.width, height: l.grid.height })]);
    const wide = computeLayout(160, 48, 4);
    if (wide.kind !== 'dashboard') throw new Error('expected a dashboard');
    expect(wide.compact).toBe(false);
    for (const p of wide.panes) expect(p.inner.cols).toBeGreaterThanOrEqual(MIN_PANE.cols);
  });

  it('gives every agent one size, whatever the grid, the selection or the approval bar', () => {
    const sizes = [computeLayout(160, 48, 6), computeLayout(160, 48, 6, { selected: 3 }), computeLayout(160, 48, 6, { barRows: 9 }), computeLayout(160, 48, 1)].map((l) =>
      l.kind === 'dashboard' ? agentSize(l) : null,
    );
    expect(new Set(sizes.map((s) => JSON.stringify(s))).size).toBe(1);
  });

  it('keeps the approval bar’s rows free of panes: no pane loses its bottom rows under it', () => {
    const l = computeLayout(160, 48, 4, { barRows: 8 });
    if (l.kind !== 'dashboard' || !l.bar) throw new Error('expected a dashboard with a bar');
    expect(l.bar.height).toBe(8);
    for (const p of l.panes) expect(p.y + p.height).toBeLessThanOrEqual(l.bar.y);
  });

  for (const [cols, rows, n] of [
    [80, 24, 1],
    [80, 24, 4],
    [160, 48, 4],
    [300, 100, 9],
    [61, 15, 7],
  ] as const) {
    it(`fits ${n} panes in ${cols}x${rows} without overlap or overflow`, () => {
      const l = computeLayout(cols, rows, n);
      if (l.kind !== 'dashboard') throw new Error('expected a dashboard');
      expect(l.rows).toBe(rows - 1);
      expect(l.panes).toHaveLength(l.compact ? 1 : n);
      for (const p of l.panes) {
        expect(p.x).toBeGreaterThanOrEqual(l.grid.x);
        expect(p.x + p.width).toBeLessThanOrEqual(cols);
        expect(p.y + p.height).toBeLessThanOrEqual(l.grid.y + l.grid.height);
        expect(p.inner.cols).toBe(p.width - 2);
        expect(p.inner.rows).toBe(p.height - 3);
        expect(p.inner.rows).toBeGreaterThan(0);
      }
      // Cells covered exactly once: total pane area equals the grid area when the grid is full.
      const covered = new Set<string>();
      for (const p of l.panes)
        for (let x = p.x; x < p.x + p.width; x++)
          for (let y = p.y; y < p.y + p.height; y++) {
            const k = `${x},${y}`;
            expect(covered.has(k)).toBe(false);
            covered.add(k);
          }
    });
  }
});
