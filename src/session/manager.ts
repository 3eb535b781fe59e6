import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentSpec } from '../model/agent.js';
import type { Settings } from '../config/types.js';
import { samePrompt } from '../detect/answer.js';
import type { HookChannel } from '../hooks/channel.js';
import { isClaudeProgram } from '../kinds/claude.js';
import { printRule } from '../lib/rules.js';
import { withSettings, writeClaudeSettings } from '../hooks/claude-settings.js';
import { hookSignal } from '../hooks/signals.js';
import { PROFILES, stabilizerOptions } from '../kinds/registry.js';
import type { Profile } from '../kinds/profile.js';
import { Stabilizer, type StateInfo } from '../detect/stabilizer.js';
import type { Detection, ParsedPrompt, ScreenSnapshot } from '../model/screen.js';
import { AgentSession, type SessionOptions } from './agent-session.js';
import type { ExitInfo } from '../model/status.js';
import type { TerminalLook } from './terminal-replies.js';
import { pendingLine, terminalWait } from './input-wait.js';
import { END_GRACE_MS } from './process-group.js';
import { ParseQueue } from './parse-queue.js';
import { spawnPty } from './pty.js';
import { markRun, newRunToken, sweepRun } from './run-marker.js';
import { startWatchdog, type Watchdog } from './start-watchdog.js';
import type { AgentStatus, StateChange } from '../model/status.js';

/** What a frame carries: whose screens changed, and whether any status did. */
export interface FrameInfo {
  screens: ReadonlySet<string>;
  statusesChanged: boolean;
}

export type AnswerResult = { ok: true; option: string } | { ok: false; reason: string };

interface Tracked {
  /** The spec as configured (before hook settings were added). */
  original: AgentSpec;
  session: AgentSession;
  policy: Profile;
  stabilizer: Stabilizer;
  /** The screen changed since detection last ran. */
  dirty: boolean;
  /** The screen changed since a frame last named it (for the painter). */
  unshown: boolean;
  /** The agent's first task (config `prompt`) has been typed. */
  taskTyped: boolean;
  /** Its end was asked for (x, quit): the exit that follows is no surprise. */
  endRequested: boolean;
  /** The user ended it on its own (x): a resumed session leaves it ended. */
  endedByUser: boolean;
  /** What the last PermissionRequest hook said the prompt is about (exact: the real command, the full path). */
  hookSubject: ParsedPrompt['subject'] | null;
}

/**
 * A prompt read off the screen, with what its agent's hook said about it where the two agree on
 * the tool: the hook's command and path are exact (the screen may wrap, shorten or decorate them).
 */
function withHookSubject(d: Detection, hook: ParsedPrompt['subject'] | null): Detection {
  const s = d.prompt?.subject;
  if (d.state !== 'approval' || !d.prompt || !s || !hook || hook.tool !== s.tool) return d;
  return { ...d, prompt: { ...d.prompt, subject: { ...s, ...(hook.command ? { command: hook.command } : {}), ...(hook.file ? { file: hook.file } : {}) } } };
}

/** How long after a resize agentmux sent the agent's screen changes are taken as its redraw. */
const RESIZE_REDRAW_MS = 500;

/** How long a prompt must have been on screen before an answer is typed into it. */
const ANSWER_SETTLE_MS = 400;

/** How long after typing an option's number agentmux watches for it to be merely highlighted. */
const CONFIRM_PICK_MS = 1000;

/** Shortest gap between frames for the agent being typed into (see setPriority). */
const PRIORITY_FRAME_MS = 4;

/**
 * The most main-thread time one frame spends reading changed screens (ms). With many agents
 * printing at once, the screens left over wait for the next frame (taken first then, so none
 * starves): a frame never grows with the number of agents, and keys and echoes go between frames.
 */
const FRAME_BUDGET_MS = 4;

/** How long typed text may take to show on the agent's screen before Enter is pressed anyway. */
const ECHO_WAIT_MS = 1000;

/** How long the kernel may take to hand an agent's last bytes to agentmux (see catchUp). */
const CATCH_UP_MS = 25;

/** How long after agentmux last wrote to an agent those keys may not have been read yet. */
const INPUT_SETTLE_MS = 150;

