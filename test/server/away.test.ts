import { describe, expect, it } from 'vitest';
import type { AgentStatus, StateChange } from '../../src/model/status.js';
import { AwayLog } from '../../src/server/away.js';

const MIN = 60_000;
const change = (agent: string, state: StateChange['state'], ts: number): StateChange => ({ ts, agent, state, prev: 'working', reason: 'test' });
const status = (name: string, state: AgentStatus['state'], since: number): AgentStatus => ({ name, state, since, reason: 'test', exit: null });

describe('what happened while nobody was attached', () => {
  it('says the approvals by rule, who finished and when, and who waits', () => {
    const away = new AwayLog();
    away.start(0);
    away.decision('approved', true);
    away.decision('approved', true);
    away.decision('approved', true);
    away.decision('approved', false); // the user's own, not news
    away.change(change('api', 'idle', 3 * MIN));
    const now = 15 * MIN;
    expect(away.end([status('api', 'idle', 3 * MIN), status('web', 'approval', 11 * MIN)], now)).toBe('while detached: 3 approvals by rule, api finished 12m ago, web waiting 4m');
  });

  it('says nothing when nothing happened, and forgets what it said', () => {
    const away = new AwayLog();
    away.start(0);
    expect(away.end([status('api', 'working', 0)], MIN)).toBeNull();
    away.decision('approved', true);
    // Not away: nothing is counted.
    away.start(MIN);
    away.change(change('api', 'idle', 2 * MIN));
    away.change(change('api', 'working', 3 * MIN));
    expect(away.end([status('api', 'working', 3 * MIN)], 4 * MIN)).toBeNull();
    expect(away.end([], 5 * MIN)).toBeNull();
  });
});
