import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, statSync } from 'node:fs';

/**
 * Whether an agent is blocked waiting to read its terminal: the one sign that a key typed now
 * reaches the prompt on its screen, rather than waiting in the terminal's input for whatever
 * asks next. Linux only, from /proc (measured on 6.x kernels):
 * - the terminal's foreground process group is field 8 (tpgid) of the agent's /proc/<pid>/stat;
 * - a thread of that group sleeping (state S) in a system call that waits for the terminal to
 *   become readable, read from /proc/<pid>/task/<tid>/syscall (number and arguments): read(2) on
 *   the terminal (bash `read`, Python `input()`; wchan shows `wait_woken`), epoll_wait(2) on an
 *   epoll set that holds the terminal for reading (Node/libuv, prompt_toolkit, Rust's mio; wchan
 *   `do_epoll_wait`: the set's members are in /proc/<pid>/fdinfo/<epfd>), or poll(2)/select(2)
 *   with the terminal among their descriptors (read from the waiting thread's memory).
 * wchan alone does not do: Node waits in epoll_wait whether or not it reads its terminal (a
 * program that only runs a timer looks the same), and `wait_woken` is also a socket's wait.
 * Reading another process's syscall file and memory needs ptrace access, which a process has
 * to its own descendants under Yama's default (ptrace_scope 1): agents are agentmux's children.
 * Elsewhere this cannot be told from outside without privileges (macOS and the BSDs show a
 * wait channel, `ttyin` for a blocking terminal read, but `kqread`/`select` name no
 * descriptor), so agentmux leaves the prompt to the user.
 */
export type InputWait = { waiting: true; how: string } | { waiting: false; reason: string };

/** System call numbers of the waits that can be for terminal input. */
const SYSCALLS: Record<string, Record<number, 'read' | 'epoll' | 'poll' | 'select'>> = {
  x64: { 0: 'read', 19: 'read', 7: 'poll', 271: 'poll', 23: 'select', 270: 'select', 232: 'epoll', 281: 'epoll', 441: 'epoll' },
  arm64: { 63: 'read', 65: 'read', 73: 'poll', 72: 'select', 22: 'epoll', 441: 'epoll' },
};
const POLLIN = 0x1;
const EPOLLIN = 0x1;

const read = (path: string): string | null => {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return null;
  }
};

/** Fields of a stat file after the command name: state [0], pgrp [2], tty_nr [4], tpgid [5]. */
const statFields = (path: string): string[] | null => {
  const s = read(path);
  return s === null ? null : s.slice(s.lastIndexOf(')') + 2).split(' ');
};