export interface ManagerOptions {
  settings: Settings;
  /** Directory for transcripts; null keeps none. */
  runDir: string | null;
  now?: () => number;
  /** Longest gap between a screen change and the frame that shows it (ms); 33 = 30 fps. */
  frameMs?: number;
  /** The clock a frame's budget is counted on (ms; default performance.now). */
  busyClock?: () => number;
  baseEnv?: NodeJS.ProcessEnv;
  spawn?: SessionOptions['spawn'];
  /** Record every agent's raw output with timestamps into this directory (--record). */
  recordDir?: string;
  /** Where Claude Code agents' hooks report (a listening channel); none: the screen alone decides. */
  hooks?: HookChannel;
  /** How the agents' panes look (the outer terminal's colours), for their queries. */
  look?: () => TerminalLook;
  /** agentmux's version, for agents that ask their terminal (XTVERSION). */
  version?: string;
}

/**
 * Owns every agent session and is the single writer of their states. Screen changes are
 * coalesced into frames: detection runs once per frame for the screens that changed, and
 * listeners hear at most one `change` per frame, never one per PTY chunk. The time rules of
 * all agents share one timer, armed only for the next deadline.
 */
export class SessionManager {
  private readonly tracked: Tracked[] = [];
  private statusList: AgentStatus[] = [];
  private readonly listeners = new Set<(frame: FrameInfo) => void>();
  /** The statuses as the last frame showed them: a frame says whether they changed since. */
  private shownStatuses: AgentStatus[] = [];
  private readonly stateListeners = new Set<(change: StateChange) => void>();
  private readonly noticeListeners = new Set<(agent: string, text: string) => void>();
  private readonly alertListeners = new Set<(agent: string, text: string) => void>();
  private frameTimer: NodeJS.Timeout | null = null;
  /** Cancels the pending frame for the agent being typed into (null: none pending). */
  private cancelPriority: (() => void) | null = null;
  private lastPriorityFrame = 0;
  /** Where the next frame starts reading screens (see FRAME_BUDGET_MS). */
  private nextScreen = 0;
  private priority: string | null = null;
  /** Where every agent's output waits to be parsed: the one being typed into goes first. */
  private readonly parseQueue = new ParseQueue();
  /** A private directory for Claude settings files when there is no hook channel's. */
  private settingsDir: string | null = null;
  private deadlineTimer: NodeJS.Timeout | null = null;
  private lastFrame = 0;
  private disposed: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly frameMs: number;
  /** This run's marker: every agent's environment carries it (see run-marker.ts). */
  readonly runToken = newRunToken();
  private watchdog: Watchdog | null = null;

  constructor(
    specs: readonly AgentSpec[],
    private readonly opts: ManagerOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.frameMs = opts.frameMs ?? 33;
    for (const spec of specs) this.add(spec);
    opts.hooks?.onEvent((e) => {
      const t = this.tracked.find((x) => x.session.name === e.agent);
      const signal = hookSignal(e);
      if (!t || !signal || t.session.exit) return;
      if (signal.prompt?.subject) t.hookSubject = signal.prompt.subject;
      this.apply(t, t.stabilizer.signal(signal.state, signal.reason, this.now(), signal.prompt));
      this.armDeadline();
    });
  }

  /**
   * A claude agent reports its hook events: settings file, --settings flag and the channel's
   * address with the agent's own token. Only when the program is claude itself: a shell line or
   * wrapper is left alone (the screen still tells its state). Allow rules are not written into
   * Claude's settings: agentmux answers its PreToolUse hook by its rules and the agent's approval
   * mode, which can change while it runs. Deny rules are written too, so they hold even when
   * agentmux cannot answer.
   */
  private withHooks(spec: AgentSpec): AgentSpec {
    const hooks = this.opts.hooks;
    const deny = (spec.rules?.deny ?? []).map((rule) => printRule(rule, spec.cwd));
    if (spec.kind !== 'claude' || !isClaudeProgram(spec.argv[0]) || (!hooks && !deny.length && !spec.permissionMode)) return spec;
    const dir = hooks?.dir ?? (this.settingsDir ??= mkdtempSync(join(tmpdir(), 'agentmux-')));
    const file = writeClaudeSettings(dir, spec.name, { hooks: hooks?.endpoint(spec.name) ?? null, ...(deny.length ? { permissions: { allow: [], deny } } : {}) });
    const argv = withSettings(spec.argv, file);
    if (spec.permissionMode) argv.splice(3, 0, '--permission-mode', spec.permissionMode);
    return { ...spec, argv };
  }

