import type { AgentStatus, StateChange } from '../model/status.js';

/**
 * What happened while nobody was attached, said in one line on the next attach: "while detached:
 * 3 approvals by rule, api finished 12m ago, web waiting 4m". Pure: fed the state changes and
 * decisions as they come, asked with the statuses and the time of the attach.
 */
export class AwayLog {
  private since: number | null = null;
  private ruleApprovals = 0;
  private denials = 0;
  /** Agents that finished (idle) or exited while away, and when (the latest). */
  private readonly finished = new Map<string, { ts: number; exited: boolean }>();

  /** Nobody is attached from `now` on. */
  start(now: number): void {
    if (this.since !== null) return;
    this.since = now;
    this.ruleApprovals = this.denials = 0;
    this.finished.clear();
  }

  get away(): boolean {
    return this.since !== null;
  }

  change(c: StateChange): void {
    if (this.since === null) return;
    if (c.state === 'idle' || c.state === 'exited') this.finished.set(c.agent, { ts: c.ts, exited: c.state === 'exited' });
    else if (c.state === 'working') this.finished.delete(c.agent);
  }

  /** A decision agentmux took by rule while away. */
  decision(decision: string, byRule: boolean): void {
    if (this.since === null || !byRule) return;
    if (decision === 'approved') this.ruleApprovals++;
    if (decision === 'denied') this.denials++;
  }

  /** The summary for an attach at `now` (null when nothing was away or nothing happened); ends the away spell. */
  end(statuses: readonly AgentStatus[], now: number): string | null {
    if (this.since === null) return null;
    const parts: string[] = [];
    if (this.ruleApprovals) parts.push(`${this.ruleApprovals} ${this.ruleApprovals === 1 ? 'approval' : 'approvals'} by rule`);
    if (this.denials) parts.push(`${this.denials} denied by rule`);
    for (const [agent, f] of this.finished) parts.push(`${agent} ${f.exited ? 'exited' : 'finished'} ${ago(now - f.ts)} ago`);
    for (const s of statuses) if (s.state === 'approval') parts.push(`${s.name} waiting ${ago(now - s.since)}`);
    for (const s of statuses) if (s.state === 'stalled') parts.push(`${s.name} stalled ${ago(now - s.since)}`);
    this.since = null;
    return parts.length ? `while detached: ${parts.join(', ')}` : null;
  }
}

/** A rough duration: 40s, 12m, 3h. */
export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h`;
}
