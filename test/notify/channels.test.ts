import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/notify/command.js';
import { plainText } from '../../src/notify/sanitize.js';
import { alertBytes, pickProtocol, tmuxPassthrough } from '../../src/notify/terminal-alert.js';
import type { Notification } from '../../src/notify/types.js';
import { tempDir } from '../helpers/cli.js';

const n: Notification = { event: 'approval', agent: 'api', state: 'approval', prev: 'working', title: 'api needs you', body: 'Bash: rm -rf build' };

describe('terminal alerts', () => {
  it('picks the protocol the terminal understands', () => {
    expect(pickProtocol({ TERM_PROGRAM: 'iTerm.app' })).toBe('osc9');
    expect(pickProtocol({ TERM_PROGRAM: 'WezTerm' })).toBe('osc9');
    expect(pickProtocol({ WT_SESSION: 'x' })).toBe('osc9');
    expect(pickProtocol({ TERM: 'xterm-kitty' })).toBe('osc99');
    expect(pickProtocol({ TERM: 'foot' })).toBe('osc777');
    expect(pickProtocol({ TERM: 'xterm-256color' })).toBe('bell');
  });

  it('writes each protocol, wrapped for tmux when inside it', () => {
    expect(alertBytes(n, 'bell', { sound: true, inTmux: false })).toBe('\x07');
    expect(alertBytes(n, 'osc9', { sound: false, inTmux: false })).toBe('\x1b]9;api needs you: Bash: rm -rf build\x07');
    expect(alertBytes(n, 'osc777', { sound: false, inTmux: false })).toBe('\x1b]777;notify;api needs you;Bash: rm -rf build\x07');
    expect(alertBytes(n, 'osc99', { sound: false, inTmux: false })).toBe('\x1b]99;;api needs you: Bash: rm -rf build\x1b\\');
    expect(alertBytes(n, 'osc9', { sound: true, inTmux: true })).toBe(`${tmuxPassthrough('\x1b]9;api needs you: Bash: rm -rf build\x07')}\x07`);
    expect(tmuxPassthrough('\x1b]9;x\x07')).toBe('\x1bPtmux;\x1b\x1b]9;x\x07\x1b\\');
  });

  it('lets no escape sequence from agent text through', () => {
    const evil: Notification = { ...n, body: 'ok\x1b]0;pwned\x07\x1b[2J\x9b31m;x\x07done' };
    const bytes = alertBytes(evil, 'osc777', { sound: false, inTmux: false });
    expect(bytes).toBe('\x1b]777;notify;api needs you;ok ]0,pwned [2J 31m,x done\x07');
    expect(plainText('a\u0000b\u001fc\u007fd\u0085e')).toBe('a b c d e');
  });

  it('strips bidi overrides, isolates, marks and zero-width characters (issue 13)', () => {
    // "rm -rf x" written backwards behind U+202E reads as "x fr- mr" on screen.
    const bidi = 'npm test ‮x fr- mr‬ ‪‫‭⁦⁧⁨⁩‎‏؜​‌‍⁠﻿.';
    expect(plainText(bidi)).toBe('npm test x fr- mr .');
    const bytes = alertBytes({ ...n, body: plainText(bidi) }, 'osc9', { sound: false, inTmux: false });
    expect(bytes).not.toMatch(/[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u);
  });
});

describe('notify.command', () => {
  it('gets the agent, states, title and body in its environment', async () => {
    const out = join(tempDir(), 'env.txt');
    expect(await runCommand(`env | grep ^AGENTMUX_ | sort > ${out}`, n, 5000)).toBeNull();
    expect(readFileSync(out, 'utf8').trim().split('\n')).toEqual([
      'AGENTMUX_AGENT=api',
      'AGENTMUX_BODY=Bash: rm -rf build',
      'AGENTMUX_EVENT=approval',
      'AGENTMUX_PREV_STATE=working',
      'AGENTMUX_STATE=approval',
      'AGENTMUX_TITLE=api needs you',
    ]);
  });

  it('a hanging command is killed at its timeout, and a failing one is described in a line', async () => {
    const t0 = Date.now();
    expect(await runCommand('sleep 30', n, 300)).toBe('notify.command timed out after 300 ms and was killed');
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(await runCommand('echo nope >&2; exit 3', n, 5000)).toBe('notify.command exited with 3: nope');
  });
});

describe('agentmux notify --test (the built CLI)', () => {
  it('tries every configured channel and says which worked and why one did not', async () => {
    const { runCli } = await import('../helpers/cli.js');
    const { writeFileSync } = await import('node:fs');
    const dir = tempDir();
    const out = join(dir, 'got.txt');
    writeFileSync(
      join(dir, 'agentmux.json'),
      JSON.stringify({ agents: [{ name: 'a', command: 'bash --norc --noprofile' }], notify: { command: `echo "$AGENTMUX_TITLE|$AGENTMUX_BODY" > ${out}`, terminal: 'osc9' } }),
    );
    const r = await runCli(['notify', '--test'], { cwd: dir, env: { DBUS_SESSION_BUS_ADDRESS: '', XDG_RUNTIME_DIR: '' } });
    expect(r.stdout.split('\n')).toEqual([
      'terminal (osc9): not sent: standard output is not a terminal',
      expect.stringMatching(/^desktop: not sent: (`notify-send` not found: install `libnotify-bin`|no session bus \(DBUS_SESSION_BUS_ADDRESS is not set\))$/),
      'command: sent',
    ]);
    expect(readFileSync(out, 'utf8').trim()).toBe('agentmux test|Notifications reach you here.');
    expect(r.exitCode).toBe(1);
  });

  it('rejects a bad notify setting in one line', async () => {
    const { runCli } = await import('../helpers/cli.js');
    const { writeFileSync } = await import('node:fs');
    const dir = tempDir();
    writeFileSync(join(dir, 'agentmux.json'), JSON.stringify({ agents: [{ name: 'a', command: 'bash' }], notify: { terminal: 'loud' } }));
    const r = await runCli(['notify', '--test'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim()).toMatch(/agentmux\.json: notify\.terminal: unknown value "loud" \(expected one of auto, bell, osc9, osc777, osc99, off\)$/);
  });
});