  private add(original: AgentSpec): void {
    this.tracked.push(this.track(original));
    this.statusList = [...this.statusList, { name: original.name, ...this.tracked[this.tracked.length - 1]!.stabilizer.current, exit: null }];
  }

  /** A new session for a spec, with its detector and stabilizer, wired to this manager. */
  private track(original: AgentSpec): Tracked {
    const spec = this.withHooks(original);
    const session = new AgentSession(spec, {
      cols: 80,
      rows: 24,
      scrollback: this.opts.settings.scrollback,
      parseQueue: this.parseQueue,
      transcriptPath: this.opts.runDir ? join(this.opts.runDir, `${spec.name}.log`) : null,
      ...(this.opts.baseEnv ? { baseEnv: this.opts.baseEnv } : {}),
      // The run's marker goes into the environment the agent really gets.
      spawn: (o) => (this.opts.spawn ?? spawnPty)({ ...o, env: markRun(o.env, this.runToken) }),
      ...(this.opts.recordDir ? { recordDir: this.opts.recordDir } : {}),
      ...(this.opts.look ? { look: this.opts.look } : {}),
      ...(this.opts.version ? { version: this.opts.version } : {}),
      onTranscriptError: (message) => {
        for (const l of this.noticeListeners) l(spec.name, `${spec.name}: ${message}`);
      },
    });
    const policy = PROFILES[spec.kind];
    const stabilizer = new Stabilizer(stabilizerOptions(spec.kind, { settleMs: this.opts.settings.settleMs, stallAfterMs: this.opts.settings.stallAfterMs }), this.now());
    const t: Tracked = { original, session, policy, stabilizer, dirty: false, unshown: false, taskTyped: false, endRequested: false, endedByUser: false, hookSubject: null };
    session.onScreen(() => {
      t.dirty = true;
      t.unshown = true;
      this.scheduleFrame(session.name === this.priority);
    });
    session.onAlert((text) => this.alert(t, text));
    session.onExit((exit) => {
      this.setSetup(t, false);
      const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
      const reason = exit.setup ? `worktree.setup failed (${exit.signal ? `signal ${exit.signal}` : `exit ${exit.code}`})` : `process exited with ${how}`;
      this.apply(t, t.stabilizer.exit(reason, this.now()), exit);
    });
    return t;
  }

  /** Adds and starts an agent while the dashboard runs (its name must be new). */
  addAgent(spec: AgentSpec, size: { cols: number; rows: number }): void {
    if (this.disposed || this.session(spec.name)) return;
    this.add(spec);
    const t = this.tracked[this.tracked.length - 1]!;
    t.session.resize(size.cols, size.rows);
    t.session.start();
    this.scheduleFrame();
  }

  /** Ends one agent's process group (its state becomes exited when it is gone). */
  end(name: string): Promise<void> {
    const t = this.tracked.find((x) => x.session.name === name);
    if (t) t.endRequested = t.endedByUser = true;
    return t?.session.dispose() ?? Promise.resolve();
  }

  /** The spec an agent was configured with (before hook settings were added). */
  original(name: string): AgentSpec | undefined {
    return this.tracked.find((t) => t.session.name === name)?.original;
  }

  /** Whether the user ended this agent (x) since it last started. */
  endedByUser(name: string): boolean {
    return this.tracked.find((t) => t.session.name === name)?.endedByUser ?? false;
  }

  /**
   * Starts an exited agent again with its original command and directory, at its current
   * size. Its first task is not typed again. Returns false when the agent still runs.
   */
  restart(name: string): boolean {
    const i = this.tracked.findIndex((x) => x.session.name === name);
    const old = this.tracked[i];
    if (!old?.session.exit || this.disposed) return false;
    const t = this.track(old.original);
    t.taskTyped = true;
    this.tracked[i] = t;
    const next = [...this.statusList];
    next[i] = { name, ...t.stabilizer.current, exit: null };
    this.statusList = next;
    t.session.resize(old.session.terminal.cols, old.session.terminal.rows);
    t.session.start();
    old.session.release();
    if (this.priority === name) this.setPriority(name);
    this.scheduleFrame();
    return true;
  }

