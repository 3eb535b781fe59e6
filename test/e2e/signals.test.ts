import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
killTmuxAfterEach();

const lastLine = (t: Tmux) =>
  t
    .capture()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .pop();

describe('whatever ends the client, the terminal is restored and the agents go on (issue 16)', () => {
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`on ${signal} of the client`, async () => {
      tmux = new Tmux();
      tmux.start({ cols: 120, rows: 40, cwd: tempDir(), env: { XDG_STATE_HOME: tempDir() } });
      tmux.typeLine(`node ${BIN} --agent a=bash --agent b="sh -c 'trap \\"\\" HUP; echo stubborn; sleep 300'"`);
      await waitFor('the dashboard', () => /│stubborn/.test(tmux!.capture()));
      const children = tmux.processes();
      expect(children.some((p) => p.cmd.includes('sleep 300'))).toBe(true);
      const client = children.find((p) => p.cmd.includes('agentmux.js') && !p.cmd.includes('__serve'));
      expect(client).toBeDefined();
      process.kill(client!.pid, signal);
      await waitFor('the shell prompt back', () => lastLine(tmux!) === '$');
      // Alternate screen left, cursor shown.
      expect(tmux.display('#{alternate_on} #{cursor_flag}')).toBe('0 1');
      // Raw mode off: the shell's terminal is canonical with echo again.
      tmux.typeLine('stty -a | tr " " "\\n" | grep -x -e icanon -e -icanon -e echo -e -echo | tr "\\n" " "; echo');
      await waitFor('stty output', () => /^icanon echo\s*$/m.test(tmux!.capture()));
      // A detach: the agents go on, and attaching shows them again.
      expect(tmux.processes().some((p) => p.cmd.includes('sleep 300'))).toBe(true);
      tmux.typeLine(`clear; node ${BIN} attach`);
      await waitFor('the dashboard again', () => /│stubborn/.test(tmux!.capture()));
      tmux.key('q');
      await waitFor('the quit question', () => tmux!.capture().includes('Quit and end them?'));
      tmux.key('y');
      // Every child ended, even the one ignoring SIGHUP (SIGKILL after the grace time).
      await waitFor('no process left', () => tmux!.processes().length === 0, 6000);
    });
  }

  it('when the terminal itself goes away (tmux killed): the client ends without a trace, the agents go on until killed (issues 14.7, 16)', async () => {
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
    const isClient = (p: { cmd: string }) => p.cmd.includes('agentmux.js') && !p.cmd.includes('__serve');
    expect(left().some(isClient)).toBe(true);
    tmux.closeTerminal();
    await waitFor('the client ended', () => !left().some(isClient), 10_000);
    expect(readFileSync(err, 'utf8')).not.toMatch(/internal error|Assertion|EIO/);
    expect(left().some((p) => p.cmd.includes('sleep 300'))).toBe(true);
    tmux.agentmux(['kill', '--all']);
    await waitFor('every child ended, even the one ignoring SIGHUP', () => left().length === 0, 10_000).catch((e) => {
      throw new Error(`${(e as Error).message}: ${JSON.stringify(left())}; stderr: ${readFileSync(err, 'utf8')}`);
    });
  });
});
