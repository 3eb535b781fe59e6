import { closeSync } from 'node:fs';
import type { Socket } from 'node:net';
import { addCleanup } from '../lib/cleanup.js';
import { isatty } from 'node:tty';
import { SessionError } from '../server/paths.js';
import { type Bye, encode, encodeJson, FrameDecoder, MAX_MESSAGE, MSG, PROTOCOL_VERSION, parseBye, terminalEnv } from '../server/protocol.js';
import { probe } from './connect.js';
import { TerminalScreen } from './terminal-screen.js';

/**
 * How much may wait for the terminal before the client stops reading the socket (so that the
 * server, seeing its socket full, drops frames until the terminal reads again). Not Node's 16 KiB
 * high-water mark: one whole-screen redraw is more than that.
 */
const CLIENT_BACKLOG = 256 * 1024;

/** Write and read errors that mean the terminal is gone. */
const TERMINAL_GONE = new Set(['EIO', 'EPIPE', 'ENXIO', 'EBADF', 'ECONNRESET']);

/**
 * How long a server may take to say anything after the hello. It answers an attach at once;
 * one that took the connection and stays silent (stopped, or hung) does not keep the terminal.
 */
const FIRST_ANSWER_MS = 5000;

const DETACH_SIGNALS: ReadonlyArray<[NodeJS.Signals, number]> = [
  ['SIGTERM', 143],
  ['SIGHUP', 129],
  ['SIGINT', 130],
];

/** Which of stdin, stdout, stderr were terminals when the client started. */
const STDIO_TTYS = [0, 1, 2].filter((fd) => isatty(fd));

/**
 * Lets go of a terminal that has gone away: Node restores the terminal's settings on exit and
 * aborts when that fails (EIO), so the descriptors that were terminals are closed first.
 */
function releaseDeadTerminal(stdin: NodeJS.ReadStream): void {
  stdin.destroy();
  for (const fd of STDIO_TTYS) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }
}

/** Makes a terminal's writes non-blocking (Node makes them blocking), so a stopped terminal holds back the socket, not the client. */
function nonBlocking(stream: NodeJS.WriteStream): void {
  const handle = (stream as unknown as { _handle?: { setBlocking?: (on: boolean) => number } })._handle;
  if (stream.isTTY) handle?.setBlocking?.(false);
}

export interface AttachOptions {
  name: string;
  /** Shown on the status line once attached. */
  notice?: string;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

/**
 * The attach client: relays the terminal to the session's server (`to`: its socket, or a
 * connection to it already open): its bytes both ways, its size and changes of it, and nothing
 * else; the dashboard is drawn by the server. Whatever ends the attachment (a detach, a quit, a
 * signal, the terminal or the server going away), the terminal is restored. Resolves with the
 * exit code.
 */
export async function attach(to: string | Socket, opts: AttachOptions): Promise<number> {
  const stdin = opts.stdin ?? process.stdin;
  const stdout = opts.stdout ?? process.stdout;
  if (!stdin.isTTY || !stdout.isTTY) {
    if (typeof to !== 'string') to.destroy();
    throw new SessionError('the dashboard needs an interactive terminal (stdin and stdout must be a TTY)');
  }
  const sock = typeof to === 'string' ? await probe(to) : to;
  if (!sock) throw new SessionError(`session ${opts.name} is gone`);
  sock.setNoDelay(true);
  sock.write(
    encodeJson(MSG.hello, {
      agentmux: PROTOCOL_VERSION,
      role: 'attach',
      cols: stdout.columns || 80,
      rows: stdout.rows || 24,
      env: terminalEnv(process.env),
      ...(opts.notice ? { notice: opts.notice } : {}),
    }),
  );
  const screen = new TerminalScreen(stdin, stdout);
  screen.enter();
  // Last resort, synchronous: the terminal is restored even on process.exit() or a crash.
  const removeCleanup = addCleanup(() => screen.leave());
  nonBlocking(stdout);

  return new Promise<number>((resolve) => {
    let bye: Bye | null = null;
    let gone = false;
    let code: number | null = null;
    let silent = false;
    let waiting: NodeJS.Timeout | null = setTimeout(() => {
      silent = true;
      sock.destroy();
    }, FIRST_ANSWER_MS);
    const decoder = new FrameDecoder();
    const onSocketData = (chunk: Buffer) => {
      if (waiting) clearTimeout(waiting);
      waiting = null;
      let messages: ReturnType<FrameDecoder['feed']>;
      try {
        messages = decoder.feed(chunk);
      } catch {
        sock.destroy();
        return;
      }
      // What came in one read goes out in one write. A terminal that is behind holds back the
      // socket, and so the server's frames (it drops them, never an agent's bytes).
      const out: Buffer[] = [];
      for (const m of messages) {
        if (m.type === MSG.output) out.push(m.payload);
        else if (m.type === MSG.bye) bye = parseBye(m);
      }
      if (!out.length || gone) return;
      stdout.write(out.length === 1 ? out[0]! : Buffer.concat(out));
      if (stdout.writableLength > CLIENT_BACKLOG) sock.pause();
    };
    const onDrain = () => {
      if (stdout.writableLength <= CLIENT_BACKLOG) sock.resume();
    };
    const onInput = (chunk: Buffer | string) => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      for (let i = 0; i < b.length; i += MAX_MESSAGE) sock.write(encode(MSG.input, b.subarray(i, i + MAX_MESSAGE)));
    };
    const onResize = () => sock.write(encodeJson(MSG.resize, { cols: stdout.columns || 80, rows: stdout.rows || 24 }));
    const onTerminalError = (err: NodeJS.ErrnoException) => {
      if (!TERMINAL_GONE.has(err.code ?? '')) throw err;
      gone = true;
      code ??= 129;
      sock.destroy();
    };
    const signalHandlers = DETACH_SIGNALS.map(
      ([sig, c]) =>
        [
          sig,
          () => {
            code ??= c;
            sock.destroy();
          },
        ] as const,
    );
    for (const [sig, handler] of signalHandlers) process.on(sig, handler);
    sock.on('data', onSocketData);
    sock.on('error', () => {});
    stdout.on('drain', onDrain);
    stdout.on('error', onTerminalError);
    stdin.on('error', onTerminalError);
    stdin.on('data', onInput);
    stdout.on('resize', onResize);
    sock.on('close', () => {
      if (waiting) clearTimeout(waiting);
      stdin.off('data', onInput);
      stdout.off('resize', onResize);
      stdout.off('drain', onDrain);
      if (!gone && !screen.leave()) gone = true;
      removeCleanup();
      for (const [sig, handler] of signalHandlers) process.off(sig, handler);
      if (gone && stdin === process.stdin) releaseDeadTerminal(stdin);
      const b = bye as Bye | null;
      if (!gone && b?.message && b.reason !== 'quit') process.stderr.write(`agentmux: ${b.message}\n`);
      if (!gone && silent) process.stderr.write(`agentmux: session ${opts.name} did not answer (its server is stopped or hung)\n`);
      else if (!gone && !b && code === null) process.stderr.write(`agentmux: lost the connection to session ${opts.name}\n`);
      resolve(code ?? b?.code ?? 1);
    });
  });
}
