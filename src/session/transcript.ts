import { closeSync, openSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { makeDirectory } from './make-dir.js';

/** `$XDG_STATE_HOME/agentmux/runs` (default `~/.local/state/agentmux/runs`). */
export function runsDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state');
  return join(base, 'agentmux', 'runs');
}

/** A run id that sorts by time: 20261124-224005-1a2b. */
export function newRunId(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `${stamp}-${process.pid.toString(16)}`;
}

/** Creates the private directory for one run's files and returns its path. */
export function createRunDir(env: NodeJS.ProcessEnv = process.env, runId = newRunId()): string {
  const dir = join(runsDir(env), runId);
  makeDirectory(dir, 'the state directory (XDG_STATE_HOME)');
  return dir;
}

/**
 * The raw bytes an agent printed, appended as they arrive. Each chunk goes straight to the
 * kernel (no user-space buffer), so a crash of agentmux loses nothing already received.
 */
export class Transcript {
  private fd: number | null;
  /** Set when a write failed (disk full, …); later chunks are not attempted. */
  error: string | null = null;

  /** `onError` hears the first failed write, once. */
  constructor(
    readonly path: string,
    private readonly onError?: (message: string) => void,
  ) {
    this.fd = openSync(path, 'a', 0o600);
  }

  append(data: string | Uint8Array): void {
    if (this.fd === null || this.error) return;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const why = e.code === 'ENOSPC' ? 'the disk is full' : e.code === 'EDQUOT' ? 'the disk quota is used up' : e.message;
      this.error = `its transcript stopped (${why}): ${this.path} is incomplete`;
      this.onError?.(this.error);
    }
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}
