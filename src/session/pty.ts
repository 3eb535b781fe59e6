import pty from '@lydell/node-pty';
import { readSync } from 'node:fs';
import { PtyWriter } from './pty-writer.js';

/** What agentmux needs from a pseudo-terminal. The only place that imports node-pty. */
export interface Pty {
  readonly pid: number;
  /** The bytes as the agent wrote them (never decoded: the transcript keeps them exactly). */
  onData(listener: (data: Buffer) => void): void;
  onExit(listener: (exit: { exitCode: number; signal?: number }) => void): void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** Stops reading the agent's output (it blocks once the kernel's buffer is full) until resume. */
  pause(): void;
  resume(): void;
}

export interface PtyOptions {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
}

/** The most a closing PTY is read for at once (a process still writing to it cannot hold us). */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/**
 * Reads what is left in a PTY master, synchronously, until it is empty (EAGAIN) or the other
 * side is gone and drained (EIO).
 */
function drain(fd: number, deliver: (data: Buffer) => void): void {
  const buf = Buffer.allocUnsafe(64 * 1024);
  for (let total = 0; total < DRAIN_LIMIT; ) {
    let n = 0;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch {
      return;
    }
    if (n <= 0) return;
    total += n;
    deliver(Buffer.from(buf.subarray(0, n)));
  }
}

export function spawnPty(opts: PtyOptions): Pty {
  const child = pty.spawn(opts.file, opts.args, {
    name: opts.env.TERM ?? 'xterm-256color',
    cols: Math.max(1, opts.cols),
    rows: Math.max(1, opts.rows),
    cwd: opts.cwd,
    env: opts.env,
    // Bytes, not text: invalid UTF-8 must reach the transcript as it was, not as U+FFFD.
    encoding: null,
  });
  const listeners: ((data: Buffer) => void)[] = [];
  const deliver = (data: Buffer) => {
    for (const l of listeners) l(data);
  };
  child.onData((data: string | Buffer) => deliver(typeof data === 'string' ? Buffer.from(data, 'utf8') : data));
  // node-pty closes the master 200 ms after the process exits, read or not: output an agent
  // printed just before it ended (still in the kernel while agentmux was busy) was lost. What
  // is left is read first.
  const internals = child as unknown as { _socket?: { destroy: (...a: unknown[]) => unknown; once: (e: 'close', l: () => void) => unknown }; _fd?: number };
  const socket = internals._socket;
  const fd = internals._fd;
  // Keys go to the master from this turn of the event loop (see pty-writer.ts), while it is open.
  let writer: PtyWriter | null = null;
  if (socket && typeof fd === 'number') {
    const w = (writer = new PtyWriter(fd));
    const destroy = socket.destroy.bind(socket);
    socket.destroy = (...a: unknown[]) => {
      w.close();
      drain(fd, deliver);
      return destroy(...a);
    };
    socket.once('close', () => w.close());
  }
  return {
    pid: child.pid,
    onData: (listener) => void listeners.push(listener),
    onExit: (listener) => void child.onExit(({ exitCode, signal }) => listener({ exitCode, ...(signal ? { signal } : {}) })),
    write: (data) => (writer ? writer.write(data) : child.write(data)),
    pause: () => child.pause(),
    resume: () => child.resume(),
    resize: (cols, rows) => {
      try {
        child.resize(Math.max(1, cols), Math.max(1, rows));
      } catch {
        // The process may have exited between the check and the ioctl: nothing to resize.
      }
    },
  };
}