/** Bytes of another process's memory (its poll or select arguments), or null. */
function peek(pid: number, address: number, length: number): Buffer | null {
  if (!Number.isSafeInteger(address) || length <= 0 || length > 65536) return null;
  let fd: number | null = null;
  try {
    fd = openSync(`/proc/${pid}/mem`, 'r');
    const buf = Buffer.alloc(length);
    return readSync(fd, buf, 0, length, address) === length ? buf : null;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** What one sleeping thread waits on, when that includes reading terminal `tty`; undefined when its syscall file cannot be read. */
function threadWait(pid: number, tid: string, isTty: (fd: number) => boolean): string | null | undefined {
  const line = read(`/proc/${pid}/task/${tid}/syscall`);
  if (line === null) return undefined;
  if (!/^\d/.test(line)) return null; // "running", or "-1 …" (not in a system call)
  const [nr, ...args] = line
    .trim()
    .split(' ')
    .map((x) => Number(x));
  const kind = SYSCALLS[process.arch]?.[nr!];
  const a = args as number[];
  switch (kind) {
    case 'read':
      return isTty(a[0]!) ? 'a read of its terminal' : null;
    case 'epoll': {
      const info = read(`/proc/${pid}/fdinfo/${a[0]}`) ?? '';
      for (const m of info.matchAll(/^tfd:\s*(\d+)\s+events:\s*([0-9a-f]+)/gm)) {
        if (Number.parseInt(m[2]!, 16) & EPOLLIN && isTty(Number(m[1]))) return 'an epoll wait that includes its terminal';
      }
      return null;
    }
    case 'poll': {
      const n = a[1]!;
      const fds = peek(pid, a[0]!, n * 8);
      if (!fds) return null;
      for (let i = 0; i < n; i++) if (fds.readInt16LE(i * 8 + 4) & POLLIN && isTty(fds.readInt32LE(i * 8))) return 'a poll that includes its terminal';
      return null;
    }
    case 'select': {
      const n = a[0]!;
      const set = a[1] ? peek(pid, a[1], Math.ceil(n / 64) * 8) : null;
      if (!set) return null;
      for (let fd = 0; fd < n; fd++) if (set[fd >> 3]! & (1 << (fd & 7)) && isTty(fd)) return 'a select that includes its terminal';
      return null;
    }
    default:
      return null;
  }
}

/**
 * Whether the foreground process group of the terminal agent `pid` leads is blocked waiting to
 * read that terminal. A wait for readability that sleeps proves nothing is pending in the
 * terminal's input, except a line not yet ended by Enter in canonical mode (see pendingLine).
 */
export function terminalWait(pid: number): InputWait {
  if (process.platform !== 'linux' || !SYSCALLS[process.arch]) return { waiting: false, reason: 'agentmux cannot tell on this system whether the agent waits for input' };
  const lead = statFields(`/proc/${pid}/stat`);
  if (!lead) return { waiting: false, reason: 'the agent is not running' };
  const tty = Number(lead[4]);
  const group = Number(lead[5]);
  if (!tty || group <= 0) return { waiting: false, reason: 'the agent has no terminal' };
  const isTtyOf = (p: number) => (fd: number) => {
    try {
      return statSync(`/proc/${p}/fd/${fd}`).rdev === tty;
    } catch {
      return false;
    }
  };
  let busy = false;
  let hidden = false;
  for (const entry of readdirSync('/proc')) {
    if (entry.charCodeAt(0) > 57) continue;
    const f = statFields(`/proc/${entry}/stat`);
    if (!f || Number(f[2]) !== group || Number(f[4]) !== tty) continue;
    const p = Number(entry);
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      const state = statFields(`/proc/${p}/task/${tid}/stat`)?.[0];
      if (state === 'R' || state === 'D') busy = true;
      if (state !== 'S') continue;
      const how = threadWait(p, tid, isTtyOf(p));
      if (how) return { waiting: true, how };
      if (how === undefined) hidden = true;
    }
  }
  if (hidden) return { waiting: false, reason: 'agentmux may not look into the agent’s processes (ptrace is restricted here)' };
  return { waiting: false, reason: busy ? 'the agent is busy, not waiting for input' : 'the agent is not reading its terminal' };
}

/**
 * True when input not yet ended by Enter may be waiting in the terminal of `pid`: agentmux's
 * last write to it ended mid-line and the terminal is in canonical (line) mode, where a reader
 * gets nothing until the line ends, so it sleeps with those keys pending. In raw mode every
 * key is read as it comes. Asked of stty(1); unknown counts as pending.
 */
export function pendingLine(pid: number, lastWriteEndedLine: boolean): boolean {
  if (lastWriteEndedLine) return false;
  try {
    const rdev = Number(statFields(`/proc/${pid}/stat`)?.[4]);
    const fd = readdirSync(`/proc/${pid}/fd`).find((n) => statSync(`/proc/${pid}/fd/${n}`, { throwIfNoEntry: false })?.rdev === rdev);
    if (!rdev || fd === undefined) return true;
    const tty = readlinkSync(`/proc/${pid}/fd/${fd}`);
    const modes = execFileSync('stty', ['-F', tty, '-a'], { encoding: 'utf8', timeout: 1000, stdio: ['ignore', 'pipe', 'ignore'] });
    return !/(^|\s)-icanon(\s|$)/.test(modes);
  } catch {
    return true;
  }
}
