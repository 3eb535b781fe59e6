import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { render } from 'ink';
import { controlByte } from '../config/detach-key.js';
import type { TerminalLook } from '../session/terminal-replies.js';
import { App } from '../tui/App.js';
import { Controller } from '../tui/controller.js';
import { FrameDiff } from '../tui/frame-diff.js';
import { ESC_WAIT_MS, KeyDecoder } from '../tui/keys.js';
import { OUTER_LOOK_QUERY, OuterLook } from '../tui/outer-look.js';
import { OuterOutput } from '../tui/outer-output.js';
import { PanePainter } from '../tui/pane-painter.js';
import { createStore, initialUiState, reduce, type UiState } from '../tui/ui-state.js';
import type { SessionHost, View } from './host.js';

/** How long a status message stays (a warning longer). */
const INFO_MESSAGE_MS = 6000;
const WARN_MESSAGE_MS = 15_000;

/** Where a client's frames go: its socket. */
export interface ClientLink {
  write(bytes: string): boolean;
  readonly writableLength: number;
  on(event: 'drain', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
}

/**
 * A client's terminal as Ink sees it: a stream with a size that changes. Ink renders into any
 * such stream; what it writes goes to `write` (on its way down the client's socket).
 */
class ClientTerminal extends EventEmitter {
  readonly isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
    readonly write: (data: string) => boolean,
  ) {
    super();
  }
  resize(cols: number, rows: number): void {
    this.columns = cols;
    this.rows = rows;
    this.emit('resize');
  }
}

export interface ClientViewOptions {
  cols: number;
  rows: number;
  /** The client's terminal's environment (see TERMINAL_ENV). */
  env: NodeJS.ProcessEnv;
  /** The client chose to leave (q then d): the server says goodbye and closes its connection. */
  onDetach: () => void;
  /** The client chose to quit (q then y, or q with nothing running): the session ends. */
  onQuit: () => void;
}

/**
 * One attached client's dashboard: its own size, selection, focus, status line and Ink render,
 * drawn into its own stream, over the session's shared agents. Its keys come in as raw bytes.
 */
export class ClientView implements View {
  private readonly terminal: ClientTerminal;
  private readonly output: OuterOutput;
  private readonly outerLook: OuterLook;
  private readonly ui;
  private readonly controller: Controller;
  private readonly painter: PanePainter;
  private readonly ink: ReturnType<typeof render>;
  private readonly decoder = new KeyDecoder();
  private escTimer: NodeJS.Timeout | null = null;
  private messageTimer: NodeJS.Timeout | null = null;
  private shownMessage: UiState['message'] = null;
  /** The agent this client was typing into, as last seen. */
  private shownFocus: string | null = null;
  private readonly unsubscribe: () => void;
  private lastInkFrame = '';
  private readonly frames = new FrameDiff();
  private closed = false;
  /** Whether the client's terminal answered the look query (else it says nothing of its look). */
  private answered = false;

