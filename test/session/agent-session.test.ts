import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentSpec } from '../../src/model/agent.js';
import { AgentSession } from '../../src/session/agent-session.js';
import type { ExitInfo } from '../../src/model/status.js';
import { groupAlive } from '../../src/session/process-group.js';
import { tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';

const sessions: AgentSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose(500)));
});

function start(argv: string[], opts: { cols?: number; rows?: number; transcript?: string; cwd?: string } = {}) {
  const spec: AgentSpec = { name: 't', argv, cwd: opts.cwd ?? tempDir(), env: { EXTRA: 'yes' }, kind: 'shell' };
  const s = new AgentSession(spec, { cols: opts.cols ?? 40, rows: opts.rows ?? 8, scrollback: 100, transcriptPath: opts.transcript ?? null });
  sessions.push(s);
  let exit: ExitInfo | null = null;
  s.onExit((e) => (exit = e));
  s.start();
  return { s, exited: () => exit };
}

describe('AgentSession with a real PTY', () => {
  it('a transcript that cannot be written (a full disk) is said once; the agent and its screen go on (issue 14.8)', async () => {
    const dir = tempDir();
    const log = join(dir, 't.log');
    symlinkSync('/dev/full', log);
    const problems: string[] = [];
    const spec: AgentSpec = { name: 't', argv: ['sh', '-c', 'for i in 1 2 3; do echo line $i; sleep 0.05; done; echo done'], cwd: dir, env: {}, kind: 'shell' };
    const s = new AgentSession(spec, { cols: 40, rows: 8, scrollback: 100, transcriptPath: log, onTranscriptError: (m) => problems.push(m) });
    sessions.push(s);
    let exit: ExitInfo | null = null;
    s.onExit((e) => (exit = e));
    s.start();
    await waitFor('exit', () => exit);
    expect(s.snapshot().lines.join('\n')).toContain('done');
    expect(problems).toEqual([`its transcript stopped (the disk is full): ${log} is incomplete`]);
  });

  it('keeps every byte the agent prints in its transcript, invalid UTF-8 and all (issue 14.9)', async () => {
    const dir = tempDir();
    const log = join(dir, 't.log');
    const bytes = Buffer.alloc(256 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + (i >> 9) * 31) % 256;
    // Invalid sequences, and a character whose bytes are likely split across reads.
    const data = Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('é中🙂', 'utf8'), bytes, Buffer.from([0xe4, 0xb8]), Buffer.from('\r\nend\r\n')]);
    writeFileSync(join(dir, 'blob'), data);
    // Output processing off (no \n to \r\n): what the agent writes is what the PTY gives.
    const { exited } = start(['sh', '-c', 'stty raw -echo; cat blob'], { transcript: log, cwd: dir });
    await waitFor('exit', exited, 10_000);
    const kept = readFileSync(log);
    expect(kept.length).toBe(data.length);
    expect(kept.equals(data)).toBe(true);
  });

  it('mirrors colours, attributes and wide characters into the headless terminal', async () => {
    const dir = tempDir();
    const log = join(dir, 't.log');
    const { s, exited } = start(['printf', '\\033[1;31mred\\033[0m \\033[38;2;10;20;30mrgb\\033[0m 中文🙂 \\033[7minv\\033[0m\\n'], { transcript: log });
    await waitFor('exit', exited);
    const line = s.snapshot().lines[0]!;
    expect(line).toBe('red rgb 中文🙂 inv');
    const red = s.terminal.cellAt(0, 0)!;
    expect(red.isBold()).toBeTruthy();
    expect(red.isFgPalette() && red.getFgColor()).toBe(1);
    const rgb = s.terminal.cellAt(4, 0)!;
    expect(rgb.isFgRGB() && rgb.getFgColor()).toBe((10 << 16) | (20 << 8) | 30);
    const han = s.terminal.cellAt(8, 0)!;
    expect(han.getChars()).toBe('中');
    expect(han.getWidth()).toBe(2);
    // The styled row carries the same attributes as SGR, and only our own SGR.
    const styled = s.terminal.styledRows()[0]!;
    expect(styled).toContain('\x1b[1;31mred');
    expect(styled).toContain('\x1b[0;38;2;10;20;30mrgb');
    expect(styled).toContain('中文🙂');
    expect(styled).toContain('中文🙂 \x1b[7minv\x1b[0m');
    // The transcript holds the raw bytes as they came.
    expect(readFileSync(log, 'utf8')).toContain('\x1b[1;31mred\x1b[0m');
    expect(exited()).toEqual({ code: 0 });
  });

  it('gives the agent its terminal variables and its own env', async () => {
    const { s, exited } = start(['sh', '-c', 'echo "$TERM $COLORTERM $AGENTMUX $AGENTMUX_AGENT $EXTRA ${TMUX:-notmux}"']);
    await waitFor('exit', exited);
    expect(s.snapshot().lines[0]).toBe('xterm-256color truecolor 1 t yes notmux');
  });

  it('shows a missing command in the pane and exits 127', async () => {
    const { s, exited } = start(['definitely-not-a-command-xyz', '--flag']);
    await waitFor('exit', exited);
    expect(exited()).toEqual({ code: 127 });
    expect(s.snapshot().lines.join('')).toBe('agentmux: command not found: definitely-not-a-command-xyz');
  });

  it('reports the exit code of a command that fails at once', async () => {
    const { s, exited } = start(['sh', '-c', 'echo boom >&2; exit 3']);
    await waitFor('exit', exited);
    expect(exited()).toEqual({ code: 3 });
    expect(s.snapshot().lines[0]).toBe('boom');
  });

  it('resizes the PTY with its pane', async () => {
    const { s } = start(['sh', '-c', 'trap "stty size" WINCH; stty size; while :; do sleep 0.05; done'], { cols: 40, rows: 8 });
    await waitFor('first size', () => s.snapshot().lines.includes('8 40'));
    s.resize(50, 12);
    await waitFor('new size', () => s.terminal.allText().includes('12 50'));
    expect(s.snapshot().cols).toBe(50);
  });

  it('dispose ends the whole process group, even a child that ignores SIGHUP, and is safe twice', async () => {
    const { s } = start(['sh', '-c', 'trap "" HUP; (trap "" HUP; sleep 300) & echo ready; sleep 300']);
    await waitFor('ready', () => s.snapshot().lines.includes('ready'));
    const pid = s.pid!;
    expect(groupAlive(pid)).toBe(true);
    await Promise.all([s.dispose(300), s.dispose(300)]);
    expect(groupAlive(pid)).toBe(false);
    await s.dispose(300);
  });
});

describe('SessionManager', () => {
  it('types an agent’s first task once it is first idle, and only once', async () => {
    const { SessionManager } = await import('../../src/session/manager.js');
    const { DEFAULT_SETTINGS } = await import('../../src/config/types.js');
    const dir = tempDir();
    // A line-reading "agent": quiet until it gets a line, then says what it got.
    const m = new SessionManager(
      [{ name: 'a', argv: ['sh', '-c', 'printf "ready> "; while read line; do echo "got: $line"; printf "ready> "; done'], cwd: dir, env: {}, kind: 'shell', prompt: 'fix the flaky test' }],
      { settings: DEFAULT_SETTINGS, runDir: null },
    );
    try {
      m.startAll(() => ({ cols: 60, rows: 10 }));
      await waitFor('the task answered', () => m.agents[0]!.snapshot().lines.includes('got: fix the flaky test'), 8000);
      await waitFor('idle again', () => m.statuses[0]!.state === 'idle', 8000);
      await new Promise((r) => setTimeout(r, 300));
      expect(m.agents[0]!.snapshot().lines.filter((l) => l.startsWith('got:'))).toEqual(['got: fix the flaky test']);
    } finally {
      await m.dispose(300);
    }
  });
});
