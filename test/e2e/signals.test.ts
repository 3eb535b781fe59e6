import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
afterEach(() => {
  tmux?.kill();
  tmux = null;
});

const lastLine = (t: Tmux) =>
  t
    .capture()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .pop();

describe('whatever ends agentmux, the terminal is restored and every child ends', () => {
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`on ${signal}`, async () => {
      tmux = new Tmux();
      tmux.start({ cols: 120, rows: 40, cwd: tempDir(), env: { XDG_STATE_HOME: tempDir() } });
      tmux.typeLine(`node ${BIN} --agent a=bash --agent b="sh -c 'trap \\"\\" HUP; echo stubborn; sleep 300'"`);
      await waitFor('the dashboard', () => /│stubborn/.test(tmux!.capture()));
      const children = tmux.processes();
      expect(children.some((p) => p.cmd.includes('sleep 300'))).toBe(true);
      const agentmux = children.find((p) => p.cmd.includes('agentmux.js'));
      expect(agentmux).toBeDefined();
      process.kill(agentmux!.pid, signal);
      await waitFor('the shell prompt back', () => lastLine(tmux!) === '$');
      // Alternate screen left, cursor shown.
      expect(tmux.display('#{alternate_on} #{cursor_flag}')).toBe('0 1');
      // Raw mode off: the shell's terminal is canonical with echo again.
      tmux.typeLine('stty -a | tr " " "\\n" | grep -x -e icanon -e -icanon -e echo -e -echo | tr "\\n" " "; echo');
      await waitFor('stty output', () => /^icanon echo\s*$/m.test(tmux!.capture()));
      // Every child ended, even the one ignoring SIGHUP (SIGKILL after the grace time).
      await waitFor('no process left', () => tmux!.processes().length === 0, 6000);
    });
  }

  it('when the terminal itself goes away (tmux killed): a normal end, no trace, no agent left (issue 14.7)', async () => {
    const dir = tempDir();
    const err = join(dir, 'stderr');
    tmux = new Tmux();
    tmux.start({ cols: 120, rows: 40, cwd: dir, env: { XDG_STATE_HOME: tempDir() } });
    tmux.typeLine(`node ${BIN} --agent a=bash --agent b="sh -c 'trap \\"\\" HUP; echo stubborn; sleep 300'" 2>${err}`);
    await waitFor('the dashboard', () => /│stubborn/.test(tmux!.capture()));
    const marker = tmux.marker;
    expect(tmux.processes().some((p) => p.cmd.includes('sleep 300'))).toBe(true);
    // Processes are found by the marker in their environment, which outlives the tmux server.
    // (The tmux pane's own shell is tmux's business, not agentmux's: left out.)
    const left = () => Tmux.processesWithMarker(marker).filter((p) => !p.cmd.startsWith('bash --rcfile'));
    tmux.kill();
    await waitFor('every child ended, even the one ignoring SIGHUP', () => left().length === 0, 10_000).catch((e) => {
      throw new Error(`${(e as Error).message}: ${JSON.stringify(left())}; stderr: ${readFileSync(err, 'utf8')}`);
    });
    const stderr = readFileSync(err, 'utf8');
    expect(stderr).not.toMatch(/internal error|Assertion|EIO/);
  });
});
