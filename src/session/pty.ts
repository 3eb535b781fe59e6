import pty from '@lydell/node-pty';

/** What agentmux needs from a pseudo-terminal. The only place that imports node-pty. */
export interface Pty {
  readonly pid: number;
  onData(listener: (data: string) => void): void;
  onExit(listener: (exit: { exitCode: number; signal?: number }) => void): void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** Stops reading from the PTY (flow control); resume() starts again. Bytes are never dropped. */
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

export function spawnPty(opts: PtyOptions): Pty {
  const child = pty.spawn(opts.file, opts.args, {
    name: opts.env.TERM ?? 'xterm-256color',
    cols: Math.max(1, opts.cols),
    rows: Math.max(1, opts.rows),
    cwd: opts.cwd,
    env: opts.env,
  });
  return {
    pid: child.pid,
    onData: (listener) => void child.onData(listener),
    onExit: (listener) => void child.onExit(({ exitCode, signal }) => listener({ exitCode, ...(signal ? { signal } : {}) })),
    write: (data) => child.write(data),
    resize: (cols, rows) => {
      try {
        child.resize(Math.max(1, cols), Math.max(1, rows));
      } catch {
        // The process may have exited between the check and the ioctl: nothing to resize.
      }
    },
    pause: () => child.pause(),
    resume: () => child.resume(),
  };
}
