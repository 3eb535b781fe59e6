import { Box, Text } from 'ink';
import { useEffect, useLayoutEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { flagCount } from '../git/review.js';
import type { WorktreeStats } from '../git/stats.js';
import type { SessionManager } from '../session/manager.js';
import { untilClocksChange } from './format.js';
import { RenderPace } from './render-pace.js';
import type { Approvals } from '../approvals/approvals.js';
import { ApprovalBar } from './ApprovalBar.js';
import { ApprovalsLog } from './ApprovalsLog.js';
import type { CommentsPort } from './comments-port.js';
import { approvalBarLines } from './approval-bar.js';
import { Header } from './Header.js';
import { Help } from './Help.js';
import { agentSize, computeLayout, longestName, MIN_COLS, MIN_ROWS, paneInside, type PaneRect } from './layout.js';
import { hints as keyHints, type Mode } from './keymap.js';
import { KEYMAP } from './bindings.js';
import { NewAgentForm } from './NewAgentForm.js';
import { Review } from './Review.js';
import { Pane } from './Pane.js';
import type { PanePainter, Placement } from './pane-painter.js';
import { Sidebar } from './Sidebar.js';
import { StatusLine } from './StatusLine.js';
import type { Store, UiAction, UiState } from './ui-state.js';

export interface AppProps {
  manager: SessionManager;
  /** Approval modes, counts and decisions. */
  approvals?: Approvals;
  /** The session's review comments (per agent, kept until sent). */
  comments?: CommentsPort;
  /** Diff statistics of isolated agents, read in the background. */
  stats?: WorktreeStats;
  ui: Store<UiState, UiAction>;
  /** The keymap in force (the controller decides). */
  mode: () => Mode;
  /** The status line's key hints for it (the controller leaves out what cannot be used now). */
  hints?: () => string;
  /** Draws the agents' screens into the panes; none in component tests. */
  painter?: PanePainter;
  detachKey: string;
  now?: () => number;
}

/**
 * Re-renders on every manager frame (at most 30 a second), and when a time shown in the
 * sidebar would change (each second for a waiting agent's first minute, otherwise each minute).
 */
function useFrames(manager: SessionManager, painter: PanePainter | undefined, now: () => number): void {
  const [frame, setFrame] = useState(0);
  // Every render is measured; redraws for state changes are paced by what they cost (render-pace.ts).
  const pace = useMemo(() => new RenderPace(), []);
  pace.begin(performance.now());
  useLayoutEffect(() => pace.end(performance.now()));
  useEffect(() => {
    let timer: NodeJS.Timeout | null = null;
    const redraw = () => {
      timer = null;
      setFrame((n) => n + 1);
    };
    const off = manager.onChange((f) => {
      // A screen change is the painter's alone (only the rows that changed); React redraws the
      // chrome only when a state changed: the redraw already waiting shows this change too.
      painter?.paint(f.screens);
      if (!f.statusesChanged || timer) return;
      const wait = pace.delay(performance.now());
      if (wait > 0) timer = setTimeout(redraw, wait);
      else redraw();
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [manager, painter, pace]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const t = now();
    const timer = setTimeout(() => setTick((n) => n + 1), untilClocksChange(t, manager.statuses) + 5);
    return () => clearTimeout(timer);
  }, [manager, now, frame, tick]);
}

/** Where an agent's review stands: a review queued or sent (first: it is news), and its comments kept (✎N). */
function reviewWords(comments: CommentsPort | undefined, name: string): { review: string | null; comments: string | null } {
  const s = comments?.status(name);
  return { review: s?.queued ? 'review queued' : s?.sent ? 'review sent' : null, comments: s?.pending ? `✎${s.pending}` : null };
}

/**
 * An isolated agent's branch and line counts, how many flags its review shows, and where its
 * review stands; for any agent, `⚠ <others>` when other agents changed a file it changed too.
 */
function worktreeDetail(
  manager: SessionManager,
  stats: WorktreeStats | undefined,
  comments: CommentsPort | undefined,
  name: string,
): { text: string; warn: string | null; review: string | null; comments: string | null } | null {
  const spec = manager.session(name)?.spec;
  const o = stats?.overlap(name);
  const overlap = o ? `⚠ ${o.with.join(', ')}` : null;
  if (!spec?.worktree) return overlap ? { text: '', warn: overlap, review: null, comments: null } : null;
  const c = stats?.get(name);
  const review = reviewWords(comments, name);
  if (!c) return { text: spec.worktree.branch, warn: overlap, ...review };
  const flags = flagCount(c.flags);
  const warn = [flags ? `⚑${flags}` : null, overlap].filter(Boolean).join(' ');
  return { text: `${spec.worktree.branch} +${c.added} −${c.removed}`, warn: warn || null, ...review };
}

/** Groups pane rectangles into their grid rows, top to bottom. */
function gridRows(panes: readonly PaneRect[]): PaneRect[][] {
  const rows = new Map<number, PaneRect[]>();
  for (const p of panes) rows.set(p.y, [...(rows.get(p.y) ?? []), p]);
  return [...rows.values()];
}

/** A store that never changes, for the ones a test leaves out. */
const UNCHANGING = { subscribe: () => () => {}, getVersion: () => 0 };

export function App({ manager, approvals, comments, ui, stats, mode: currentMode, hints, detachKey, painter, now = Date.now }: AppProps) {
  useFrames(manager, painter, now);
  useSyncExternalStore((approvals ?? UNCHANGING).subscribe, (approvals ?? UNCHANGING).getVersion);
  useSyncExternalStore((comments ?? UNCHANGING).subscribe, (comments ?? UNCHANGING).getVersion);
  const [, setStatsVersion] = useState(0);
  useEffect(() => stats?.onChange(() => setStatsVersion((v) => v + 1)), [stats]);
  const state = useSyncExternalStore(ui.subscribe, ui.get);
  const statuses = manager.statuses;
  const mode = currentMode();
  // Stable rectangles between renders, so memoised panes skip the clock's redraws.
  const count = manager.agents.length;
  const longest = longestName(manager);
  const t = now();
  const selected = statuses[state.selected];
  const barModes: Mode[] = ['approval', 'option-pick', 'confirm-option'];
  const base = useMemo(() => computeLayout(state.cols, state.rows, count, { longestName: longest, selected: state.selected }), [state.cols, state.rows, count, longest, state.selected]);
  const spec = selected ? manager.session(selected.name)?.spec : undefined;
  const bar =
    base.kind === 'dashboard' && barModes.includes(mode) && selected?.prompt
      ? approvalBarLines(selected.name, selected.prompt, base.grid.width - 4, state.message, { cwd: spec?.cwd, ...(spec?.scope ? { scope: spec.scope } : {}) })
      : null;
  const barRows = bar ? bar.length + 2 : 0;
  const layout = useMemo(
    () => (barRows ? computeLayout(state.cols, state.rows, count, { longestName: longest, selected: state.selected, barRows }) : base),
    [base, barRows, state.cols, state.rows, count, longest, state.selected],
  );
  // Where the painter draws the agents' screens, handed over while rendering: the frame Ink
  // writes for this render is painted with them.
  let placements: Placement[] = [];
  if (layout.kind === 'too-small') {
    painter?.setPlacements(placements);
    return (
      <Text wrap="wrap">
        terminal too small: {layout.cols}x{layout.rows}; needs {MIN_COLS}x{MIN_ROWS}
      </Text>
    );
  }
  const pane = (rect: PaneRect) => {
    const status = statuses[rect.agent]!;
    return <Pane key={status.name} index={rect.agent} status={status} rect={rect} selected={rect.agent === state.selected} />;
  };
  let main: ReactNode;
  // The help takes the sidebar's room too: every key's line fits on narrower terminals.
  const wide = mode === 'help';
  if (mode === 'help') main = <Help rect={{ ...layout.grid, x: 0, width: layout.cols }} detachKey={detachKey} page={state.helpPage} />;
  else if (mode === 'approvals-log') main = <ApprovalsLog entries={approvals?.latest() ?? []} rect={layout.grid} />;
  else if (mode === 'new-agent' && state.form) main = <NewAgentForm form={state.form} rect={layout.grid} />;
  else if (state.mode === 'review' && state.review) {
    const w = manager.session(state.review.agent)?.spec.worktree;
    const agent = state.review.agent;
    main = <Review review={state.review} rect={layout.grid} branch={w?.branch ?? ''} base={w?.base ?? ''} comments={comments?.list(agent) ?? []} queued={comments?.status(agent).queued ?? 0} />;
  } else if (state.mode === 'focus' && state.focused !== null) {
    const g = layout.grid;
    const session = manager.agents[state.focused]!;
    const sc = state.scroll;
    const size = agentSize(layout);
    placements = [{ agent: session.name, ...paneInside(g), cols: size.cols, rows: size.rows, back: sc?.back ?? 0, highlight: sc && sc.typing === null ? sc.query : null }];
    main = <Pane index={state.focused} status={statuses[state.focused]!} rect={{ ...g, agent: state.focused, inner: size }} selected {...(sc ? { note: `history, ${sc.back} lines up` } : {})} />;
  } else {
    const panesHeight = layout.grid.height - (layout.bar?.height ?? 0);
    placements = layout.panes.map((p) => ({ agent: manager.agents[p.agent]!.name, ...paneInside(p), cols: p.inner.cols, rows: p.inner.rows, back: 0 }));
    main = (
      <Box flexDirection="column" width={layout.grid.width} height={layout.grid.height}>
        {/* The approval bar has rows of its own below the panes: no pane loses its bottom rows to it. */}
        <Box flexDirection="column" height={panesHeight} overflowY="hidden">
          {gridRows(layout.panes).map((row) => (
            <Box key={row[0]!.agent} flexDirection="row" flexShrink={0}>
              {row.map((p) => pane(p))}
            </Box>
          ))}
        </Box>
        {bar && layout.bar ? <ApprovalBar lines={bar.slice(0, layout.bar.height - 2)} width={layout.grid.width} /> : null}
      </Box>
    );
  }
  painter?.setPlacements(placements);
  return (
    <Box flexDirection="column" width={layout.cols} height={layout.rows}>
      <Header statuses={statuses} width={layout.cols} />
      <Box flexDirection="row" height={layout.grid.height}>
        {wide ? null : (
          <Sidebar
            statuses={statuses}
            selected={state.selected}
            rect={layout.sidebar}
            now={t}
            detail={(name) => worktreeDetail(manager, stats, comments, name)}
            {...(approvals ? { approval: (name: string) => ({ mode: approvals.mode(name), approved: approvals.autoApproved(name) }) } : {})}
          />
        )}
        {main}
      </Box>
      <StatusLine
        mode={mode}
        width={layout.cols}
        busyCount={manager.busyCount}
        agent={selected?.name}
        hints={hints ? hints() : keyHints(KEYMAP[mode], detachKey)}
        message={state.message}
        scroll={state.scroll}
        confirm={state.confirmOption}
      />
    </Box>
  );
}