  /**
   * Takes an exited agent off the dashboard: its pane and history go, its transcript stays on
   * disk. Returns false while it still runs.
   */
  remove(name: string): boolean {
    const i = this.tracked.findIndex((x) => x.session.name === name);
    const t = this.tracked[i];
    if (!t?.session.exit) return false;
    this.tracked.splice(i, 1);
    this.statusList = this.statusList.filter((_, j) => j !== i);
    t.session.release();
    this.scheduleFrame();
    return true;
  }

  /** Agents in their display order. */
  get agents(): readonly AgentSession[] {
    return this.tracked.map((t) => t.session);
  }

  /** The current status of every agent; a new array whenever anything changed. */
  get statuses(): readonly AgentStatus[] {
    return this.statusList;
  }

  /** What an agent's live screen shows now, read afresh (null when it is not running). */
  inspect(name: string): { snapshot: ScreenSnapshot; detection: Detection } | null {
    const t = this.tracked.find((x) => x.session.name === name);
    if (!t || t.session.exit) return null;
    const snapshot = t.session.snapshot();
    return { snapshot, detection: withHookSubject(t.policy.detect(snapshot), t.hookSubject) };
  }

  session(name: string): AgentSession | undefined {
    return this.tracked.find((t) => t.session.name === name)?.session;
  }

  /**
   * Starts every agent, each with its pane's size: the first at once, the others one per turn of
   * the event loop (a fork costs tens of milliseconds; fifty in a row would freeze the dashboard).
   */
  startAll(size: (name: string) => { cols: number; rows: number }): void {
    const queue = [...this.tracked];
    const next = () => {
      const t = queue.shift();
      if (!t || this.disposed) return;
      // An agent restarted or replaced meanwhile is started by whoever replaced it.
      if (this.tracked.includes(t) && t.session.pid === null && !t.session.exit) {
        const { cols, rows } = size(t.session.name);
        t.session.resize(cols, rows);
        t.session.start();
      }
      if (queue.length) setImmediate(next);
    };
    next();
  }

  write(name: string, data: string): void {
    this.session(name)?.write(data);
  }

