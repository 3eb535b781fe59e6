import { render } from 'ink-testing-library';
import { stripVTControlCharacters as plain } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../src/model/status.js';
import { formatDuration, untilClocksChange, untilDurationChanges } from '../../src/tui/format.js';
import { Header } from '../../src/tui/Header.js';
import { Help } from '../../src/tui/Help.js';
import { KEYMAP } from '../../src/tui/bindings.js';
import { helpHeight, helpPages } from '../../src/tui/help-pages.js';
import { hints } from '../../src/tui/keymap.js';
import { Pane } from '../../src/tui/Pane.js';
import { Sidebar } from '../../src/tui/Sidebar.js';
import { StatusLine } from '../../src/tui/StatusLine.js';

const status = (name: string, state: AgentStatus['state'], since: number, exit: AgentStatus['exit'] = null): AgentStatus => ({ name, state, since, reason: 'test', exit });

describe('durations', () => {
  it('show seconds in the first minute, then minutes, and say when they next change', () => {
    expect([formatDuration(0), formatDuration(59_999), formatDuration(60_000), formatDuration(3_599_999), formatDuration(3_660_000)]).toEqual(['0s', '59s', '1m', '59m', '1h01m']);
    expect(untilDurationChanges(1_200)).toBe(800);
    expect(untilDurationChanges(61_000)).toBe(59_000);
    expect([formatDuration(5_000, false), formatDuration(65_000, false)]).toEqual(['<1m', '1m']);
    expect(untilDurationChanges(5_000, false)).toBe(55_000);
  });

  it('the clocks of agents that started within the same second change in one redraw', () => {
    const now = 1_000_000_250;
    // Fifty idle agents whose clocks pass the minute across three seconds: one redraw, after all.
    const idle = Array.from({ length: 50 }, (_, i) => ({ state: 'idle' as const, since: now - 59_200 + i * 60 }));
    const wait = untilClocksChange(now, idle);
    expect((now + wait) % 5000).toBe(0);
    expect(wait).toBeLessThanOrEqual(5000);
    for (const s of idle) expect(formatDuration(now + wait - s.since, false)).toBe('1m');
    // A waiting agent counts seconds: shown at the whole second after its clock changes.
    expect(untilClocksChange(now, [{ state: 'approval', since: now - 4_100 }])).toBe(1_750);
    // Nothing to count: a minute, to five seconds.
    expect(untilClocksChange(now, [])).toBe(64_750);
  });
});

describe('components', () => {
  it('Sidebar lists number, name, state and time in state', () => {
    const { lastFrame } = render(
      <Sidebar
        statuses={[status('build', 'working', 0), status('edit', 'approval', 55_000), status('gone', 'exited', 0, { code: 127 })]}
        selected={1}
        rect={{ x: 0, y: 0, width: 32, height: 8 }}
        now={65_000}
      />,
    );
    const frame = plain(lastFrame()!);
    expect(frame).toContain('│  1 build       working     1m│');
    expect(frame).toContain('│› 2 edit        approval   10s│');
    expect(frame).toContain('│  3 gone        exited 127  1m│');
  });

  it("Sidebar marks an agent's own alert after its state, in line with the others", () => {
    const { lastFrame } = render(
      <Sidebar statuses={[status('build', 'working', 0), { ...status('edit', 'idle', 0), alert: { at: 0, text: 'done' } }]} selected={0} rect={{ x: 0, y: 0, width: 32, height: 6 }} now={65_000} />,
    );
    const frame = plain(lastFrame()!);
    // The times stay in one column.
    expect(frame).toContain('working 1m│');
    expect(frame).toContain('│  2 edit            idle !  1m│');
  });

  it('Sidebar keeps whole names and states when narrow, dropping mode then time (issue 12.7)', () => {
    const names = ['frontend', 'backend', 'migrations', 'autofix'];
    const { lastFrame } = render(
      <Sidebar
        statuses={names.map((n, i) => status(n, i === 3 ? 'approval' : 'idle', 0))}
        selected={0}
        rect={{ x: 0, y: 0, width: 26, height: 8 }}
        now={5_000}
        approval={() => ({ mode: 'rules', approved: 0 })}
      />,
    );
    const frame = plain(lastFrame()!);
    for (const n of names) expect(frame).toContain(` ${n} `);
    expect(frame).toContain('│  4 autofix     approval│');
    expect(frame).not.toContain('…');
  });

  it('Sidebar with more agents than rows: the selected one stays in view and "+N more" counts the rest (issue 14.15)', () => {
    const many = Array.from({ length: 10 }, (_, i) => status(`a${i + 1}`, 'idle', 0));
    const frame = (selected: number) => plain(render(<Sidebar statuses={many} selected={selected} rect={{ x: 0, y: 0, width: 30, height: 7 }} now={0} />).lastFrame()!);
    // Five rows inside: four agents and "+6 more", none lost under the border.
    expect(frame(0)).toMatch(/1 a1 [\s\S]*4 a4 [\s\S]*\+6 more/);
    expect(frame(0)).not.toContain(' 5 a5 ');
    expect(frame(8)).toContain('› 9 a9 ');
  });

  it('Pane draws its border and title, and leaves its inside to the painter', () => {
    const { lastFrame } = render(<Pane index={0} status={status('build', 'idle', 0)} rect={{ x: 0, y: 0, width: 30, height: 6, inner: { cols: 28, rows: 3 } }} selected={false} />);
    const lines = plain(lastFrame()!).split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/│1 build · idle\s+│/);
    expect(lines.slice(2, 5)).toEqual(Array(3).fill(`│${' '.repeat(28)}│`));
  });

  it('Header counts agents per state', () => {
    const { lastFrame } = render(<Header statuses={[status('a', 'approval', 0), status('b', 'approval', 0), status('c', 'working', 0)]} width={100} />);
    expect(lastFrame()).toBe('agentmux · 3 agents · 2 need you · 1 working');
    // One agent is "1 agent" (issue 12, item 9: plurals).
    expect(render(<Header statuses={[status('a', 'idle', 0)]} width={100} />).lastFrame()).toBe('agentmux · 1 agent · 1 idle');
  });

  it('StatusLine asks before quitting with running agents', () => {
    const { lastFrame } = render(<StatusLine mode="confirm-quit" width={120} busyCount={3} hints={hints(KEYMAP['confirm-quit'])} />);
    expect(lastFrame()).toBe('3 agents are still running. Quit and end them? y yes · d detach · n no');
  });

  it('Help shows every binding of every screen, a page at a time', () => {
    const rect = { x: 0, y: 0, width: 200, height: 45 };
    const count = helpPages(rect.width - 4, helpHeight(rect), 'ctrl+]').length;
    expect(count).toBeGreaterThan(1);
    const frames = Array.from({ length: count }, (_, page) => render(<Help rect={rect} detachKey="ctrl+]" page={page} />).lastFrame()!);
    expect(frames[0]).toContain(`page 1 of ${count}`);
    for (const frame of frames) expect(frame.split('\n').length).toBeLessThanOrEqual(rect.height);
    for (const bindings of Object.values(KEYMAP))
      for (const b of bindings)
        expect(
          frames.some((f) => f.includes(b.help)),
          b.help,
        ).toBe(true);
    // A page past the last shows the last.
    expect(render(<Help rect={rect} detachKey="ctrl+]" page={99} />).lastFrame()).toBe(frames[count - 1]);
  });
});
