import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/notify/channels.js';
import { Notifier } from '../../src/notify/notifier.js';
import { DEFAULT_NOTIFY } from '../../src/config/notify-settings.js';
import type { Notification } from '../../src/notify/types.js';
import type { StateChange } from '../../src/model/status.js';

const change = (agent: string, state: StateChange['state'], prev: StateChange['prev'], ts: number): StateChange => ({
  ts,
  agent,
  state,
  prev,
  reason: 'test',
  ...(state === 'approval' ? { prompt: { kind: 'permission', question: 'Proceed?', subject: { tool: 'Bash', command: 'make' }, options: [], selected: null } } : {}),
});

describe('pause holds an agent’s notifications until it is released', () => {
  it('holds while paused, sends one (or one summary) on release, leaves other agents alone', async () => {
    const sent: Notification[] = [];
    const paused = new Set(['a']);
    const notifier = new Notifier({
      settings: { ...DEFAULT_NOTIFY, terminal: 'off', minWorkMs: 0, burstLimit: 10 },
      env: {},
      terminals: () => [],
      report: () => {},
      focused: () => null,
      hold: (agent) => paused.has(agent),
      channels: [{ ...CHANNELS[1]!, problem: () => null, send: async (n) => (sent.push(n), null) }],
    });
    notifier.handle(change('a', 'approval', 'working', 1));
    notifier.handle(change('b', 'approval', 'working', 2));
    await Promise.resolve();
    expect(sent.map((n) => n.agent)).toEqual(['b']);

    paused.delete('a');
    notifier.release('a');
    await Promise.resolve();
    expect(sent.map((n) => [n.agent, n.title])).toEqual([
      ['b', 'b needs you'],
      ['a', 'a needs you'],
    ]);

    paused.add('b');
    notifier.handle(change('b', 'working', 'approval', 3));
    notifier.handle(change('b', 'idle', 'working', 4));
    notifier.handle(change('b', 'approval', 'idle', 5));
    paused.delete('b');
    notifier.release('b');
    notifier.release('b'); // nothing left to send
    await Promise.resolve();
    expect(sent.slice(2).map((n) => [n.event, n.title, n.body])).toEqual([['summary', 'b: 2 updates while paused', 'finished · needs you']]);
    notifier.dispose();
  });
});