  constructor(
    private readonly host: SessionHost,
    link: ClientLink,
    private readonly opts: ClientViewOptions,
  ) {
    const settings = host.config.settings;
    this.outerLook = new OuterLook(opts.env);
    // A frame (not Ink's lone synchronized-update markers) goes out as the lines that changed,
    // with the panes painted again on those rows.
    this.terminal = new ClientTerminal(opts.cols, opts.rows, (data) => {
      if (/^\x1b\[\?2026[hl]$/.test(data)) {
        this.output.frame(data);
        return true;
      }
      const { bytes, rows } = this.frames.next(data, this.terminal.rows);
      if (rows === null || rows.length) this.lastInkFrame = data;
      this.output.frame(bytes + this.painter.afterFrame(rows));
      return true;
    });
    this.ui = createStore(initialUiState(opts.cols, opts.rows), reduce);
    // Frames never block the agents: dropped while the client is behind, then drawn whole again:
    // Ink's last frame (Ink does not write a frame it thinks is on screen) and every pane.
    this.output = new OuterOutput(link, () => this.output.always(`\x1b[?2026h\x1b[H\x1b[2J${this.lastInkFrame}${this.painter.afterFrame()}\x1b[?2026l`));
    this.controller = new Controller({
      manager: host.manager,
      approvals: host.approvals,
      comments: host.comments,
      ui: this.ui,
      writeOuter: (d) => this.output.always(d),
      detachByte: controlByte(settings.detachKey),
      worktreeDir: settings.worktreeDir,
      worktree: settings.worktree,
      overlaps: (agent) => host.stats.overlapFiles(agent),
      worktreeChanged: (w) => void host.stats.refresh(w),
    });
    // Ink draws the chrome; the painter draws the agents' screens into the panes, and again with
    // every frame Ink writes (which leaves the pane insides blank).
    this.painter = new PanePainter(
      (data) => this.output.frame(data),
      (name) => host.manager.session(name)?.terminal,
    );
    // Its colours and cell size, for the agents that ask theirs (the replies come in as input).
    this.output.always(OUTER_LOOK_QUERY);
    this.ink = render(
      <App
        manager={host.manager}
        approvals={host.approvals}
        comments={host.comments}
        painter={this.painter}
        ui={this.ui}
        stats={host.stats}
        mode={() => this.controller.mode()}
        hints={() => this.controller.hints(settings.detachKey)}
        detachKey={settings.detachKey}
      />,
      {
        stdout: this.terminal as unknown as NodeJS.WriteStream,
        stdin: Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream,
        exitOnCtrlC: false,
        patchConsole: false,
        // The manager paces frames (30 a second, sooner for the agent being typed into): Ink must not add its own wait.
        maxFps: 240,
        incrementalRendering: false,
      },
    );
    this.unsubscribe = this.ui.subscribe(() => this.onUi());
  }

  /** The size agents should have for this client (null while its terminal is too small). */
  agentSize(): { cols: number; rows: number } | null {
    return this.controller.agentSize();
  }

  /** Gives the agents this client's pane size (the latest client to attach, resize or type wins, as in tmux). */
  claimAgents(): void {
    this.controller.resizeAgents();
  }

  get env(): NodeJS.ProcessEnv {
    return this.opts.env;
  }

  get look(): TerminalLook | null {
    return this.answered ? this.outerLook.current : null;
  }

  focused(): string | null {
    const f = this.ui.get().focused;
    return f === null ? null : (this.host.manager.agents[f]?.name ?? null);
  }

  message(text: string, tone: 'info' | 'warn'): void {
    this.ui.dispatch({ type: 'message', text, tone });
  }

  alert(bytes: string): void {
    this.output.always(bytes);
  }

  input(bytes: Buffer): void {
    if (this.closed) return;
    // The outer terminal's replies are not keys (a lone ESC waiting for its timer stays waiting).
    const raw = bytes.toString('utf8');
    let data = this.outerLook.feed(raw);
    if (data !== raw) this.answered = true;
    if (!data) return;
    if (this.escTimer) clearTimeout(this.escTimer);
    if (this.ui.get().mode === 'focus') data = this.controller.focusInput(data);
    if (!data) return;
    this.dispatchKeys(this.decoder.feed(data));
    this.escTimer = this.decoder.hasPending ? setTimeout(() => this.dispatchKeys(this.decoder.flush()), ESC_WAIT_MS) : null;
  }

  resize(cols: number, rows: number): void {
    if (this.closed) return;
    // The terminal rewraps or clears its screen as it likes: the next frame is written whole.
    this.frames.reset();
    this.terminal.resize(cols, rows);
    this.ui.dispatch({ type: 'resize', cols, rows });
    this.controller.resizeAgents();
  }

  private dispatchKeys(keys: ReturnType<KeyDecoder['feed']>): void {
    for (const key of keys) this.controller.key(key);
  }

  private onUi(): void {
    const { quit, detach, message } = this.ui.get();
    if (quit) return this.opts.onQuit();
    if (detach) return this.opts.onDetach();
    const focus = this.focused();
    if (focus !== this.shownFocus) {
      const left = this.shownFocus;
      this.shownFocus = focus;
      if (left) this.host.released(left);
    }
    // Messages expire: the status line goes back to its key hints.
    if (message === this.shownMessage) return;
    this.shownMessage = message;
    if (this.messageTimer) clearTimeout(this.messageTimer);
    this.messageTimer = null;
    if (!message) return;
    this.messageTimer = setTimeout(() => this.ui.get().message === message && this.ui.dispatch({ type: 'message', text: null }), message.tone === 'warn' ? WARN_MESSAGE_MS : INFO_MESSAGE_MS);
    this.messageTimer.unref();
  }

  /** Lets go of everything this client's dashboard holds (the agents stay). */
  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.escTimer) clearTimeout(this.escTimer);
    if (this.messageTimer) clearTimeout(this.messageTimer);
    this.unsubscribe();
    this.painter.stop();
    this.controller.dispose();
    this.ink.unmount();
    this.output.dispose();
  }

  /** Resolves once what was written to the client has gone out (or after `ms`). */
  flushed(ms: number): Promise<void> {
    return this.output.flushed(ms);
  }
}
