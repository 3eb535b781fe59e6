import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Saves an agent's raw PTY output with timestamps, one JSON line per chunk:
 * `{"t": <ms since the recording began>, "d": "<the chunk>"}`, after a header line
 * `{"agent", "cols", "rows", "argv", "started"}`. Replayed by the tests as fixtures.
 */
export class Recorder {
  private fd: number | null;
  private readonly start = performance.now();

  constructor(dir: string, agent: string, header: { cols: number; rows: number; argv: readonly string[] }) {
    mkdirSync(dir, { recursive: true });
    this.fd = openSync(join(dir, `${agent}.jsonl`), 'w', 0o600);
    this.line({ agent, ...header, started: new Date().toISOString() });
  }

  private line(obj: object): void {
    if (this.fd === null) return;
    try {
      writeSync(this.fd, `${JSON.stringify(obj)}\n`);
    } catch {
      this.close();
    }
  }

  chunk(data: string): void {
    this.line({ t: Math.round((performance.now() - this.start) * 10) / 10, d: data });
  }

  /** A resize is part of what the screen went through. */
  resize(cols: number, rows: number): void {
    this.line({ t: Math.round((performance.now() - this.start) * 10) / 10, resize: [cols, rows] });
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
