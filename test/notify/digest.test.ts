import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/load.js';
import { DEFAULT_NOTIFY } from '../../src/config/notify-settings.js';
import { CHANNELS } from '../../src/notify/channels.js';
import { tempDir } from '../helpers/cli.js';
import { digest, digestMark } from '../../src/notify/digest.js';
import type { AgentStatus } from '../../src/model/status.js';

const MIN = 60_000;
const st = (name: string, state: AgentStatus['state'], since: number, exit: AgentStatus['exit'] = null): AgentStatus => ({ name, state, since, reason: 'test', exit });

describe('check-in digest', () => {
  it('sums up every agent: who needs you and for how long, who finished, who works, who stalled', () => {
    // At the first check-in (t = 0) everyone was working.
    const start = [st('api', 'working', 0), st('web', 'working', 0), st('docs', 'working', 0), st('lint', 'working', 0)];
    const mark = digestMark(start, 0);
    // Fifteen minutes later (the clock is handed in).
    const now = 15 * MIN;
    const n = digest([st('api', 'approval', 11 * MIN), st('web', 'idle', 9 * MIN), st('docs', 'working', 0), st('lint', 'stalled', 10 * MIN)], mark, now);
    expect(n).toEqual({
      event: 'digest',
      agent: 'api,web,docs,lint',
      state: 'approval',
      prev: 'approval',
      title: 'agentmux: 1 need you, 1 finished, 1 working, 1 stalled',
      body: 'need you: api 4m · finished: web · working: docs 15m · stalled: lint 5m',
    });
  });

  it('says nothing when nothing changed since the last digest', () => {
    const now = [st('api', 'approval', 2 * MIN), st('docs', 'working', 0)];
    const mark = digestMark(now, 5 * MIN);
    expect(digest(now, mark, 20 * MIN)).toBeNull();
    // The same states entered again since (a new turn) are a change.
    expect(digest([st('api', 'approval', 2 * MIN), st('docs', 'working', 18 * MIN)], mark, 20 * MIN)).not.toBeNull();
  });

  it('counts as finished an agent that went back to work and finished between two digests', () => {
    const mark = digestMark([st('web', 'idle', 1 * MIN)], 5 * MIN);
    expect(digest([st('web', 'idle', 17 * MIN)], mark, 20 * MIN)?.body).toBe('finished: web');
  });

  it('does not take an agent that started and sat idle for one that finished', () => {
    const mark = digestMark([st('api', 'starting', 0)], 0);
    expect(digest([st('api', 'idle', 3000)], mark, 15 * MIN)).toBeNull();
  });

  it('names an agent that exited since, with how it ended, once', () => {
    const mark = digestMark([st('api', 'working', 0), st('web', 'idle', 0)], 0);
    const later = [st('api', 'exited', 4 * MIN, { code: 1 }), st('web', 'idle', 0)];
    expect(digest(later, mark, 15 * MIN)).toMatchObject({ title: 'agentmux: 1 exited', body: 'exited: api (code 1)', state: 'idle' });
    expect(digest(later, digestMark(later, 15 * MIN), 30 * MIN)).toBeNull();
  });

  it('an agent added since is a change; times read in hours past the hour', () => {
    const mark = digestMark([st('api', 'working', 0)], 0);
    const n = digest([st('api', 'working', 0), st('new', 'working', 10 * MIN)], mark, 125 * MIN);
    expect(n?.body).toBe('working: api 2h05m, new 1h55m');
  });
});

describe('config notify.digest', () => {
  const load = (digest: unknown) => {
    const file = join(tempDir(), 'agentmux.json');
    writeFileSync(file, JSON.stringify({ agents: [{ name: 'a', command: 'bash' }], notify: digest === undefined ? {} : { digest } }));
    return loadConfigFile(file).settings.notify.digestMs;
  };

  it('is off by default and with false; a duration of at least a second turns it on', () => {
    expect(load(undefined)).toBeNull();
    expect(load(false)).toBeNull();
    expect(load('15m')).toBe(900_000);
    expect(load(30)).toBe(30_000);
    expect(() => load('500ms')).toThrow(/notify\.digest: must be a duration of at least 1s and at most a week, such as "15m", or false$/);
    expect(() => load('soon')).toThrow(/notify\.digest: must be a duration/);
  });
});

describe('a digest in the terminal', () => {
  it('goes as text where the terminal shows text, never as a bare bell', async () => {
    const terminal = CHANNELS.find((c) => c.name === 'terminal')!;
    const n = digest([st('api', 'approval', 0)], digestMark([st('api', 'working', 0)], 0), MIN)!;
    const written: string[] = [];
    const send = (env: NodeJS.ProcessEnv) =>
      terminal.send(n, { settings: { ...DEFAULT_NOTIFY, sound: false }, env: {}, terminal: { isTTY: true, targets: () => [{ env, write: (b) => written.push(b) }] } });
    await send({ TERM: 'xterm-256color' });
    expect(written).toEqual([]);
    await send({ TERM_PROGRAM: 'iTerm.app' });
    expect(written).toEqual(['\x1b]9;agentmux: 1 need you: need you: api 1m\x07']);
  });
});
