import { closeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { join } from 'node:path';
import chalk from 'chalk';
import { render } from 'ink';
import { colorLevel } from './color.js';
import { Approvals } from '../approvals/approvals.js';
import { AuditFile, formatAudit } from '../approvals/audit.js';
import type { ResolvedConfig } from '../config/types.js';
import type { EventsLog } from '../events/events-log.js';
import { HookChannel } from '../hooks/channel.js';
import { WorktreeStats } from '../git/stats.js';
import { Notifier } from '../notify/notifier.js';
import { SessionManager } from '../session/manager.js';
import { signalGroup } from '../session/process-group.js';
import { addCleanup } from '../cleanup.js';
import { App } from './App.js';
import { PanePainter } from './pane-painter.js';
import { ESC_WAIT_MS, KeyDecoder } from './keys.js';
import { Controller } from './controller.js';
import { controlByte } from '../config/detach-key.js';
import { TerminalScreen } from './screen.js';
import { OUTER_LOOK_QUERY, OuterLook } from './outer-look.js';
import { OuterOutput } from './outer-output.js';
import { version } from '../version.js';
import { createStore, initialUiState, reduce, type UiState } from './ui-state.js';

export interface DashboardOptions {
  /** Directory for this run's transcripts. */
  runDir: string | null;
  /** Where state changes go as JSON lines (--events). */
  events?: EventsLog;
  /** Directory for timestamped recordings of each agent's output (--record). */
  recordDir?: string;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

/** How long a status message stays (a warning longer). */
const INFO_MESSAGE_MS = 6000;
const WARN_MESSAGE_MS = 15_000;

/** Write and read errors that mean the terminal is gone. */
const TERMINAL_GONE = new Set(['EIO', 'EPIPE', 'ENXIO', 'EBADF', 'ECONNRESET']);

/** Which of stdin, stdout, stderr were terminals when agentmux started. */
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

const EXIT_SIGNALS: ReadonlyArray<[NodeJS.Signals, number]> = [
  ['SIGTERM', 143],
  ['SIGHUP', 129],
  ['SIGINT', 130],
];

/**
 * Runs the dashboard until the user quits or a signal arrives. Whatever happens, every child
 * process is ended and the terminal is restored. Resolves with the exit code.
 */
export async function runDashboard(config: ResolvedConfig, opts: DashboardOptions): Promise<number> {
  const stdin = opts.stdin ?? process.stdin;
  const stdout = opts.stdout ?? process.stdout;
  const hooks = config.agents.some((a) => a.kind === 'claude') ? new HookChannel() : undefined;
  await hooks?.listen();
  const outerLook = new OuterLook(process.env);
  const manager = new SessionManager(config.agents, {
    settings: config.settings,
    look: () => outerLook.current,
    version: version(),
    runDir: opts.runDir,
    ...(hooks ? { hooks } : {}),
    ...(opts.recordDir ? { recordDir: opts.recordDir } : {}),
  });
  // Ends the agents even when agentmux is killed with -9.
  manager.startWatchdog();
  if (opts.events) manager.onStateChange((change) => opts.events!.write(change));
  const audit = opts.runDir ? new AuditFile(join(opts.runDir, 'approvals.jsonl')) : null;
  const approvals = new Approvals({
    manager,
    defaultMode: config.settings.approvalMode,
    record: (entry) => {
      opts.events?.writeLine(formatAudit(entry).replace(/^\{/, '{"event":"approval",'));
      return audit?.write(entry) ?? true;
    },
  });
  hooks?.setDecider((e) => approvals.decideHook(e.agent, e.payload));
  const ui = createStore(initialUiState(stdout.columns || 80, stdout.rows || 24), reduce);
  // Frames never block the agents: dropped while the terminal is behind, then drawn whole again:
  // Ink's last frame (Ink does not write a frame it thinks is on screen) and every pane.
  let lastInkFrame = '';
  const output = new OuterOutput(stdout, () => output.always(`\x1b[?2026h\x1b[H\x1b[2J${lastInkFrame}${painter.afterFrame()}\x1b[?2026l`));
  const notifier = new Notifier({
    settings: config.settings.notify,
    env: process.env,
    writeTerminal: (bytes) => output.always(bytes),
    report: (text) => ui.dispatch({ type: 'message', text, tone: 'warn' }),
    hold: (agent) => approvals.mode(agent) === 'pause',
    focused: () => {
      const f = ui.get().focused;
      return f === null ? null : (manager.agents[f]?.name ?? null);
    },
  });
  manager.onStateChange((change) => notifier.handle(change));
  approvals.onRelease((agent) => notifier.release(agent));
  approvals.onNotice((_agent, text) => ui.dispatch({ type: 'message', text, tone: 'warn' }));
  manager.onNotice((_agent, text) => ui.dispatch({ type: 'message', text, tone: 'warn' }));
  const screen = new TerminalScreen(stdin, stdout);

  // Last resort, synchronous: runs even on process.exit() from anywhere.
  const onExit = () => {
    screen.leave();
    hooks?.close();
    for (const pid of manager.pids()) signalGroup(pid, 'SIGHUP');
  };
  const removeCleanup = addCleanup(onExit);

  const stats = new WorktreeStats();
  const controller = new Controller({ manager, approvals, ui, writeOuter: (d) => output.always(d), detachByte: controlByte(config.settings.detachKey), worktreeDir: config.settings.worktreeDir });

  // Ink draws the chrome; the painter draws the agents' screens into the panes, and again with
  // every frame Ink writes (which leaves the pane insides blank).
  const painter = new PanePainter(
    (data) => output.frame(data),
    (name) => manager.session(name)?.terminal,
  );
  const inkStdout = new Proxy(stdout, {
    get(target, prop) {
      if (prop === 'write') {
        // A frame (not Ink's lone synchronized-update markers) goes out with the panes painted.
        return (data: string) => {
          const marker = /^\x1b\[\?2026[hl]$/.test(data);
          if (!marker) lastInkFrame = data;
          output.frame(data + (marker ? '' : painter.afterFrame()));
          return true;
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });

  chalk.level = colorLevel(process.env, Boolean(stdout.isTTY));
  screen.enter();
  OuterOutput.nonBlocking(stdout);
  // Its colours and cell size, for the agents that ask theirs (the replies come in as input).
  if (stdout.isTTY) output.always(OUTER_LOOK_QUERY);
  const ink = render(
    <App
      manager={manager}
      approvals={approvals}
      painter={painter}
      ui={ui}
      stats={stats}
      mode={() => controller.mode()}
      hints={() => controller.hints(config.settings.detachKey)}
      detachKey={config.settings.detachKey}
    />,
    {
      stdout: inkStdout,
      stdin,
      exitOnCtrlC: false,
      patchConsole: false,
      // The manager paces frames (30 a second, sooner for the agent being typed into): Ink must not add its own wait.
      maxFps: 240,
      incrementalRendering: false,
    },
  );
  const size = controller.agentSize() ?? { cols: 80, rows: 24 };
  manager.startAll(() => size);
  // Agents started later (the c form) and restarted ones are new sessions: followed as they come.
  stats.follow(manager);

  const onResize = () => {
    ui.dispatch({ type: 'resize', cols: stdout.columns || 80, rows: stdout.rows || 24 });
    controller.resizeAgents();
  };
  stdout.on('resize', onResize);

  const decoder = new KeyDecoder();
  let escTimer: NodeJS.Timeout | null = null;
  const dispatchKeys = (keys: ReturnType<KeyDecoder['feed']>) => {
    for (const key of keys) controller.key(key);
  };
  const onData = (chunk: string | Buffer) => {
    // The outer terminal's replies are not keys (a lone ESC waiting for its timer stays waiting).
    let data = outerLook.feed(chunk.toString());
    if (!data) return;
    if (escTimer) clearTimeout(escTimer);
    if (ui.get().mode === 'focus') data = controller.focusInput(data);
    if (!data) return;
    dispatchKeys(decoder.feed(data));
    escTimer = decoder.hasPending ? setTimeout(() => dispatchKeys(decoder.flush()), ESC_WAIT_MS) : null;
  };
  stdin.on('data', onData);

  return new Promise<number>((resolve) => {
    let stopping = false;
    // The terminal going away (its window closed, tmux killed, ssh dropped) is a normal end: the
    // same shutdown as q, not a crash, and nothing is written to it any more.
    let gone = false;
    const onTerminalError = (err: NodeJS.ErrnoException) => {
      if (!TERMINAL_GONE.has(err.code ?? '')) throw err;
      gone = true;
      void stop(129);
    };
    stdout.on('error', onTerminalError);
    stdin.on('error', onTerminalError);
    const stop = async (code: number) => {
      if (stopping) return;
      stopping = true;
      stdin.off('data', onData);
      stdout.off('resize', onResize);
      if (escTimer) clearTimeout(escTimer);
      if (messageTimer) clearTimeout(messageTimer);
      unsubscribe();
      painter.stop();
      controller.dispose();
      approvals.dispose();
      notifier.dispose();
      stats.dispose();
      ink.unmount();
      await manager.dispose();
      hooks?.close();
      // What is on its way out goes first (not forever: a terminal may never read again).
      await output.flushed(gone ? 0 : 500);
      output.dispose();
      screen.leave();
      opts.events?.close();
      audit?.close();
      removeCleanup();
      // Only now: a second SIGHUP during the shutdown (a closing terminal sends more than one)
      // would otherwise find no handler of ours and kill agentmux before its agents.
      for (const [sig, handler] of signalHandlers) process.off(sig, handler);
      if (gone && stdin === process.stdin) releaseDeadTerminal(stdin);
      resolve(code);
    };
    // Messages expire: the status line goes back to its key hints.
    let shownMessage: UiState['message'] = null;
    let messageTimer: NodeJS.Timeout | null = null;
    const unsubscribe = ui.subscribe(() => {
      const { quit, message } = ui.get();
      if (quit) return void stop(0);
      if (message === shownMessage) return;
      shownMessage = message;
      if (messageTimer) clearTimeout(messageTimer);
      messageTimer = null;
      if (!message) return;
      messageTimer = setTimeout(() => ui.get().message === message && ui.dispatch({ type: 'message', text: null }), message.tone === 'warn' ? WARN_MESSAGE_MS : INFO_MESSAGE_MS);
      messageTimer.unref();
    });
    const signalHandlers = EXIT_SIGNALS.map(([sig, code]) => [sig, () => void stop(code)] as const);
    for (const [sig, handler] of signalHandlers) process.on(sig, handler);
  });
}
