import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../config/types.js';
import type { StateChange } from '../model/status.js';

/** One JSON line per state change, for scripts and status bars: `{v, event, ts, agent, state, prev, reason, prompt?}` (see the README). */
export function formatEvent(change: StateChange): string {
  const { ts, agent, state, prev, reason, prompt } = change;
  return `${JSON.stringify({ v: 1, event: 'state', ts: new Date(ts).toISOString(), agent, state, prev, reason, ...(prompt ? { prompt } : {}) })}\n`;
}

/** The line for a review typed into an agent: `{v, event: "review", ts, agent, comments}` (see the README). */
export function formatReviewEvent(ts: number, agent: string, comments: number): string {
  return `${JSON.stringify({ v: 1, event: 'review', ts: new Date(ts).toISOString(), agent, comments })}\n`;
}

/** Appends events to a file, each line written whole as it happens. */
export class EventsLog {
  private fd: number | null;

  constructor(readonly path: string) {
    // A FIFO would block the dashboard until something reads it (and again whenever it is full);
    // a device is no log (/dev/zero swallows it, a terminal shows it over the dashboard).
    let kind: 'fifo' | 'directory' | 'other' | null = null;
    try {
      const st = statSync(path);
      kind = st.isFIFO() || st.isSocket() ? 'fifo' : st.isDirectory() ? 'directory' : st.isFile() ? null : 'other';
    } catch {
      // not there yet: created below
    }
    if (kind === 'fifo') throw new ConfigError(`--events ${path}: a FIFO or socket would block agentmux: give a regular file`);
    if (kind === 'directory') throw new ConfigError(`--events ${path}: is a directory`);
    if (kind === 'other') throw new ConfigError(`--events ${path}: not a regular file`);
    try {
      this.fd = openSync(path, 'a', 0o600);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new ConfigError(`--events ${path}: no directory ${dirname(path)} to put it in`);
      throw new ConfigError(`--events ${path}: cannot open (${code ?? (err as Error).message})`);
    }
  }

  write(change: StateChange): void {
    this.writeLine(formatEvent(change));
  }

  /** A line of another kind (an approval decision), written whole. */
  writeLine(line: string): void {
    if (this.fd === null) return;
    try {
      writeSync(this.fd, line);
    } catch {
      // A full disk must not stop the dashboard; the transcript still has everything.
    }
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
