import xterm from '@xterm/headless';
import { closeSync, openSync, readdirSync, readSync, statSync, writeFileSync } from 'node:fs';
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

/** The highest "streaming line N" in the last bytes of the agent's transcript under `state`. */
function newestLine(state: string, agent: string): number {
  const runs = join(state, 'agentmux', 'runs');
  const [run] = readdirSync(runs);
  const file = join(runs, run!, `${agent}.log`);
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  const tail = Buffer.alloc(Math.min(size, 8192));
  readSync(fd, tail, 0, tail.length, size - tail.length);
  closeSync(fd);
  return Math.max(...[...tail.toString('latin1').matchAll(/streaming line (\d+)/g)].map((m) => Number(m[1])));
}

describe('a terminal that stops reading never holds up the agents (issue 14.7)', () => {
  it('while the outer terminal reads nothing, the agents and their transcripts go on; then the dashboard is drawn again', async () => {
    const dir = tempDir();
    const state = tempDir();
    const agent = join(dir, 'stream.sh');
    writeFileSync(agent, 'i=0; while :; do echo "\\033[3$((i%8))mstreaming line $i with some coloured text to make it longer and wider than before\\033[0m"; i=$((i+1)); done\n');
    // The test is the outer terminal: a real PTY whose reader it can stop, as a frozen window does,
    // and what it shows is read from a real terminal emulator fed every byte that arrives.
    const outer = startOuterTerminal(['--agent', `s=sh ${agent}`], { cols: 200, rows: 60, cwd: dir, env: { XDG_STATE_HOME: state } });
    const term = outer.pty;
    const shown = new xterm.Terminal({ cols: 200, rows: 60, allowProposedApi: true });
    let text = '';
    outer.onText((t) => {
      shown.write(t);
      text = (text + t).slice(-20_000);
    });
    const rows = () => {
      const b = shown.buffer.active;
      return Array.from({ length: shown.rows }, (_, y) => b.getLine(b.baseY + y)?.translateToString(true) ?? '');
    };
    const newestShown = () => Math.max(-1, ...rows().map((r) => Number(/streaming line (\d+)/.exec(r)?.[1] ?? -1)));
    await waitFor('the dashboard streaming', () => newestShown() >= 0 && transcriptSize(state, 's') > 100_000, 15_000);
    term.pause();
    // Long enough for every buffer on the way (the terminal's, the client's, the socket's) to fill
    // and the server to drop frames; from then on a write to the terminal would block.
    const before = transcriptSize(state, 's');
    await waitFor('the agent going on for 32 MB while the terminal reads nothing', () => transcriptSize(state, 's') > before + 32_000_000, 60_000).catch((e) => {
      throw new Error(`${(e as Error).message}: the transcript grew by ${transcriptSize(state, 's') - before} bytes`);
    });
    const atResume = newestLine(state, 's');
    term.resume();
    // Drawn again once the terminal reads: the header, the borders, and lines newer than any
    // written before it read again. Whether the server dropped frames (and drew the whole screen
    // again) or the buffers held every frame, the screen must be whole.
    await waitFor(
      'the whole dashboard again, with the newest lines',
      () => {
        const r = rows();
        return /^agentmux · 1 agent · /.test(r[0]!) && /^[╭┏]/.test(r[1]!) && r.some((row) => /^[╰┗]/.test(row)) && newestShown() > atResume;
      },
      45_000,
    ).catch((e) => {
      throw new Error(`${(e as Error).message} (newest line when it read again ${atResume}, shown ${newestShown()}); the screen:\n${rows().join('\n')}`);
    });
    // And it still quits cleanly.
    let exit: number | null = null;
    term.onExit((e) => (exit = e.exitCode));
    term.write('q');
    await waitFor('the quit question', () => /Quit and end/.test(text), 10_000);
    term.write('y');
    await waitFor('agentmux to end', () => exit !== null, 15_000);
    expect(exit).toBe(0);
    shown.dispose();
  }, 150_000);
});
