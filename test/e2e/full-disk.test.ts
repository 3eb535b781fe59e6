import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
killTmuxAfterEach();

/** Why a private mount namespace with a tiny tmpfs cannot be had here, or null. */
function noTinyDisk(): string | null {
  try {
    execFileSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs ${tempDir()}`], { stdio: 'ignore' });
    return null;
  } catch {
    return 'unshare -rm with a tmpfs mount is not allowed on this machine';
  }
}

describe('a full disk (issue 14.8)', () => {
  it('the dashboard says once that the agent’s transcript stopped; the agent and the dashboard go on', async (ctx) => {
    const problem = noTinyDisk();
    if (problem) return ctx.skip(problem);
    const state = tempDir();
    mkdirSync(join(state, 'mnt'));
    tmux = new Tmux();
    tmux.start({ cols: 140, rows: 40, cwd: tempDir() });
    // agentmux's state directory on a 256 KB file system, filled by the agent's own output.
    const agent = join(state, 'fill.sh');
    writeFileSync(agent, 'i=0; while [ $i -lt 10000 ]; do echo "filling the disk with line $i of output"; i=$((i+1)); done; echo FILLED; sleep 300\n');
    const run = join(state, 'run.sh');
    writeFileSync(run, `mount -t tmpfs -o size=256k tmpfs ${state}/mnt && XDG_STATE_HOME=${state}/mnt exec node ${BIN} --agent "fill=sh ${agent}"\n`);
    tmux.typeLine(`unshare -rm sh ${run}`);
    await waitFor('the notice', () => /fill: its transcript stopped \(the disk is full\)/.test(tmux!.capture()), 20_000).catch((e) => {
      throw new Error(`${(e as Error).message}:\n${tmux!.capture()}`);
    });
    await waitFor('the agent going on', () => tmux!.capture().includes('FILLED'), 20_000);
    // Said once: one line on the dashboard (that it is said once per agent at all is the
    // session test's, test/session/agent-session.test.ts).
    expect(tmux.capture().match(/its transcript stopped/g)).toHaveLength(1);
    // The dashboard still answers keys.
    tmux.key('?');
    await waitFor('the help', () => /focus agent 1-9/.test(tmux!.capture())).catch((e) => {
      throw new Error(`${(e as Error).message}:\n${tmux!.capture()}`);
    });
  });
});
