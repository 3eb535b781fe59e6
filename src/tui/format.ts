import type { AgentState } from '../model/screen.js';
import type { AgentStatus } from '../model/status.js';

/**
 * "4s", "3m", "2h05m": how long something has lasted, in the fewest characters that stay
 * useful. Seconds only where they matter (`precise`: an agent waiting on you) and only in the
 * first minute; otherwise "<1m", so a dashboard of busy or idle agents redraws once a minute.
 */
export function formatDuration(ms: number, precise = true): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return precise ? `${s}s` : '<1m';
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  return `${h}h${String(m % 60).padStart(2, '0')}m`;
}

/** Milliseconds until formatDuration(ms, precise) shows something else. */
export function untilDurationChanges(ms: number, precise = true): number {
  const d = Math.max(0, ms);
  const unit = d < 60_000 && precise ? 1000 : 60_000;
  return unit - (d % unit);
}

/**
 * Milliseconds from `now` until the dashboard's clocks next need redrawing: when the first of
 * them changes (a minute at most), rounded up to a whole second of the clock for one counting
 * seconds, to five seconds for one counting minutes. Clocks of agents whose states began at
 * different moments change in one render, not one render each: fifty agents started together
 * pass the minute together, a minute label shown at most five seconds late.
 */
export function untilClocksChange(now: number, statuses: readonly Pick<AgentStatus, 'since' | 'state'>[]): number {
  const next = (due: number, grid: number) => Math.ceil(due / grid) * grid;
  let at = next(now + 60_000, 5000);
  for (const s of statuses) {
    const precise = preciseTime(s.state);
    const grid = precise && now - s.since < 60_000 ? 1000 : 5000;
    at = Math.min(at, next(now + untilDurationChanges(now - s.since, precise), grid));
  }
  return at - now;
}

/**
 * One colour per state, each readable on dark and on light backgrounds with the usual palettes
 * (dark blue, black and white are not: `blue` on black is close to invisible). See color.test.ts.
 */
export const STATE_COLORS: Record<AgentState, string> = {
  starting: 'gray',
  working: 'green',
  approval: 'yellow',
  idle: 'blueBright',
  stalled: 'magenta',
  exited: 'gray',
};

export function stateColor(status: Pick<AgentStatus, 'state' | 'exit'>): string {
  if (status.state === 'exited' && status.exit && (status.exit.code !== 0 || status.exit.signal)) return 'red';
  return STATE_COLORS[status.state];
}

/** The state word, with the exit code for an exited agent ("exited 127"); `setup` while its worktree's setup runs. */
export function stateLabel(status: Pick<AgentStatus, 'state' | 'exit' | 'setup'>): string {
  if (status.setup && status.state !== 'exited') return 'setup';
  if (status.state === 'exited' && status.exit?.setup) return 'setup failed';
  if (status.state === 'exited' && status.exit) return status.exit.signal ? `exited sig${status.exit.signal}` : `exited ${status.exit.code}`;
  return status.state;
}

/** Fits text into `width` cells, cutting with an ellipsis. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** The states whose time counts in seconds: an agent waiting on you, or one that has gone quiet. */
export function preciseTime(state: AgentState): boolean {
  return state === 'approval' || state === 'stalled';
}
