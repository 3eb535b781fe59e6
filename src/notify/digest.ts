import type { AgentState } from '../model/screen.js';
import type { AgentStatus } from '../model/status.js';
import type { Notification } from './types.js';

/** What the last digest saw: each agent's state and since when, and when it was made. */
export interface DigestMark {
  at: number;
  agents: ReadonlyMap<string, { state: AgentState; since: number }>;
}

/** The mark a digest made at `now` leaves for the next one. */
export function digestMark(statuses: readonly AgentStatus[], now: number): DigestMark {
  return { at: now, agents: new Map(statuses.map((s) => [s.name, { state: s.state, since: s.since }])) };
}

/** "<1m", "14m", "2h05m": long enough to tell at a glance. */
function lasted(ms: number): string {
  const m = Math.floor(Math.max(0, ms) / 60_000);
  if (m < 1) return '<1m';
  if (m < 60) return `${m}m`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

const BUSY: readonly AgentState[] = ['working', 'stalled', 'approval'];

/**
 * The check-in digest (config `notify.digest`): every agent in one notification, as of `now` —
 * who needs you and for how long, who finished since the last digest (`last`), who is still
 * working and for how long, who stalled, who exited. Null when no agent's state changed since
 * the last digest (nothing to check in about), or when nothing in it would be worth saying.
 * Pure: the clock is handed in.
 */
export function digest(statuses: readonly AgentStatus[], last: DigestMark, now: number): Notification | null {
  const changed =
    statuses.length !== last.agents.size ||
    statuses.some((s) => {
      const before = last.agents.get(s.name);
      return !before || before.state !== s.state || before.since !== s.since;
    });
  if (!changed) return null;
  const named = (state: AgentState) => statuses.filter((s) => s.state === state);
  const timed = (list: readonly AgentStatus[]) => list.map((s) => `${s.name} ${lasted(now - s.since)}`).join(', ');
  const finished = named('idle').filter((s) => {
    const before = last.agents.get(s.name);
    // Idle after work: it was busy at the last digest, or went back to work and finished since.
    return before && (BUSY.includes(before.state) || (before.state === 'idle' && before.since !== s.since));
  });
  const exited = named('exited').filter((s) => {
    const before = last.agents.get(s.name);
    return before && before.state !== 'exited';
  });
  const exitedAs = (s: AgentStatus) => (s.exit?.signal ? `${s.name} (signal ${s.exit.signal})` : `${s.name} (code ${s.exit?.code ?? '?'})`);
  const parts: Array<[string, string, number]> = [
    ['need you', timed(named('approval')), named('approval').length],
    ['finished', finished.map((s) => s.name).join(', '), finished.length],
    ['working', timed(named('working')), named('working').length],
    ['stalled', timed(named('stalled')), named('stalled').length],
    ['exited', exited.map(exitedAs).join(', '), exited.length],
  ];
  const said = parts.filter(([, , n]) => n > 0);
  if (!said.length) return null;
  const urgent: AgentState = named('approval').length ? 'approval' : named('stalled').length ? 'stalled' : named('working').length ? 'working' : 'idle';
  return {
    event: 'digest',
    agent: statuses.map((s) => s.name).join(','),
    state: urgent,
    prev: urgent,
    title: `agentmux: ${said.map(([what, , n]) => `${n} ${what}`).join(', ')}`,
    body: said.map(([what, list]) => `${what}: ${list}`).join(' · '),
  };
}
