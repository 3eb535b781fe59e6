import { Box, Text } from 'ink';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { SessionManager } from '../session/manager.js';
import { untilDurationChanges } from './format.js';
import { Header } from './Header.js';
import { Help } from './Help.js';
import { computeLayout, longestName, MIN_COLS, MIN_ROWS, type PaneRect } from './layout.js';
import { Pane } from './Pane.js';
import { Sidebar } from './Sidebar.js';
import { StatusLine } from './StatusLine.js';
import type { Store, UiAction, UiState } from './ui-state.js';

export interface AppProps {
  manager: SessionManager;
  ui: Store<UiState, UiAction>;
  now?: () => number;
}

/**
 * Re-renders on every manager frame (at most 30 a second), and when a time shown in the
 * sidebar would change (each second in a state's first minute, then each minute).
 */
function useFrames(manager: SessionManager, now: () => number): void {
  const [frame, setFrame] = useState(0);
  useEffect(() => manager.onChange(() => setFrame((f) => f + 1)), [manager]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const t = now();
    const wait = Math.min(...manager.statuses.map((s) => untilDurationChanges(t - s.since)), 60_000);
    const timer = setTimeout(() => setTick((n) => n + 1), wait + 5);
    return () => clearTimeout(timer);
  }, [manager, now, frame, tick]);
}

/** Groups pane rectangles into their grid rows, top to bottom. */
function gridRows(panes: readonly PaneRect[]): number[][] {
  const rows = new Map<number, number[]>();
  panes.forEach((p, i) => rows.set(p.y, [...(rows.get(p.y) ?? []), i]));
  return [...rows.values()];
}

export function App({ manager, ui, now = Date.now }: AppProps) {
  useFrames(manager, now);
  const state = useSyncExternalStore(ui.subscribe, ui.get);
  const statuses = manager.statuses;
  // Stable rectangles between renders, so memoised panes skip the clock's once-a-second render.
  const layout = useMemo(() => computeLayout(state.cols, state.rows, manager.agents.length, longestName(manager)), [state.cols, state.rows, manager]);
  if (layout.kind === 'too-small') {
    return (
      <Text wrap="truncate">
        terminal too small: {layout.cols}x{layout.rows}, agentmux needs at least {MIN_COLS}x{MIN_ROWS}
      </Text>
    );
  }
  const t = now();
  return (
    <Box flexDirection="column" width={layout.cols} height={layout.rows}>
      <Header statuses={statuses} width={layout.cols} />
      <Box flexDirection="row" height={layout.grid.height}>
        <Sidebar statuses={statuses} selected={state.selected} rect={layout.sidebar} now={t} />
        {state.mode === 'help' ? (
          <Help rect={layout.grid} />
        ) : (
          <Box flexDirection="column" width={layout.grid.width} height={layout.grid.height}>
            {gridRows(layout.panes).map((row) => (
              <Box key={row[0]} flexDirection="row">
                {row.map((i) => {
                  const session = manager.agents[i]!;
                  return (
                    <Pane
                      key={session.name}
                      index={i}
                      status={statuses[i]!}
                      rect={layout.panes[i]!}
                      rows={session.terminal.styledRows()}
                      selected={i === state.selected}
                    />
                  );
                })}
              </Box>
            ))}
          </Box>
        )}
      </Box>
      <StatusLine mode={state.mode} width={layout.cols} busyCount={manager.busyCount} />
    </Box>
  );
}
