import pty from '@lydell/node-pty';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killMarked } from '../helpers/tmux.js';
import { randomBytes } from 'node:crypto';

let child: pty.IPty | null = null;
const marker = randomBytes(6).toString('hex');
afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
  killMarked(marker);
});

/** agentmux in a PTY we hold the other end of: what it writes to its terminal, byte for byte. */
function start(agent: string, env: Record<string, string>) {
  let out = '';
  child = pty.spawn(process.execPath, [BIN, '--agent', agent], {
    cols: 140,
    rows: 40,
    // A session of its own each time (its own socket directory): the alert is the terminal's own.
    env: { PATH: process.env.PATH ?? '', HOME: tempDir(), XDG_STATE_HOME: tempDir(), XDG_RUNTIME_DIR: tempDir(), AGENTMUX_TEST_MARKER: marker, CI: '0', TERM: 'xterm-256color', ...env },
  });
  child.onData((d) => (out += d));
  return () => out;
}

// An agent whose question tries to smuggle escape sequences (an OSC 9 of its own, a title change).
const EVIL = `ask=sh -c 'printf "Wipe \\033]9;INJECTED\\007 \\033]0;pwned\\007the disk? [y/N] "; read a'`;

describe('terminal alerts, read back from the outer terminal', () => {
  it('OSC 9 for a terminal that speaks it, carrying only plain text', async () => {
    const out = start(EVIL, { TERM_PROGRAM: 'iTerm.app' });
    await waitFor('the OSC 9 alert', () => out().includes('\x1b]9;ask needs you: '), 10_000);
    const alert = /\x1b\]9;ask needs you: ([^\x07\x1b]*)\x07/.exec(out())!;
    expect(alert[1]).toBe('Wipe the disk? [y/N]');
    expect(out()).not.toContain('INJECTED');
    expect(out()).not.toContain('\x1b]0;pwned');
    expect(out()).toContain('\x07'); // sound on: a bell goes with it
  });

  it('OSC 777 wrapped for tmux passthrough inside tmux; a bell elsewhere', async () => {
    const out = start(EVIL, { TERM: 'foot', TMUX: '/tmp/tmux-test/default,1,0' });
    await waitFor('the wrapped OSC 777', () => out().includes('\x1bPtmux;\x1b\x1b]777;notify;ask needs you;Wipe the disk? [y/N]\x07\x1b\\'), 10_000);
    child!.kill('SIGKILL');
    const plain = start(EVIL, {});
    await waitFor('the dashboard', () => plain().includes('approval'), 10_000);
    await waitFor('a bell', () => plain().includes('\x07'));
    expect(plain()).not.toContain('\x1b]9;');
  });
});
