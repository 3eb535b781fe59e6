import { describe, expect, it } from 'vitest';
import { detectClaude } from '../../src/detect/claude.js';
import { Stabilizer } from '../../src/detect/stabilizer.js';
import { DEFAULT_SETTINGS } from '../../src/config/types.js';
import { HeadlessTerminal } from '../../src/session/terminal.js';
import { readRecording } from '../helpers/replay.js';

/**
 * Real sessions recorded with `--record` (scripts/record-claude-fixtures.mjs): a task, a
 * permission prompt answered yes, the turn finishing, a second prompt answered no. Replayed with
 * their timestamps through a real headless xterm, the detector and the stabilizer (screen only,
 * no hooks), each chunk split in three at arbitrary byte positions.
 */
async function replayStates(version: string, split: number) {
  const { header, chunks } = readRecording('claude', version);
  const term = new HeadlessTerminal(header.cols, header.rows, 1000);
  const stab = new Stabilizer({ settleMs: DEFAULT_SETTINGS.settleMs, stallAfterMs: DEFAULT_SETTINGS.stallAfterMs }, 0);
  const states: string[] = [stab.current.state];
  const push = (info: { state: string } | null) => info && states.push(info.state);
  for (const c of chunks) {
    const deadline = stab.nextDeadline();
    if (deadline !== null && deadline <= c.t) push(stab.tick(deadline));
    if (c.resize) {
      term.resize(c.resize[0], c.resize[1]);
      continue;
    }
    const bytes = Buffer.from(c.d!, 'utf8');
    const cuts = [0, Math.floor(bytes.length / split), Math.floor((2 * bytes.length) / split), bytes.length];
    for (let i = 0; i < cuts.length - 1; i++) {
      await new Promise<void>((r) => term.write(bytes.subarray(cuts[i], cuts[i + 1]), r));
      push(stab.observe(detectClaude(term.snapshot()), c.t));
    }
  }
  return states;
}

const EXPECTED = ['starting', 'idle', 'working', 'approval', 'working', 'idle', 'working', 'approval', 'idle'];

describe.each(['2.1.197', '2.1.331'])('claude %s recording', (version) => {
  it('goes through exactly the states of the session, no false idle or approval', async () => {
    expect(await replayStates(version, 3)).toEqual(EXPECTED);
  });

  it('gives the same states when every chunk is split at other byte positions', async () => {
    expect(await replayStates(version, 7)).toEqual(EXPECTED);
  });
});
