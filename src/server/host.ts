import { join, resolve } from 'node:path';
import { Approvals } from '../approvals/approvals.js';
import { AuditFile, formatAudit } from '../approvals/audit.js';
import type { ResolvedConfig } from '../config/types.js';
import { formatEvent, formatReviewEvent, type EventsLog } from '../events/events-log.js';
import { WorktreeStats } from '../git/stats.js';
import { HookChannel } from '../hooks/channel.js';
import { type DigestMark, digest, digestMark } from '../notify/digest.js';
import { editedFile } from '../hooks/signals.js';
import { Notifier } from '../notify/notifier.js';
import { SessionManager } from '../session/manager.js';
import { signalGroup } from '../session/process-group.js';
import type { TerminalLook } from '../session/terminal-replies.js';
import { addCleanup } from '../lib/cleanup.js';
import { plural } from '../lib/plural.js';
import { lookFromEnv } from '../tui/outer-look.js';
import { terminalTitle, titleBytes } from '../tui/terminal-title.js';
import { AwayLog } from './away.js';
import { ReviewComments } from './review-comments.js';
import { type Manifest, storedSpec, writeManifest } from './manifest.js';
import type { SessionStatus } from './protocol.js';

export interface HostOptions {
  session: string;
  /** Directory for this run's transcripts, audit and manifest. */
  runDir: string | null;
  events?: EventsLog;
  recordDir?: string;
  /** Claude Code conversations to carry on (a resume): agent name → session id. */
  claudeSessions?: ReadonlyMap<string, string>;
  /** agentmux's version, for agents that ask their terminal (XTVERSION) and for clients of another. */
  version: string;
}

/** One attached client's dashboard, as the host sees it. */
export interface View {
  /** The agent this client is typing into, if any. */
  focused(): string | null;
  /** A line for this client's status line. */
  message(text: string, tone: 'info' | 'warn'): void;
  /** Bytes for this client's terminal, never dropped (an alert, its title). */
  alert(bytes: string): void;
  /** The client's terminal's environment (TERM, TERM_PROGRAM, TMUX, …). */
  readonly env: NodeJS.ProcessEnv;
  /** The look its terminal answered the query with (colours, cell size), once it has. */
  readonly look: TerminalLook | null;
}

const WARN_KEEP = 5;

/**
 * Everything a session has once, whoever is attached: the agents (manager), Claude Code's hooks,
 * approvals and their audit, notifications, the events log, worktree figures and the manifest.
 * Clients' dashboards (ClientView) read it and send it commands; none of it waits for a client.
 */
export class SessionHost {
  readonly manager: SessionManager;
  readonly approvals: Approvals;
  readonly notifier: Notifier;
  /** Every agent's review comments, kept until sent (the same for every client). */
  readonly comments: ReviewComments;
  readonly stats = new WorktreeStats();
  readonly startedAt = new Date();
  /** Whether the agents were started (at the first attach). */
  started = false;
  private readonly views = new Set<View>();
  private readonly away = new AwayLog();
  /** Warnings said while nobody was attached: shown on the next attach. */
  private readonly missed: string[] = [];
  private readonly eventListeners = new Set<(line: string) => void>();
  private readonly audit: AuditFile | null;
  private manifest: Manifest | null = null;
  private readonly claudeSessions = new Map<string, string>();
  private readonly removeCleanup: () => void;
  private stopped: Promise<void> | null = null;
  /** The check-in digest's timer (config `notify.digest`), and what the last digest saw. */
  private digestTimer: NodeJS.Timeout | null = null;
  private digestMark: DigestMark;
  /** The title every attached terminal shows (config `title`), as last written; null before the first. */
  private title: string | null = null;

