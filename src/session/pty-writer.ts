import { writeSync } from 'node:fs';

/** How long to wait before trying again when the agent took nothing at the last try (ms). */
const RETRY_MS = 2;

/**
 * Writes keys to a PTY master in the same turn of the event loop, in order. node-pty writes on
 * libuv's thread pool: every key waited for a pool thread to be scheduled, one more wake-up on
 * its way to the agent (on a busy machine, milliseconds). The master is non-blocking: what does
 * not fit (the agent's input is full) waits here, in order, and is tried again on the next turn
 * while the agent takes some, every RETRY_MS while it takes none; nothing written later
 * overtakes it. Once closed, nothing more is written: the
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
    if (this.queue.length === 1) this.flush();
  }

  /** The master is closed (or about to be): what waits is dropped, later writes are ignored. */
  close(): void {
    this.closed = true;
    this.queue = [];
    this.retry?.cancel();
    this.retry = null;
  }

  private flush(): void {
    this.retry = null;
    let progress = false;
    while (this.queue.length && !this.closed) {
      const head = this.queue[0]!;
      let n: number;
      try {
        n = writeSync(this.fd, head);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') return this.later(progress);
        // The agent's side is gone (EIO) or the descriptor with it: nothing more can be written.
        return this.close();
      }
      progress ||= n > 0;
      if (n < head.length) {
        this.queue[0] = head.subarray(n);
        return this.later(progress);
      }
      this.queue.shift();
    }
  }

  /** Tries again: on the next turn while the agent takes what is written, else after RETRY_MS. */
  private later(progress: boolean): void {
    if (progress) {
      const handle = setImmediate(() => this.flush());
      this.retry = { cancel: () => clearImmediate(handle) };
    } else {
      const handle = setTimeout(() => this.flush(), RETRY_MS);
      this.retry = { cancel: () => clearTimeout(handle) };
    }
  }
}
