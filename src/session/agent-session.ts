import { existsSync, writeFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { AgentSpec, SetupStep } from '../model/agent.js';
import { agentEnv } from './agent-env.js';
import { findProgram } from '../lib/find-program.js';
import { endGroup } from './process-group.js';
import { spawnPty, type Pty, type PtyOptions } from './pty.js';
import { HeadlessTerminal, type ScreenSnapshot } from './terminal.js';
import type { TerminalLook } from './terminal-replies.js';
import { CountClamp } from './count-clamp.js';
import { Recorder } from './recorder.js';
import { ParseQueue, type ParseFeed } from './parse-queue.js';
import { Transcript } from './transcript.js';
import { keepUnseen } from './unseen.js';
import type { ExitInfo } from '../model/status.js';

export interface SessionOptions {
  cols: number;
  rows: number;
  scrollback: number;
  /** Where the raw bytes go; null keeps no transcript. */
  transcriptPath: string | null;
  /** Environment the agent inherits (default process.env). */
  baseEnv?: NodeJS.ProcessEnv;
  /** Seam for tests: how a PTY is made. */
  spawn?: (opts: PtyOptions) => Pty;
  /** Directory to record the raw output with timestamps into (--record). */
  recordDir?: string;
  /** Hears, once, that the transcript could not be written (a full disk): the agent goes on. */
  onTranscriptError?: (message: string) => void;
  /** How the agent's pane looks, for its colour and size queries (default DEFAULT_LOOK). */
  look?: () => TerminalLook;
  /** agentmux's version, for the agent that asks its terminal (XTVERSION). */
  version?: string;
  /** Where the output waits to be parsed, shared by a manager's agents (default: one of its own). */
  parseQueue?: ParseQueue;
}

/**
 * One agent: its PTY, the headless terminal that mirrors it, and its transcript.
 * Emits `screen` after bytes are parsed into the terminal, and `exit` once the process has
 * ended and all its output is parsed. Owns no state beyond its process; the manager decides states.
 */
export class AgentSession {
  readonly terminal: HeadlessTerminal;
  private pty: Pty | null = null;
  private transcript: Transcript | null = null;
  private recorder: Recorder | null = null;
  private exitInfo: ExitInfo | null = null;
  private disposed: Promise<void> | null = null;
  private readonly screenListeners = new Set<() => void>();
  private readonly exitListeners = new Set<(exit: ExitInfo) => void>();
  private resizedAtMs = 0;
  /** Counts no screen can show are cut to the screen before they reach the headless terminal. */
  private readonly clamp = new CountClamp(() => ({ cols: this.terminal.cols, rows: this.terminal.rows }));
  private input = { at: 0, endedLine: true };
  private readonly decoder = new StringDecoder('utf8');
  private phaseNow: 'setup' | 'agent' = 'agent';
  private readonly parseQueue: ParseQueue;
  /** This agent's output as the parse queue takes it. */
  readonly feed: ParseFeed = {
    parse: (text) => this.terminal.write(keepUnseen(this.clamp.filter(text)), this.emitScreen),
    pause: () => this.pty?.pause(),
    resume: () => this.pty?.resume(),
  };

  constructor(
    readonly spec: AgentSpec,
    private readonly opts: SessionOptions,
  ) {
    this.parseQueue = opts.parseQueue ?? new ParseQueue();
    // Replies to the agent's queries go straight to its PTY: they are the terminal's, not keys typed.
    this.terminal = new HeadlessTerminal(opts.cols, opts.rows, opts.scrollback, {
      reply: (data) => !this.exitInfo && this.pty?.write(data),
      ...(opts.look ? { look: opts.look } : {}),
      ...(opts.version ? { version: opts.version } : {}),
    });
  }

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | null {
    return this.pty?.pid ?? null;
  }

  get exit(): ExitInfo | null {
    return this.exitInfo;
  }

  onScreen(listener: () => void): () => void {
    this.screenListeners.add(listener);
    return () => this.screenListeners.delete(listener);
  }

  /** The agent rang its terminal's bell or wrote a notification (its text, or '' for a bell). */
  onAlert(listener: (text: string) => void): () => void {
    return this.terminal.onAlert(listener);
  }

  onExit(listener: (exit: ExitInfo) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /** `setup` while the worktree's setup command runs in the pane (the agent starts after it), else `agent`. */
  get phase(): 'setup' | 'agent' {
    return this.phaseNow;
  }

  /**
   * Starts the process: first the worktree's setup command when it has not succeeded yet, in the
   * same pane, then the agent once it exits 0. A program that cannot be found shows why in the
   * pane and exits 127; a failed setup says so and the agent is not started.
   */
  start(): void {
    if (this.pty || this.exitInfo || this.disposed || this.phaseNow === 'setup') return;
    if (this.opts.transcriptPath) this.transcript = new Transcript(this.opts.transcriptPath, (message) => this.opts.onTranscriptError?.(message));
    if (this.opts.recordDir) this.recorder = new Recorder(this.opts.recordDir, this.spec.name, { cols: this.terminal.cols, rows: this.terminal.rows, argv: this.spec.argv });
    const env = agentEnv(this.spec, this.opts.baseEnv ?? process.env);
    const setup = this.spec.setup;
    if (setup && !existsSync(setup.done)) this.runSetup(setup, env);
    else this.spawnAgent(env);
  }

  /** Runs the setup command in the agent's PTY place; the agent follows when it succeeds. */
  private runSetup(step: SetupStep, env: Record<string, string>): void {
    this.phaseNow = 'setup';
    this.ingest(`\x1b[2magentmux: worktree.setup: ${step.line}\x1b[0m\r\n`);
    const failed = (exit: ExitInfo, how: string) => {
      this.ingest(`\x1b[31magentmux: worktree.setup failed (${how})\r\n${this.spec.name} was not started: r retries\x1b[0m\r\n`);
      this.finish({ ...exit, setup: true });
    };
    const pty = this.spawnOrSay(step.argv, env);
    if (!('pid' in pty)) return failed(pty, `exit ${pty.code}`);
    this.pty = pty;
    pty.onData((data) => this.ingest(data));
    pty.onExit(({ exitCode, signal }) => {
      this.pty = null;
      if (exitCode !== 0 || signal) return failed(signal ? { code: exitCode, signal } : { code: exitCode }, signal ? `signal ${signal}` : `exit ${exitCode}`);
      try {
        writeFileSync(step.done, `${new Date().toISOString()}\n`);
      } catch {
        // not noted: the setup runs again next start
      }
      this.phaseNow = 'agent';
      // Ended while the setup ran: the agent is not started.
      if (this.disposed) return this.finish({ code: 0 });
      this.ingest('\x1b[2magentmux: worktree.setup done\x1b[0m\r\n');
      this.spawnAgent(env);
    });
  }

  /** The PTY running argv; or, when it cannot start (said in the pane), the exit to report: 127 not found, 126 not runnable. */
  private spawnOrSay(argv: readonly string[], env: Record<string, string>): Pty | ExitInfo {
    const [program = '', ...args] = argv;
    const file = findProgram(program, this.spec.cwd, env.PATH);
    if (!file) {
      this.ingest(`\x1b[31magentmux: command not found: ${program}\x1b[0m\r\n`);
      return { code: 127 };
    }
    try {
      return (this.opts.spawn ?? spawnPty)({ file, args, cwd: this.spec.cwd, env, cols: this.terminal.cols, rows: this.terminal.rows });
    } catch (err) {
      this.ingest(`\x1b[31magentmux: cannot start ${program}: ${(err as Error).message}\x1b[0m\r\n`);
      return { code: 126 };
    }
  }

  private spawnAgent(env: Record<string, string>): void {
    const pty = this.spawnOrSay(this.spec.argv, env);
    if (!('pid' in pty)) return this.finish(pty);
    this.pty = pty;
    pty.onData((data) => this.ingest(data));
    pty.onExit(({ exitCode, signal }) => this.finish(signal ? { code: exitCode, signal } : { code: exitCode }));
  }

  private ingest(data: Buffer | string): void {
    this.transcript?.append(data);
    // Decoded once, keeping a character split across chunks whole for the next one.
    const text = typeof data === 'string' ? data : this.decoder.write(data);
    this.recorder?.chunk(text);
    this.parseQueue.push(this.feed, text);
  }

  private readonly emitScreen = (): void => {
    for (const l of this.screenListeners) l();
  };

  private finish(exit: ExitInfo): void {
    if (this.exitInfo) return;
    // Let every byte already received be parsed before the exit is announced.
    this.parseQueue.drain(this.feed);
    this.terminal.write('', () => {
      this.exitInfo = exit;
      this.transcript?.close();
      this.recorder?.close();
      for (const l of this.exitListeners) l(exit);
    });
  }

  /** Resolves once every byte received so far has been parsed onto the screen. */
  parsed(): Promise<void> {
    this.parseQueue.drain(this.feed);
    return new Promise((r) => this.terminal.write('', r));
  }

  /** Characters of output read from the agent's PTY and not parsed yet. */
  get unparsed(): number {
    return this.parseQueue.queued(this.feed);
  }

  /** Sends input to the agent (ignored once it has exited). */
  write(data: string): void {
    if (this.exitInfo || !this.pty) return;
    this.pty.write(data);
    if (!data) return;
    this.input = { at: Date.now(), endedLine: /[\r\n]$/.test(data) };
  }

  /** When agentmux last wrote to the agent (ms timestamp; 0: never), and whether that ended a line. */
  get lastInput(): { at: number; endedLine: boolean } {
    return this.input;
  }

  resize(cols: number, rows: number): void {
    // The same size again is no resize: a SIGWINCH makes programs redraw, which would look like work.
    if (cols < 1 || rows < 1 || (cols === this.terminal.cols && rows === this.terminal.rows)) return;
    this.recorder?.resize(cols, rows);
    if (this.pty && !this.exitInfo) this.resizedAtMs = Date.now();
    this.terminal.resize(cols, rows);
    if (!this.exitInfo) this.pty?.resize(cols, rows);
    this.emitScreen();
  }

  snapshot(): ScreenSnapshot {
    return this.terminal.snapshot();
  }

  /** When agentmux last resized the agent (ms timestamp; 0: never): the redraw that follows is not the agent's work. */
  get resizedAt(): number {
    return this.resizedAtMs;
  }

  /** Lets go of the terminal and any output still waiting, once the agent is off the dashboard. */
  release(): void {
    this.parseQueue.forget(this.feed);
    this.terminal.dispose();
  }

  /** Ends the process group (SIGHUP, SIGKILL after `graceMs`). Safe to call more than once. */
  dispose(graceMs = 2000): Promise<void> {
    this.disposed ??= (async () => {
      const pid = this.pty?.pid;
      if (pid !== undefined) await endGroup(pid, graceMs);
      this.transcript?.close();
      this.recorder?.close();
    })();
    return this.disposed;
  }
}
