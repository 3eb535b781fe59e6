import { chmodSync, lstatSync, unlinkSync, utimesSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { ClientView } from './client-view.js';
import type { SessionHost } from './host.js';
import { SessionError, SessionRunning } from './paths.js';
import { type Bye, encode, encodeJson, FrameDecoder, HELLO_WAIT_MS, type Hello, type Message, MSG, PROTOCOL_VERSION, ProtocolError, parseHello, parseResize } from './protocol.js';

/**
 * How long the server waits for its first client (the command that started it attaches at once)
 * before it starts the agents anyway, and lets an end with nobody attached end it.
 */
const FIRST_CLIENT_MS = 10_000;

/** How long a detaching or quitting client's last frames may take to go out. */
const FLUSH_MS = 500;

/** Whether a server answers at `path`. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(path);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

function inode(path: string): number | null {
  try {
    return lstatSync(path).ino;
  } catch {
    return null;
  }
}

/**
 * A session's server: listens on the session's socket, gives each attached client its own
 * dashboard (ClientView), answers `ls`, `kill` and `events`, and ends the session when asked,
 * or once its last agent has exited with nobody attached.
 */
export class SessionServer {
  private server: Server | null = null;
  private ino: number | null = null;
  private readonly views = new Map<Socket, ClientView>();
  private readonly sockets = new Set<Socket>();
  private attachedOnce = false;
  private stopping: Promise<number> | null = null;
  private resolveDone!: (code: number) => void;
  /** Resolves with the exit code once the session has ended. */
  readonly done = new Promise<number>((r) => (this.resolveDone = r));

  /**
   * `startSize`: the agents' size should no client come (the starting terminal's panes). The agents
   * start when the first client attaches, at its size: its terminal hears their first alerts and
   * sees their first screens.
   */
  constructor(
    private readonly host: SessionHost,
    private readonly path: string,
    startSize: { cols: number; rows: number },
  ) {
    host.manager.onStateChange((c) => c.state === 'exited' && this.endIfIdle());
    setTimeout(() => {
      this.attachedOnce = true;
      this.host.start(startSize);
      this.endIfIdle();
    }, FIRST_CLIENT_MS).unref();
  }

  /**
   * Listens on the socket. A stale socket (its server crashed) is removed first; a live one is
   * never taken over: that session already runs.
   */
  async listen(): Promise<void> {
    try {
      await this.bind();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw new SessionError(`cannot listen on ${this.path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      if (await answers(this.path)) throw new SessionRunning(`a session named ${this.host.opts.session} is already running (agentmux attach ${this.host.opts.session})`);
      unlinkSync(this.path);
      await this.bind();
    }
  }

  private bind(): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((s) => this.accept(s));
      server.once('error', reject);
      server.listen(this.path, () => {
        server.off('error', reject);
        server.on('error', () => {});
        chmodSync(this.path, 0o600);
        this.server = server;
        this.ino = inode(this.path);
        resolve();
      });
    });
  }

  /**
   * Makes the socket again when it was removed (tmux does the same on SIGUSR1). Only when nothing
   * is there: another server's socket at the path is never touched.
   */
  async relisten(): Promise<void> {
    if (this.stopping || inode(this.path) !== null) return;
    // (Closing a server unlinks its path, whatever is there now: the path is empty here.)
    this.server?.close();
    this.server = null;
    try {
      await this.listen();
    } catch (err) {
      this.host.say(`the socket ${this.path} is gone and cannot be made again: ${(err as Error).message}`, 'warn');
    }
  }

  private accept(s: Socket): void {
    if (this.stopping) return void s.destroy();
    this.sockets.add(s);
    const decoder = new FrameDecoder();
    let hello: Hello | null = null;
    const helloTimer = setTimeout(() => s.destroy(), HELLO_WAIT_MS);
    s.on('error', () => {});
    s.on('close', () => {
      clearTimeout(helloTimer);
      this.sockets.delete(s);
      this.dropView(s);
    });
    s.on('data', (chunk: Buffer) => {
      try {
        for (const m of decoder.feed(chunk)) {
          if (!hello) {
            hello = parseHello(m);
            clearTimeout(helloTimer);
            this.greet(s, hello);
          } else this.onMessage(s, hello, m);
        }
      } catch (err) {
        // Whatever is not the protocol ends the connection, and nothing else.
        if (!(err instanceof ProtocolError)) this.host.say(`a client's message failed: ${(err as Error).message}`, 'warn');
        this.dropView(s);
        s.destroy();
      }
    });
  }

  private greet(s: Socket, hello: Hello): void {
    if (hello.agentmux !== PROTOCOL_VERSION) {
      return this.bye(s, {
        reason: 'refused',
        code: 1,
        message: `this session is served by agentmux ${this.host.opts.version} (protocol ${PROTOCOL_VERSION}); the client speaks protocol ${hello.agentmux}`,
      });
    }
    if (hello.role === 'status') {
      s.end(encodeJson(MSG.reply, this.host.status(process.cwd())));
    } else if (hello.role === 'kill') {
      s.write(encodeJson(MSG.reply, { ok: true }));
      // The connection closes when the session has ended: `agentmux kill` returns after its agents are gone.
      void this.stop(true, 0, 'killed');
    } else if (hello.role === 'events') {
      const off = this.host.onEventLine((line) => s.write(encode(MSG.line, line)));
      s.on('close', off);
    } else {
      this.attach(s, hello);
    }
  }

  private attach(s: Socket, hello: Hello): void {
    this.attachedOnce = true;
    try {
      // The most recently used session is the one `agentmux attach` picks.
      const now = new Date();
      utimesSync(this.path, now, now);
    } catch {
      // the socket was removed: relisten() makes it again
    }
    // What one turn of the event loop writes (a frame, the panes painted after it) goes out as one.
    let corked = false;
    const link = {
      write: (data: string) => {
        if (!corked) {
          corked = true;
          s.cork();
          process.nextTick(() => {
            corked = false;
            s.uncork();
          });
        }
        return s.write(encode(MSG.output, data));
      },
      get writableLength() {
        return s.writableLength;
      },
      on: (event: 'drain', l: () => void) => s.on(event, l),
      off: (event: 'drain', l: () => void) => s.off(event, l),
    };
    const view = new ClientView(this.host, link, {
      cols: hello.cols!,
      rows: hello.rows!,
      env: hello.env ?? {},
      onDetach: () => void this.detach(s),
      onQuit: () => void this.stop(true, 0, 'quit'),
    });
    this.views.set(s, view);
    this.host.join(view, hello.notice);
    if (this.host.started) view.claimAgents();
    else this.host.start(view.agentSize() ?? { cols: 80, rows: 24 });
  }

  private onMessage(s: Socket, hello: Hello, m: Message): void {
    const view = this.views.get(s);
    if (hello.role !== 'attach' || !view) throw new ProtocolError('a message after a hello that takes none');
    if (m.type === MSG.input) return view.input(m.payload);
    if (m.type === MSG.resize) {
      const { cols, rows } = parseResize(m);
      return view.resize(cols, rows);
    }
    throw new ProtocolError(`message type ${m.type} from a client`);
  }

  private async detach(s: Socket): Promise<void> {
    const view = this.views.get(s);
    if (!view) return;
    await view.flushed(FLUSH_MS);
    this.bye(s, { reason: 'detach', code: 0, message: `detached from ${this.host.opts.session} (agentmux attach ${this.host.opts.session} to come back)` });
    this.dropView(s);
  }

  private dropView(s: Socket): void {
    const view = this.views.get(s);
    if (!view) return;
    this.views.delete(s);
    view.dispose();
    this.host.leave(view);
    // The agents take the size of a client still attached.
    [...this.views.values()].at(-1)?.claimAgents();
    void this.relisten();
    this.endIfIdle();
  }

  private bye(s: Socket, bye: Bye): void {
    s.end(encodeJson(MSG.bye, bye));
  }

  /** With every agent exited and nobody attached, nothing is left to serve. */
  private endIfIdle(): void {
    if (this.stopping || !this.attachedOnce || this.views.size > 0 || this.host.manager.busyCount > 0) return;
    void this.stop(true, 0, 'ended');
  }

  /**
   * Ends the session: the agents ended, the socket removed (only if it is still this server's),
   * then every client told why (each restores its own terminal). `byUser` leaves the session not
   * resumable.
   */
  stop(byUser: boolean, code: number, reason: Bye['reason']): Promise<number> {
    this.stopping ??= (async () => {
      // Closing a server unlinks its path whatever is there now: only while the socket is still
      // this server's (else the process's exit closes it and leaves the path alone).
      const ours = this.ino !== null && inode(this.path) === this.ino;
      if (ours) this.server?.close();
      for (const view of this.views.values()) {
        view.dispose();
        this.host.leave(view);
      }
      this.views.clear();
      await this.host.stop(byUser);
      for (const s of this.sockets) this.bye(s, { reason, code, ...(reason === 'killed' ? { message: `session ${this.host.opts.session} was killed` } : {}) });
      this.resolveDone(code);
      return code;
    })();
    return this.stopping;
  }
}