  private constructor(
    readonly config: ResolvedConfig,
    readonly opts: HostOptions,
    private readonly hooks: HookChannel | undefined,
  ) {
    for (const [k, v] of opts.claudeSessions ?? []) this.claudeSessions.set(k, v);
    this.manager = new SessionManager(config.agents, {
      settings: config.settings,
      look: () => this.look(),
      version: opts.version,
      runDir: opts.runDir,
      ...(hooks ? { hooks } : {}),
      ...(opts.recordDir ? { recordDir: opts.recordDir } : {}),
    });
    this.manager.onStateChange((change) => {
      this.emitLine(formatEvent(change));
      this.away.change(change);
    });
    this.comments = new ReviewComments(this.manager, {
      sent: (agent, comments) => {
        this.emitLine(formatReviewEvent(Date.now(), agent, comments));
        this.say(`review sent to ${agent}: ${plural(comments, 'comment')}`, 'info');
      },
      returned: (agent, comments) => this.say(`review not sent: ${agent} exited first; ${plural(comments, 'comment')} kept for it`, 'warn'),
      held: (agent) => [...this.views].some((v) => v.focused() === agent),
    });
    this.audit = opts.runDir ? new AuditFile(join(opts.runDir, 'approvals.jsonl')) : null;
    this.approvals = new Approvals({
      manager: this.manager,
      defaultMode: config.settings.approvalMode,
      record: (entry) => {
        this.emitLine(formatAudit(entry).replace(/^\{/, '{"v":1,"event":"approval",'));
        this.away.decision(entry.decision, entry.rule !== null);
        return this.audit?.write(entry) ?? true;
      },
    });
    hooks?.setDecider((e) => this.approvals.decideHook(e.agent, e.payload));
    hooks?.onEvent((e) => {
      // What an agent sharing your tree edits, for the overlaps (an isolated one's changes are read from git).
      const edited = editedFile(e);
      const spec = edited ? this.manager.session(e.agent)?.spec : undefined;
      if (edited && spec && !spec.worktree) this.stats.noteEdit(e.agent, resolve(spec.cwd, edited));
      const id = e.payload.session_id;
      if (typeof id === 'string' && /^[A-Za-z0-9-]{1,100}$/.test(id) && this.claudeSessions.get(e.agent) !== id) {
        this.claudeSessions.set(e.agent, id);
        this.saveManifest();
      }
    });
    this.notifier = new Notifier({
      settings: config.settings.notify,
      env: process.env,
      // Terminal alerts go to the terminals attached; with none, the desktop and command still go.
      terminals: () => [...this.views].map((v) => ({ env: v.env, write: (bytes: string) => v.alert(bytes) })),
      report: (text) => this.say(text, 'warn'),
      hold: (agent) => this.approvals.mode(agent) === 'pause',
      focused: () => {
        for (const v of this.views) {
          const f = v.focused();
          if (f) return f;
        }
        return null;
      },
    });
    this.manager.onStateChange((change) => this.notifier.handle(change));
    this.manager.onChange((f) => f.statusesChanged && this.retitle());
    // An agent's own alert: for the one you are typing into it is already seen; else it waits for you and notifies.
    this.manager.onAlert((agent, text) => {
      if ([...this.views].some((v) => v.focused() === agent)) this.manager.seen(agent);
      else this.notifier.alert(agent, text);
    });
    this.approvals.onRelease((agent) => this.notifier.release(agent));
    this.approvals.onNotice((_agent, text) => this.say(text, 'warn'));
    this.manager.onNotice((_agent, text) => this.say(text, 'warn'));
    // Last resort, synchronous: runs even on process.exit() from anywhere.
    this.removeCleanup = addCleanup(() => {
      hooks?.close();
      for (const pid of this.manager.pids()) signalGroup(pid, 'SIGHUP');
    });
    this.away.start(Date.now());
    this.digestMark = digestMark(this.manager.statuses, Date.now());
    const every = config.settings.notify.digestMs;
    if (every) {
      // One timer, whoever is attached (a digest is for when you are away), and none when it is off.
      this.digestTimer = setInterval(() => this.checkIn(Date.now()), every);
      this.digestTimer.unref();
    }
  }

  /** Every attached terminal's title follows the agents' state, written only when its words change. */
  private retitle(): void {
    if (!this.config.settings.title) return;
    const title = terminalTitle(this.manager.statuses);
    if (title === this.title) return;
    this.title = title;
    for (const v of this.views) v.alert(titleBytes(title));
  }

  /** The check-in digest: sent when an agent's state changed since the last one. */
  checkIn(now: number): void {
    const n = digest(this.manager.statuses, this.digestMark, now);
    this.digestMark = digestMark(this.manager.statuses, now);
    if (n) this.notifier.announce(n);
  }

  static async create(config: ResolvedConfig, opts: HostOptions): Promise<SessionHost> {
    const hooks = config.agents.some((a) => a.kind === 'claude') ? new HookChannel() : undefined;
    await hooks?.listen();
    return new SessionHost(config, opts, hooks);
  }

  /** Starts every agent at `size` (once), and keeps the manifest from then on. */
  start(size: { cols: number; rows: number }): void {
    if (this.started) return;
    this.started = true;
    // On the next turn, after the first client's frame has gone out: a fork takes tens of
    // milliseconds (the watchdog's, then each agent's), and the frame waited behind them.
    setImmediate(() => {
      // Ends the agents even when the server is killed with -9: started before the first of them.
      this.manager.startWatchdog();
      this.manager.startAll(() => size);
    });
    // Agents started later (the c form) and restarted ones are new sessions: followed as they come.
    this.stats.follow(this.manager);
    this.manager.onChange((f) => f.statusesChanged && this.saveManifest());
    this.saveManifest();
  }

  /** The look agents' queries are answered with: the latest attached client's terminal. */
  private look(): TerminalLook {
    let look: TerminalLook | null = null;
    for (const v of this.views) look = v.look ?? look;
    return look ?? lookFromEnv(process.env);
  }

  get clients(): number {
    return this.views.size;
  }

  /** A client attached: it hears, in one line, what it missed while nobody was (and `notice`, a word about its own start). */
  join(view: View, notice?: string): void {
    this.views.add(view);
    // A terminal that attaches shows the state at once (its own title is saved by the client, restored when it leaves).
    if (this.config.settings.title) view.alert(titleBytes((this.title ??= terminalTitle(this.manager.statuses))));
    const summary = this.away.end(this.manager.statuses, Date.now());
    const warnings = [...(notice ? [notice] : []), ...this.missed.splice(0)];
    const line = [...(summary ? [summary] : []), ...warnings].join(' · ');
    if (line) view.message(line, warnings.length ? 'warn' : 'info');
  }

  leave(view: View): void {
    const focused = view.focused();
    this.views.delete(view);
    if (focused) this.comments.release(focused);
    if (this.views.size === 0) this.away.start(Date.now());
  }

  /** A client stopped typing into an agent (left its focus): what waited for that may go now. */
  released(agent: string): void {
    this.comments.release(agent);
  }

  /** A line for every attached client's status line (kept for the next one while none is). */
  say(text: string, tone: 'info' | 'warn'): void {
    if (this.views.size === 0) {
      if (tone === 'warn') this.missed.push(text);
      this.missed.splice(0, Math.max(0, this.missed.length - WARN_KEEP));
    }
    for (const v of this.views) v.message(text, tone);
  }

  /** An events line: into the --events log and to every follower. */
  private emitLine(line: string): void {
    this.opts.events?.writeLine(line);
    for (const l of this.eventListeners) l(line);
  }

  /** Follows the events lines (state changes, approvals, reviews sent) as they are written. */
  onEventLine(listener: (line: string) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  status(dir: string): SessionStatus {
    const count = (state: string) => this.manager.statuses.filter((s) => s.state === state).length;
    return {
      name: this.opts.session,
      dir,
      pid: process.pid,
      runDir: this.opts.runDir,
      started: this.startedAt.toISOString(),
      clients: this.views.size,
      followers: this.eventListeners.size,
      agents: this.manager.statuses.length,
      approval: count('approval'),
      working: count('working') + count('starting'),
      idle: count('idle'),
      stalled: count('stalled'),
      exited: count('exited'),
    };
  }

  /** Rewrites the manifest when what it holds changed (agents added, removed, conversations learnt). */
  saveManifest(endedByUser = false): void {
    const runDir = this.opts.runDir;
    if (!runDir) return;
    const agents = this.manager.agents.map((s) => {
      const original = this.manager.original(s.name) ?? s.spec;
      const id = this.claudeSessions.get(s.name);
      return { spec: storedSpec(original), ...(id ? { claudeSession: id } : {}), ...(this.manager.endedByUser(s.name) ? { ended: true } : {}) };
    });
    const next: Manifest = {
      v: 1,
      session: this.opts.session,
      dir: process.cwd(),
      runDir,
      pid: process.pid,
      started: this.startedAt.toISOString(),
      settings: this.config.settings,
      ...(endedByUser || this.manifest?.ended ? { ended: true } : {}),
      agents,
    };
    if (this.manifest && JSON.stringify(this.manifest) === JSON.stringify(next)) return;
    try {
      writeManifest(next);
      this.manifest = next;
    } catch (err) {
      this.say(`cannot write the manifest in ${runDir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message} (resume will not know this session)`, 'warn');
    }
  }

  /**
   * Ends every agent and what serves them. `byUser`: quit with y or `agentmux kill` (the session
   * is not resumable); a signal to the server (a shutdown, a reboot) leaves it resumable.
   */
  stop(byUser: boolean): Promise<void> {
    this.stopped ??= (async () => {
      if (byUser) this.saveManifest(true);
      this.approvals.dispose();
      this.comments.dispose();
      if (this.digestTimer) clearInterval(this.digestTimer);
      this.digestTimer = null;
      this.notifier.dispose();
      this.stats.dispose();
      await this.manager.dispose();
      this.hooks?.close();
      this.opts.events?.close();
      this.audit?.close();
      this.removeCleanup();
    })();
    return this.stopped;
  }
}
