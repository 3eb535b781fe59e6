import type { AgentStatus } from '../model/status.js';

/** The queue's tiers, most urgent first: `alert` is an agent's own bell or notification not yet looked at. */
const TIERS = ['approval', 'stalled', 'alert', 'idle'] as const;

/**
 * The agent that needs you most: the one waiting longest in `approval`, then in `stalled`,
 * then the one whose own alert (a bell, a notification) came longest ago, then the one that
 * became `idle` longest ago without you looking since. Null when none does.
 */
export function nextAttention(statuses: readonly AgentStatus[], lastLooked: ReadonlyMap<string, number>, current: number): number | null {
  const since = (s: AgentStatus, tier: (typeof TIERS)[number]) => (tier === 'alert' ? s.alert!.at : s.since);
  const inTier = (s: AgentStatus, tier: (typeof TIERS)[number]) => {
    if (tier === 'alert') return s.alert !== undefined;
    return s.state === tier && (tier !== 'idle' || (lastLooked.get(s.name) ?? -Infinity) < s.since);
  };
  const waiting = (tier: (typeof TIERS)[number]) =>
    statuses
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => inTier(s, tier))
      .sort((a, b) => since(a.s, tier) - since(b.s, tier) || a.i - b.i);
  for (const state of TIERS) {
    const list = waiting(state);
    if (!list.length) continue;
    // Pressing tab again moves on to the next one waiting in the same state.
    const at = list.findIndex(({ i }) => i === current);
    return list[(at + 1) % list.length]!.i;
  }
  return null;
}
