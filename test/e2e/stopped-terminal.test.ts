import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { endOuterTerminalsAfterEach, startOuterTerminal } from '../helpers/outer-terminal.js';
import { waitFor } from '../helpers/poll.js';

endOuterTerminalsAfterEach();

/** The size of the agent's transcript in the run directory under `state`, or 0. */
function transcriptSize(state: string, agent: string): number {
  const runs = join(state, 'agentmux', 'runs');
  try {
    const [run] = readdirSync(runs);
    return run ? statSync(join(runs, run, `${agent}.log`)).size : 0;
  } catch {
    return 0;
  }
}

describe('a terminal that stops reading never holds up the agents (issue 14.7)', () => {
  it('while the outer terminal reads nothing, the agents and their transcripts go on; then the dashboard is drawn again', async () => {
    const dir = tempDir();
    const state = tempDir();
    const agent = join(dir, 'stream.sh');
    writeFileSync(agent, 'i=0; while :; do echo "\\033[3$((i%8))mstreaming line $i with some coloured text to make it longer and wider than before\\033[0m"; i=$((i+1)); done\n');
    // The test is the outer terminal: a real PTY whose reader it can stop, as a frozen window does.
    let screen = '';
    const outer = startOuterTerminal(['--agent', `s=sh ${agent}`], { cols: 200, rows: 60, cwd: dir, env: { XDG_STATE_HOME: state } });
    const term = outer.pty;
    // Whether a whole frame (Ink's header with it) came since `watching` was set.
    let watching = false;
    let wholeFrame = false;
    outer.onText((text) => {
      screen = (screen + text).slice(-200_000);
      if (watching && / · 1 agent · /.test(screen.slice(-text.length - 200))) wholeFrame = true;
    });
    await waitFor('the dashboard streaming', () => screen.includes('streaming line') && transcriptSize(state, 's') > 100_000, 15_000);
    term.pause();
    // Let the terminal's buffer fill: from here on every write to it would block.
    const before = transcriptSize(state, 's');
    await waitFor('the agent going on for 16 MB while the terminal reads nothing', () => transcriptSize(state, 's') > before + 16_000_000, 40_000).catch((e) => {
      throw new Error(`${(e as Error).message}: the transcript grew by ${transcriptSize(state, 's') - before} bytes`);
    });
    screen = '';
    watching = true;
    term.resume();
    // Drawn again once the terminal reads: a frame with the newest lines.
    await waitFor('a whole frame again', () => wholeFrame, 15_000).catch((e) => {
      throw new Error(`${(e as Error).message}: ${screen.length} bytes since, ending ${JSON.stringify(screen.slice(-600))}`);
    });
    // And it still quits cleanly.
    let exit: number | null = null;
    term.onExit((e) => (exit = e.exitCode));
    term.write('q');
    await waitFor('the quit question', () => /Quit and end/.test(screen), 10_000);
    term.write('y');
    await waitFor('agentmux to end', () => exit !== null, 15_000);
    expect(exit).toBe(0);
  }, 90_000);
});
