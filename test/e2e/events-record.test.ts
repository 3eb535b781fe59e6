import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
killTmuxAfterEach();

describe('--events and --record from the built CLI', () => {
  it('writes one JSON line per state change and a timestamped recording per agent', async () => {
    const dir = tempDir();
    tmux = new Tmux();
    tmux.start({ cols: 120, rows: 40, cwd: dir, env: { XDG_STATE_HOME: tempDir() } });
    // An agent that asks a question at its cursor, then ends.
    tmux.typeLine(`node ${BIN} --events ev.jsonl --record rec --agent ask="sh -c 'echo working; sleep 2; printf \\"Continue? [y/N] \\"; read a; echo got \\$a; exit 4'"`);
    const events = () =>
      existsSync(join(dir, 'ev.jsonl'))
        ? readFileSync(join(dir, 'ev.jsonl'), 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l))
        : [];
    await waitFor('approval in the events log', () => events().some((e) => e.state === 'approval'), 10_000);
    const approval = events().find((e) => e.state === 'approval');
    expect(approval).toMatchObject({ agent: 'ask', state: 'approval', prompt: { kind: 'confirm', question: 'Continue? [y/N]' } });
    expect(approval.reason).toMatch(/^screen: /);
    expect(new Date(approval.ts).toISOString()).toBe(approval.ts);
    await waitFor('the sidebar', () => /1 ask\s+approval/.test(tmux!.capture()));
    tmux.key('q');
    await waitFor('the quit question', () => tmux!.capture().includes('Quit and end it?'));
    tmux.key('y');
    await waitFor(
      'the shell back',
      () =>
        tmux!
          .capture()
          .split('\n')
          .filter((l) => l.trim())
          .pop() === '$',
    );
    const states = events().map((e) => `${e.prev}>${e.state}`);
    expect(states[0]).toBe('starting>working');
    expect(states).toContain('working>approval');
    const rec = readFileSync(join(dir, 'rec', 'ask.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rec[0]).toMatchObject({ agent: 'ask', argv: ['sh', '-c', expect.stringContaining('Continue?')] });
    const chunks = rec.slice(1).filter((c) => c.d !== undefined);
    expect(chunks.map((c) => c.d).join('')).toContain('Continue? [y/N]');
    for (let i = 1; i < chunks.length; i++) expect(chunks[i].t).toBeGreaterThanOrEqual(chunks[i - 1].t);
    expect(chunks[chunks.length - 1].t - chunks[0].t).toBeGreaterThan(1000); // the two-second sleep is in the timestamps (less start-up delays under load)
  });
});
