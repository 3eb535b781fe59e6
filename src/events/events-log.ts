import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { ConfigError } from '../config/types.js';
import type { StateChange } from '../model/status.js';

/** One JSON line per state change, for scripts and status bars: `{ts, agent, state, prev, reason, prompt?}`. */
export function formatEvent(change: StateChange): string {
  const { ts, agent, state, prev, reason, prompt } = change;
  return `${JSON.stringify({ ts: new Date(ts).toISOString(), agent, state, prev, reason, ...(prompt ? { prompt } : {}) })}\n`;
}

/** Appends events to a file, each line written whole as it happens. */
export class EventsLog {
  private fd: number | null;

  constructor(readonly path: string) {
    // A FIFO would block the dashboard until something reads it (and again whenever it is full).
    let kind: 'fifo' | 'other' | null = null;
    try {
      const st = statSync(path);
      kind = st.isFIFO() || st.isSocket() ? 'fifo' : st.isDirectory() ? 'other' : null;
    } catch {
      // not there yet: created below
    }
    if (kind === 'fifo') throw new ConfigError(`--events ${path}: a FIFO or socket would block agentmux: give a regular file`);
    if (kind === 'other') throw new ConfigError(`--events ${path}: is a directory`);
    try {
      this.fd = openSync(path, 'a', 0o600);
    } catch (err) {
      throw new ConfigError(`--events ${path}: cannot open (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
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
