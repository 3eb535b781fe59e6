import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { endOuterTerminalsAfterEach, startOuterTerminal } from '../helpers/outer-terminal.js';
import { waitFor } from '../helpers/poll.js';
import { foreignSequences } from './outer-bytes.js';

const AGENT = join(ROOT, 'test', 'e2e', 'hostile-agent.mjs');

endOuterTerminalsAfterEach();

describe('the leak check itself', () => {
  it('finds what an agent could leak, and lets agentmux’s own sequences through', () => {
    const own = '\x1b[22;0t\x1b]2;agentmux · 2 need you\x07\x1b[?1049h\x1b[H\x1b[2J\x1b[1;31mok\x1b[0m\x1b7\x1b[3;4H\x1b[12X\x1b8\x1b[?2026l\x1b]11;?\x1b\\\x1b[16t\x1b=';
    expect(foreignSequences(own)).toEqual([]);
    for (const leak of ['\x1b]52;c;RVZJTA==\x07', '\x1b]0;t\x07', '\x1b]2;t\x07', '\x1bPq#0~\x1b\\', '\x1b_Ga=T\x1b\\', '\x1bc', '\x1b[21t', '\x1b[?1049;47h', '\u009b31m', '\x1b[>q']) {
      expect(foreignSequences(`a${leak}b`), JSON.stringify(leak)).not.toEqual([]);
    }
  });
});

describe('hostile output replayed through agents (issue 14, also)', () => {
  it('nothing of it reaches the outer terminal, and the dashboard keeps answering keys', async () => {
    // The test is the outer terminal: it sees every byte agentmux writes.
    let seen = '';
    const outer = startOuterTerminal(['--agent', `evil=${process.execPath} ${AGENT}`, '--agent', `evil2=${process.execPath} ${AGENT}`], {
      cols: 160,
      rows: 48,
      cwd: tempDir(),
      env: { XDG_STATE_HOME: tempDir() },
      keepBytes: true,
    });
    const term = outer.pty;
    outer.onText((text) => {
      seen = (seen + text).slice(-100_000);
    });
    await waitFor('rounds of hostile output drawn', () => /round [1-9]\d* done/.test(seen), 20_000);
    await waitFor('more rounds', () => /round (?:[2-9]\d|\d{3,}) done/.test(seen), 30_000);
    // Keys while both agents flood: the help opens and closes, each within seconds (a liveness
    // check: one agent's bytes once froze every key for 25 s; latency is measured in the bench).
    for (const [key, shows] of [
      ['?', /focus agent 1-9/],
      // The dashboard's key line (its title line is the help's too, and only changed lines are sent).
      ['\x1b', /1-9 focus · /],
    ] as const) {
      seen = '';
      const sent = Date.now();
      term.write(key);
      await waitFor(`the answer to ${JSON.stringify(key)}`, () => shows.test(seen), 3000);
      expect(Date.now() - sent).toBeLessThan(3000);
    }
    let exit: number | null = null;
    term.onExit((e) => (exit = e.exitCode));
    term.write('q');
    await waitFor('the quit question', () => /Quit and end/.test(seen), 5000);
    term.write('y');
    await waitFor('agentmux to end', () => exit !== null, 15_000);
    expect(exit).toBe(0);
    const out = outer.bytes();
    // What agentmux wrote is text (UTF-8), and holds no sequence but its own.
    expect(Buffer.from(out.toString('utf8'), 'utf8').equals(out)).toBe(true);
    const text = out.toString('utf8');
    expect([...new Set(foreignSequences(text))]).toEqual([]);
    expect(text).not.toMatch(/\x1b[\]P_^][^\x07\x1b]*EVIL/);
  }, 90_000);
});
