import { writeSync } from 'node:fs';

/** How long to wait before trying again when the agent's input is full (ms). */
const RETRY_MS = 2;

/**
 * Writes keys to a PTY master in the same turn of the event loop, in order. node-pty writes on
 * libuv's thread pool: every key waited for a pool thread to be scheduled, one more wake-up on
 * its way to the agent (on a busy machine, milliseconds). The master is non-blocking: what does
 * not fit (the agent is not reading and its input is full) waits here, in order, and is tried
 * again shortly; nothing written later overtakes it. Once closed, nothing more is written: the
 * descriptor's number may already belong to another file.
 */
export class PtyWriter {
  private queue: Buffer[] = [];
  private retry: { cancel: () => void } | null = null;
  private closed = false;

  constructor(private readonly fd: number) {}

  write(data: string | Buffer): void {
    if (this.closed) return;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (!bytes.length) return;
    this.queue.push(bytes);
    if (this.queue.length === 1) this.flush(true);
  }

  /** The master is closed (or about to be): what waits is dropped, later writes are ignored. */
  close(): void {
    this.closed = true;
    this.queue = [];
    this.retry?.cancel();
    this.retry = null;
  }

  private flush(first: boolean): void {
    this.retry = null;
    while (this.queue.length && !this.closed) {
      const head = this.queue[0]!;
      let n: number;
      try {
        n = writeSync(this.fd, head);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') return this.later(first);
        // The agent's side is gone (EIO) or the descriptor with it: nothing more can be written.
        return this.close();
      }
      if (n < head.length) {
        this.queue[0] = head.subarray(n);
        return this.later(first);
      }
      this.queue.shift();
    }
  }

  private later(first: boolean): void {
    if (first) {
      const handle = setImmediate(() => this.flush(false));
      this.retry = { cancel: () => clearImmediate(handle) };
    } else {
      const handle = setTimeout(() => this.flush(false), RETRY_MS);
      this.retry = { cancel: () => clearTimeout(handle) };
    }
  }
}
