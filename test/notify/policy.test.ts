import { describe, expect, it } from 'vitest';
import { ALERT_HOLD_MS, NotifyPolicy } from '../../src/notify/policy.js';
import { DEFAULT_NOTIFY } from '../../src/config/notify-settings.js';
import type { StateChange } from '../../src/model/status.js';

const ch = (agent: string, prev: StateChange['prev'], state: StateChange['state'], ts: number, extra: Partial<StateChange> = {}): StateChange => ({ agent, prev, state, ts, reason: 'test', ...extra });
const none = { focused: null };
const prompt = { kind: 'permission' as const, question: 'Do you want to proceed?', subject: { tool: 'Bash', command: 'npm run build' }, options: [], selected: null };

describe('notification policy', () => {
  it('tells when an agent needs you, with the command in the body', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    expect(p.change(ch('api', 'working', 'approval', 0, { prompt }), none, 0)).toEqual([
      { event: 'approval', agent: 'api', state: 'approval', prev: 'working', title: 'api needs you', body: 'Bash: npm run build' },
    ]);
  });

  it('a notification body carries no bidi override or zero-width character (issue 13)', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    const evil = { ...prompt, subject: { tool: 'Bash', command: 'npm test \u202e\u2066x fr- mr\u2069\u200b' } };
    const [note] = p.change(ch('api', 'working', 'approval', 0, { prompt: evil }), none, 0);
    expect(note!.body).toBe('Bash: npm test x fr- mr');
  });

  it('says nothing for the agent you are typing into', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    expect(p.change(ch('api', 'working', 'approval', 0, { prompt }), { focused: 'api' }, 0)).toEqual([]);
    expect(p.change(ch('web', 'working', 'approval', 0, { prompt }), { focused: 'api' }, 0)).toHaveLength(1);
  });

  it('notifies once per state entry: a prompt that gains its options is not a second one', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    expect(p.change(ch('api', 'working', 'approval', 0), none, 0)).toHaveLength(1);
    expect(p.change(ch('api', 'approval', 'approval', 10, { prompt }), none, 10)).toEqual([]);
  });

  it('finished only after minWork of work', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    p.change(ch('api', 'idle', 'working', 0), none, 0);
    expect(p.change(ch('api', 'working', 'idle', 5_000), none, 5_000)).toEqual([]);
    p.change(ch('api', 'idle', 'working', 10_000), none, 10_000);
    expect(p.change(ch('api', 'working', 'idle', 40_000), none, 40_000)).toMatchObject([{ event: 'finished', title: 'api finished', body: 'after 30s of work' }]);
  });

  it('counts a turn’s work across the prompts answered in it', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    p.change(ch('api', 'idle', 'working', 0), none, 0);
    p.change(ch('api', 'working', 'approval', 15_000), none, 15_000);
    p.change(ch('api', 'approval', 'working', 16_000), none, 16_000);
    expect(p.change(ch('api', 'working', 'idle', 26_000), none, 26_000)).toMatchObject([{ event: 'finished', body: 'after 25s of work' }]);
  });

  it('counts work, not the time spent waiting for your approval (issue 12.6)', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    p.change(ch('api', 'idle', 'working', 0), none, 0);
    p.change(ch('api', 'working', 'approval', 4_000), none, 4_000);
    p.change(ch('api', 'approval', 'working', 39_000), none, 39_000);
    p.change(ch('api', 'working', 'stalled', 41_000), none, 41_000);
    p.change(ch('api', 'stalled', 'working', 42_000), none, 42_000);
    // 4 s, then 35 s waiting on you, then 2 s + 1 s stalled + 18 s: 25 s of work, not 60.
    expect(p.change(ch('api', 'working', 'idle', 60_000), none, 60_000)).toMatchObject([{ event: 'finished', body: 'after 25s of work' }]);
  });

  it('says nothing of an exit you asked for (x, quitting), even by a signal', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    expect(p.change(ch('api', 'working', 'exited', 0, { reason: 'process exited with signal 1', requested: true }), none, 0)).toEqual([]);
    expect(p.change(ch('web', 'working', 'exited', 0, { reason: 'process exited with signal 1' }), none, 0)).toHaveLength(1);
  });

  it('stalled, and exits that failed, but not a clean exit', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    expect(p.change(ch('api', 'working', 'stalled', 0, { reason: 'no progress for 3m' }), none, 0)).toMatchObject([{ event: 'stalled', body: 'no progress for 3m' }]);
    expect(p.change(ch('api', 'idle', 'exited', 10, { reason: 'process exited with code 0' }), none, 10)).toEqual([]);
    expect(p.change(ch('web', 'idle', 'exited', 20, { reason: 'process exited with code 2' }), none, 5000)).toMatchObject([{ event: 'exited', title: 'web exited' }]);
  });

  it('respects the per-event switches', () => {
    const p = new NotifyPolicy({ ...DEFAULT_NOTIFY, events: { ...DEFAULT_NOTIFY.events, approval: false } });
    expect(p.change(ch('api', 'working', 'approval', 0), none, 0)).toEqual([]);
  });

  it('reminds about a waiting agent after 2, 10 and 30 minutes, then stops', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    p.change(ch('api', 'working', 'approval', 0, { prompt }), none, 0);
    expect(p.nextDeadline()).toBe(120_000);
    expect(p.tick(119_999, none)).toEqual([]);
    expect(p.tick(120_000, none)).toMatchObject([{ event: 'reminder', title: 'api still needs you (2 min)', body: 'Bash: npm run build' }]);
    expect(p.nextDeadline()).toBe(600_000);
    expect(p.tick(600_000, none)).toHaveLength(1);
    expect(p.tick(1_800_000, none)).toHaveLength(1);
    expect(p.nextDeadline()).toBeNull();
  });

  it('stops reminding once the agent moves on, and can be switched off', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    p.change(ch('api', 'working', 'approval', 0), none, 0);
    p.change(ch('api', 'approval', 'working', 1000), none, 1000);
    expect(p.tick(200_000, none)).toEqual([]);
    const off = new NotifyPolicy({ ...DEFAULT_NOTIFY, remindAfterMs: [] });
    off.change(ch('api', 'working', 'approval', 0), none, 0);
    expect(off.nextDeadline()).toBeNull();
  });

  it('turns a burst into a summary: ten agents at once are three notifications and one summary', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    const sent = Array.from({ length: 10 }, (_, i) => p.change(ch(`a${i}`, 'working', 'approval', 100), none, 100)).flat();
    expect(sent).toHaveLength(3);
    expect(p.nextDeadline()).toBe(2100);
    const [summary] = p.tick(2100, none);
    expect(summary).toMatchObject({ event: 'summary', title: '7 more agents need you' });
    expect(summary!.body).toBe('a3 needs you · a4 needs you · a5 needs you · a6 needs you · a7 needs you · a8 needs you · a9 needs you');
  });
});

