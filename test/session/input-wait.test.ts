import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { pendingLine, terminalWait } from '../../src/session/input-wait.js';
import { spawnPty, type Pty } from '../../src/session/pty.js';
import { waitFor } from '../helpers/poll.js';

/**
 * What /proc tells about a program in a real PTY: blocked reading its terminal, or not. The
 * programs are the ways agents read (Node/libuv and prompt_toolkit in epoll, bash and Python in
 * read, readline in select, poll) and the ways a program shows a prompt without reading.
 */
const running: Pty[] = [];
afterEach(() => {
  for (const p of running.splice(0)) {
    try {
      process.kill(-p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

function start(file: string, args: string[]): Pty {
  const p = spawnPty({ file, args, cwd: process.cwd(), env: { ...(process.env as Record<string, string>), PS1: '$ ' }, cols: 80, rows: 24 });
  running.push(p);
  return p;
}
const node = (code: string) => start(process.execPath, ['-e', code]);
const python = (() => {
  try {
    execFileSync('python3', ['-c', '0'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const waiting = (p: Pty) => waitFor('waiting for input', () => terminalWait(p.pid).waiting || null, 5000);
const linux = process.platform === 'linux';

describe.skipIf(!linux)('whether an agent waits for input at its terminal (Linux /proc)', () => {
  it('Node reading its terminal, cooked or raw, waits in an epoll set that holds it', async () => {
    expect(await waiting(node("process.stdin.on('data', () => {}); setInterval(() => {}, 1e6)"))).toBe(true);
    const raw = node("process.stdin.setRawMode(true); process.stdin.on('data', () => {}); setInterval(() => {}, 1e6)");
    await waiting(raw);
    expect(terminalWait(raw.pid)).toEqual({ waiting: true, how: 'an epoll wait that includes its terminal' });
  });

  it('bash `read` waits in read(2), interactive bash (readline) in select(2)', async () => {
    const read = start('bash', ['-c', 'read x']);
    await waiting(read);
    expect(terminalWait(read.pid)).toEqual({ waiting: true, how: 'a read of its terminal' });
    const interactive = start('bash', ['--norc', '--noprofile', '-i']);
    await waiting(interactive);
    expect(terminalWait(interactive.pid)).toEqual({ waiting: true, how: 'a select that includes its terminal' });
  });

  it.skipIf(!python)('Python input(), poll and epoll (prompt_toolkit) wait for it too', async () => {
    for (const [code, how] of [
      ['input()', 'a read of its terminal'],
      ['import select, sys; p = select.poll(); p.register(sys.stdin, select.POLLIN); p.poll(100000)', 'a poll that includes its terminal'],
      ['import selectors, sys; s = selectors.DefaultSelector(); s.register(sys.stdin, selectors.EVENT_READ); s.select(100)', 'an epoll wait that includes its terminal'],
    ] as const) {
      const p = start('python3', ['-c', code]);
      await waiting(p);
      expect(terminalWait(p.pid), code).toEqual({ waiting: true, how });
    }
  });

  it('a program that prints and does not read is not waiting: a timer, stdin paused, busy, a foreground child', async () => {
    const timer = node("process.stdout.write('Run shell command? (Y)es/(N)o [Yes]: '); setInterval(() => {}, 1e6)");
    const paused = node("process.stdin.on('data', () => {}); process.stdin.pause(); setInterval(() => {}, 1e6)");
    const busy = node("process.stdout.write('ok? [y/n] '); for (;;) {}");
    const shell = start('bash', ['--norc', '--noprofile', '-i']);
    await waiting(shell);
    shell.write('sleep 100\r');
    // Each settles (past Node's start-up) on its answer, and never on waiting.
    const settles = (p: Pty, reason: string, strict = true) =>
      waitFor(
        reason,
        () => {
          const w = terminalWait(p.pid);
          if (strict) expect(w.waiting).toBe(false);
          return !w.waiting && w.reason === reason ? w : null;
        },
        5000,
      );
    await settles(timer, 'the agent is not reading its terminal');
    await settles(paused, 'the agent is not reading its terminal');
    await settles(busy, 'the agent is busy, not waiting for input');
    // (bash may still be reading the line "sleep 100" when first looked at.)
    await settles(shell, 'the agent is not reading its terminal', false);
  });

  it('keys without Enter wait in a canonical terminal, never in a raw one', async () => {
    const cooked = node("process.stdin.on('data', () => {}); setInterval(() => {}, 1e6)");
    const raw = node("process.stdin.setRawMode(true); process.stdin.on('data', () => {}); setInterval(() => {}, 1e6)");
    await waiting(cooked);
    await waitFor('raw mode', () => !pendingLine(raw.pid, false) || null, 5000);
    expect(pendingLine(cooked.pid, false)).toBe(true);
    expect(pendingLine(cooked.pid, true)).toBe(false);
    expect(pendingLine(raw.pid, false)).toBe(false);
  });
});
