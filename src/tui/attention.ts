import type { AgentStatus } from '../model/status.js';

/**
 * The agent that needs you most: the one waiting longest in `approval`, then in `stalled`,
 * then the one that became `idle` longest ago without you looking since. Null when none does.
 */
export function nextAttention(statuses: readonly AgentStatus[], lastLooked: ReadonlyMap<string, number>, current: number): number | null {
  const waiting = (state: AgentStatus['state']) =>
    statuses
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.state === state && (state !== 'idle' || (lastLooked.get(s.name) ?? -Infinity) < s.since))
      .sort((a, b) => a.s.since - b.s.since || a.i - b.i);
  for (const state of ['approval', 'stalled', 'idle'] as const) {
    const list = waiting(state);
    if (!list.length) continue;
    // Pressing tab again moves on to the next one waiting in the same state.
    const at = list.findIndex(({ i }) => i === current);
    return list[(at + 1) % list.length]!.i;
  }
  return null;
}