describe("an agent's own alerts (a bell, a notification it wrote)", () => {
  it('notify after a short hold, with the text made plain, or saying it rang', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    p.change(ch('api', 'working', 'idle', 0), none, 0);
    p.alert('api', 'Tests \u202epassed\u0007 ok', none, 1000);
    expect(p.nextDeadline()).toBe(1000 + ALERT_HOLD_MS);
    expect(p.tick(1000 + ALERT_HOLD_MS - 1, none)).toEqual([]);
    expect(p.tick(1000 + ALERT_HOLD_MS, none)).toEqual([{ event: 'alert', agent: 'api', state: 'idle', prev: 'idle', title: 'api needs attention', body: 'Tests passed ok' }]);
    p.alert('web', '', none, 100_000);
    expect(p.tick(200_000, none)).toMatchObject([{ agent: 'web', title: 'web needs attention', body: 'rang the bell' }]);
  });

  it('a bell rung many times in a row notifies once', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    const sent = [];
    for (let t = 0; t < 120_000; t += 5_000) {
      p.alert('api', '', none, t);
      sent.push(...p.tick(t, none));
    }
    expect(sent).toHaveLength(1);
    // After a quiet spell, the next one notifies again.
    p.alert('api', '', none, 200_000);
    expect(p.tick(210_000, none)).toHaveLength(1);
  });

  it('an agent that rings as its prompt appears, or while it waits on one, is announced by the prompt alone', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    p.alert('api', 'Claude needs your permission', none, 0);
    expect(p.change(ch('api', 'working', 'approval', 200, { prompt }), none, 200)).toHaveLength(1);
    expect(p.tick(10_000, none)).toEqual([]);
    p.alert('api', 'Claude needs your permission', none, 60_000);
    expect(p.tick(70_000, none)).toEqual([]);
  });

  it('says nothing for the agent you are typing into, or when notify.alert is false', () => {
    const p = new NotifyPolicy(DEFAULT_NOTIFY);
    p.alert('api', 'x', { focused: 'api' }, 0);
    expect(p.tick(10_000, none)).toEqual([]);
    const off = new NotifyPolicy({ ...DEFAULT_NOTIFY, events: { ...DEFAULT_NOTIFY.events, alert: false } });
    off.alert('api', 'x', none, 0);
    expect(off.tick(10_000, none)).toEqual([]);
  });
});