  /** Listens for frames: called at most once per frame after screens or states changed. */
  onChange(listener: (frame: FrameInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listens for state changes, each as it is decided. */
  /** What the user must hear about an agent that is not a state (its transcript stopped). */
  onNotice(listener: (agent: string, text: string) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  /** Listens for agents' own alerts (a bell, a notification they wrote), each as it comes. */
  onAlert(listener: (agent: string, text: string) => void): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  /** Marks an agent as wanting you (its status's `alert`) until someone looks at it (seen). */
  private alert(t: Tracked, text: string): void {
    const i = this.tracked.indexOf(t);
    const prev = this.statusList[i];
    if (!prev || t.session.exit) return;
    // An agent ringing on and on changes nothing on screen after its first alert (and costs no redraw).
    if (!prev.alert || (text && text !== prev.alert.text)) {
      const next = [...this.statusList];
      // A bell after words keeps the words; the mark keeps the time of the first unread alert.
      next[i] = { ...prev, alert: { at: prev.alert?.at ?? this.now(), text: text || prev.alert?.text || '' } };
      this.statusList = next;
      this.scheduleFrame();
    }
    for (const l of this.alertListeners) l(prev.name, text);
  }

  /** Someone looked at the agent: its alert, if any, is taken as read. */
  seen(name: string): void {
    const i = this.statusList.findIndex((s) => s.name === name);
    const prev = this.statusList[i];
    if (!prev?.alert) return;
    const next = [...this.statusList];
    const { alert: _, ...rest } = prev;
    next[i] = rest;
    this.statusList = next;
    this.scheduleFrame();
  }

  onStateChange(listener: (change: StateChange) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** How many agents still run (idle ones too: their process and session would end): quitting asks first. */
  get busyCount(): number {
    return this.statusList.filter((s) => s.state !== 'exited').length;
  }

  /** What the agent's live screen shows now, with its hook's exact subject. */
  private detect(t: Tracked): Detection {
    return withHookSubject(t.policy.detect(t.session.snapshot()), t.hookSubject);
  }

  /** Records the mode the agent's screen shows (the sidebar shows it when it is not the default). */
  private setAgentMode(t: Tracked, mode: string): void {
    const i = this.tracked.indexOf(t);
    const prev = this.statusList[i];
    if (!prev || (prev.agentMode ?? 'default') === mode) return;
    const next = [...this.statusList];
    const { agentMode: _, ...rest } = prev;
    next[i] = mode === 'default' ? rest : { ...rest, agentMode: mode };
    this.statusList = next;
  }

  /** Records whether the agent's worktree setup runs (the sidebar says `setup` meanwhile). */
  private setSetup(t: Tracked, running: boolean): void {
    const i = this.tracked.indexOf(t);
    const prev = this.statusList[i];
    if (!prev || Boolean(prev.setup) === running) return;
    const next = [...this.statusList];
    const { setup: _, ...rest } = prev;
    next[i] = running ? { ...rest, setup: true } : rest;
    this.statusList = next;
  }

  private apply(t: Tracked, info: StateInfo | null, exit: ExitInfo | null = null): void {
    const i = this.tracked.indexOf(t);
    if (!info || i < 0) return; // a replaced (restarted) session speaks no more
    const prev = this.statusList[i]!;
    const next = [...this.statusList];
    next[i] = {
      name: prev.name,
      ...info,
      exit: exit ?? prev.exit,
      ...(prev.agentMode ? { agentMode: prev.agentMode } : {}),
      ...(prev.alert ? { alert: prev.alert } : {}),
      ...(prev.setup ? { setup: prev.setup } : {}),
    };
    this.statusList = next;
    if (info.state !== 'approval') t.hookSubject = null;
    const change: StateChange = {
      ts: info.since,
      agent: prev.name,
      state: info.state,
      prev: prev.state,
      reason: info.reason,
      ...(info.prompt ? { prompt: info.prompt } : {}),
      ...(info.state === 'exited' && t.endRequested ? { requested: true } : {}),
    };
    for (const l of this.stateListeners) l(change);
    if (info.state === 'idle' && !t.taskTyped && t.session.spec.prompt) {
      t.taskTyped = true;
      this.type(prev.name, t.session.spec.prompt);
    }
    this.scheduleFrame();
  }

  /**
   * Types a task into an agent and presses Enter once the text shows on its screen (an agent
   * such as Claude Code treats an Enter that arrives with the text as part of a paste).
   * `paste`: text of several lines goes as one bracketed paste when the agent asked for those,
   * so its newlines do not submit it line by line; the one Enter after it does.
   */
  type(name: string, text: string, opts: { paste?: boolean } = {}): void {
    const session = this.session(name);
    if (!session || session.exit) return;
    const tail = text.trim().split('\n').pop()!.slice(-20);
    let done = false;
    const enter = () => {
      if (done) return;
      done = true;
      off();
      clearTimeout(timer);
      session.write('\r');
    };
    const off = session.onScreen(() => {
      if (session.snapshot().lines.some((l) => l.includes(tail))) enter();
    });
    const timer = setTimeout(enter, ECHO_WAIT_MS);
    // The paste's end marker inside the text would end the paste early: what follows would be keys.
    const paste = opts.paste && session.terminal.inputModes().bracketedPaste;
    session.write(paste ? `\x1b[200~${text.replaceAll('\x1b[201~', '')}\x1b[201~` : text);
  }

  /**
   * The agent being typed into: its screen changes are shown within PRIORITY_FRAME_MS (an
   * echo must not wait for the others' frame), the others' at most once per frame.
   */
  setPriority(name: string | null): void {
    this.priority = name;
    this.parseQueue.setPriority(this.session(name ?? '')?.feed ?? null);
  }

  /**
   * A frame for every changed screen at most every frameMs; one for the agent being typed into
   * alone (urgent) at most every PRIORITY_FRAME_MS: its echo never waits for the others' detection.
   */
  private scheduleFrame(urgent = false): void {
    if (this.disposed) return;
    if (urgent) {
      if (this.cancelPriority) return;
      const wait = this.lastPriorityFrame + PRIORITY_FRAME_MS - this.now();
      if (wait > 0) {
        const timer = setTimeout(this.flushPriority, wait);
        this.cancelPriority = () => clearTimeout(timer);
      } else {
        // Due already: after this turn's other I/O, not a timer's millisecond later.
        const immediate = setImmediate(this.flushPriority);
        this.cancelPriority = () => clearImmediate(immediate);
      }
      return;
    }
    this.frameTimer ??= setTimeout(this.flushFrame, Math.max(0, this.lastFrame + this.frameMs - this.now()));
  }

  private readonly flushFrame = (): void => {
    this.frameTimer = null;
    this.lastFrame = this.now();
    // Round-robin from where the last frame stopped: screens its budget left over go first.
    const n = this.tracked.length;
    const start = this.nextScreen % Math.max(1, n);
    this.flush([...this.tracked.slice(start), ...this.tracked.slice(0, start)], FRAME_BUDGET_MS);
  };

  private readonly flushPriority = (): void => {
    this.cancelPriority = null;
    this.lastPriorityFrame = this.now();
    const t = this.tracked.find((x) => x.session.name === this.priority);
    if (t?.unshown || t?.dirty) this.flush([t]);
  };

  /**
   * One frame to the listeners naming every changed screen (the painter's), after detection for
   * them. With a budget, the screens detection has not reached wait for the next frame's, which
   * starts with them: what is on screen keeps its pace, only states can lag.
   */
  private flush(agents: readonly Tracked[], budgetMs = Number.POSITIVE_INFINITY): void {
    const now = this.now();
    const busy = this.opts.busyClock ?? performance.now.bind(performance);
    const started = busy();
    const screens = new Set<string>();
    for (const t of agents) {
      if (!t.unshown) continue;
      t.unshown = false;
      screens.add(t.session.name);
    }
    let leftOver = false;
    for (const t of agents) {
      if (!t.dirty) continue;
      if (busy() - started >= budgetMs) {
        leftOver = true;
        this.nextScreen = this.tracked.indexOf(t);
        break;
      }
      t.dirty = false;
      if (t.session.exit) continue;
      this.setSetup(t, t.session.phase === 'setup');
      // The setup command's output is not the agent's screen: nothing to detect until the agent runs.
      if (t.session.phase === 'setup') continue;
      const d = this.detect(t);
      if (d.agentMode !== undefined) this.setAgentMode(t, d.agentMode);
      // A program redrawing itself after agentmux resized it is not working: output alone says nothing then.
      if (d.state === 'unknown' && now - t.session.resizedAt < RESIZE_REDRAW_MS) continue;
      this.apply(t, t.stabilizer.observe(d, now));
    }
    if (leftOver) this.scheduleFrame();
    else if (budgetMs !== Number.POSITIVE_INFINITY) this.nextScreen = 0;
    this.armDeadline();
    const frame: FrameInfo = { screens, statusesChanged: this.statusList !== this.shownStatuses };
    this.shownStatuses = this.statusList;
    for (const l of this.listeners) l(frame);
  }

  /** One timer for every agent's time rules, set for the earliest deadline. */
  private armDeadline(): void {
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = null;
    if (this.disposed) return;
    const deadlines = this.tracked.map((t) => t.stabilizer.nextDeadline()).filter((d): d is number => d !== null);
    if (!deadlines.length) return;
    const wait = Math.max(0, Math.min(...deadlines) - this.now());
    this.deadlineTimer = setTimeout(this.onDeadline, wait);
    this.deadlineTimer.unref();
  }

  private readonly onDeadline = (): void => {
    this.deadlineTimer = null;
    const now = this.now();
    for (const t of this.tracked) this.apply(t, t.stabilizer.tick(now));
    this.armDeadline();
  };

  /**
   * Answers an agent's prompt with one of its options, after re-reading the live screen:
   * if the prompt is gone or differs from `shown` (what the user saw), nothing is sent. A
   * prompt that has just appeared is given ANSWER_SETTLE_MS first: Claude Code ignores keys
   * that arrive while its dialog is still being set up. `beforeSend` runs just before the keys
   * go (the audit trail records the answer there).
   */
  async answer(name: string, shown: ParsedPrompt, optionIndex: number, beforeSend?: (option: string) => void, guard?: () => string | null): Promise<AnswerResult> {
    const status = this.statusList.find((s) => s.name === name);
    const wait = status && status.state === 'approval' ? status.since + ANSWER_SETTLE_MS - this.now() : 0;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const before = guard?.();
    if (before) return { ok: false, reason: before };
    await this.catchUp(name);
    const t = this.tracked.find((x) => x.session.name === name);
    if (!t || t.session.exit) return { ok: false, reason: 'the agent is not running' };
    const live = this.detect(t);
    if (live.state !== 'approval' || !live.prompt) return { ok: false, reason: 'the prompt is no longer on screen' };
    if (!samePrompt(live.prompt, shown)) return { ok: false, reason: 'the prompt changed since it was shown' };
    const option = live.prompt.options[optionIndex];
    const keys = option?.keys[0];
    if (!option || keys === undefined) return { ok: false, reason: `the prompt has no option ${optionIndex + 1}` };
    const problem = guard?.();
    if (problem) return { ok: false, reason: problem };
    beforeSend?.(option.label);
    t.session.write(keys);
    this.confirmPick(t, shown, optionIndex);
    return { ok: true, option: option.label };
  }

  /**
   * Resolves once what the agent wrote before this call is on its screen, as far as can be
   * known: the kernel hands a PTY's bytes to its master a moment after the agent's write
   * returns, Node reads them in its next I/O poll, and the terminal parses them after that. On a
   * loaded machine the screen can lag the agent by all three; an answer judged on a screen that
   * lags could answer a prompt nobody has seen yet.
   */
  async catchUp(name: string): Promise<void> {
    const session = this.session(name);
    if (!session) return;
    await new Promise((r) => setTimeout(r, CATCH_UP_MS));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    await session.parsed();
  }

  /**
   * Why keys typed into an agent now might not reach the prompt on its screen, or null when it
   * is blocked reading its terminal with nothing already waiting there (see input-wait.ts):
   * agentmux is the only writer of an agent's terminal, so what may be pending is what it wrote.
   */
  inputProblem(name: string): string | null {
    const s = this.session(name);
    if (!s || s.exit || s.pid === null) return 'the agent is not running';
    const input = s.lastInput;
    if (Date.now() - input.at < INPUT_SETTLE_MS) return 'keys sent to it a moment ago may not have been read yet';
    const wait = terminalWait(s.pid);
    if (!wait.waiting) return wait.reason;
    if (pendingLine(s.pid, input.endedLine)) return 'keys typed without Enter may be waiting in its input';
    return null;
  }

  /**
   * Some versions pick an option as soon as its number is typed (Claude Code 2.1.1xx); others
   * only move the highlight to it and wait for Enter (2.1.3xx). If the same prompt is still on
   * screen with the chosen option highlighted, press Enter; if it went away, do nothing (an Enter
   * could answer whatever comes next).
   */
  private confirmPick(t: Tracked, shown: ParsedPrompt, optionIndex: number): void {
    let done = false;
    const check = () => {
      if (done) return;
      const live = this.detect(t);
      if (live.state === 'approval' && live.prompt && samePrompt(live.prompt, shown) && live.prompt.selected === optionIndex) {
        done = true;
        off();
        clearTimeout(timer);
        t.session.write('\r');
      }
    };
    const off = t.session.onScreen(check);
    const timer = setTimeout(() => {
      done = true;
      off();
    }, CONFIRM_PICK_MS);
    timer.unref();
  }

  /**
   * Starts the run's watchdog, once (see watchdog.ts): should agentmux die without ending its
   * agents (kill -9), it ends every process marked with the run. Told after dispose that the run
   * ended well.
   */
  startWatchdog(): void {
    if (this.watchdog || this.disposed) return;
    this.watchdog = startWatchdog(this.runToken, END_GRACE_MS);
  }

  /**
   * Ends every agent's process group, then whatever else carries the run's marker (a daemon an
   * agent started left its group). Safe to call more than once.
   */
  dispose(graceMs = END_GRACE_MS): Promise<void> {
    this.disposed ??= (async () => {
      if (this.frameTimer) clearTimeout(this.frameTimer);
      this.cancelPriority?.();
      this.parseQueue.dispose();
      if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
      this.frameTimer = this.deadlineTimer = this.cancelPriority = null;
      for (const t of this.tracked) t.endRequested = true;
      await Promise.all(this.tracked.map((t) => t.session.dispose(graceMs)));
      await sweepRun(this.runToken, [process.pid, ...(this.watchdog ? [this.watchdog.pid] : [])], graceMs);
      if (this.settingsDir) rmSync(this.settingsDir, { recursive: true, force: true });
      this.watchdog?.done();
    })();
    return this.disposed;
  }

  /** Every pid agentmux started that is still running (for last-resort cleanup). */
  pids(): number[] {
    return this.tracked.flatMap(({ session: s }) => (s.pid !== null && !s.exit ? [s.pid] : []));
  }
}
