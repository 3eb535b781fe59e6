import type { StateChange } from '../model/status.js';
import { type AlertTarget, CHANNELS, type Channel, type ChannelContext } from './channels.js';
import { NotifyPolicy } from './policy.js';
import type { Notification } from './types.js';
import type { NotifySettings } from '../config/notify-settings.js';

export interface NotifierOptions {
  settings: NotifySettings;
  env: NodeJS.ProcessEnv;
  /** The terminals attached now, for terminal alerts (written between frames). */
  terminals: () => readonly AlertTarget[];
  /** A channel's problem, said once (the dashboard's message line). */
  report: (message: string) => void;
  /** The agent the user is typing into, if any. */
  focused: () => string | null;
  now?: () => number;
  /** Notifications for this agent are held, not sent (its approval mode is `pause`). */
  hold?: (agent: string) => boolean;
  /** The channels (default CHANNELS); tests hand in their own. */
  channels?: readonly Channel[];
}

/**
 * Carries the policy's notifications to every channel that is on (see channels.ts): the
 * terminal alert, the desktop, the user's command. A channel that cannot work here, or fails,
 * is reported once and never stops the others.
 */
export class Notifier {
  private readonly policy: NotifyPolicy;
  private readonly now: () => number;
  private readonly reported = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  /** The channels that are on and can work here. */
  private readonly channels: readonly Channel[];
  private readonly ctx: ChannelContext;
  /** Notifications held per agent while it is paused. */
  private readonly held = new Map<string, Notification[]>();

  constructor(private readonly opts: NotifierOptions) {
    this.policy = new NotifyPolicy(opts.settings);
    this.now = opts.now ?? Date.now;
    // The terminal is agentmux's own: written to between frames, a terminal by definition.
    this.ctx = { settings: opts.settings, env: opts.env, terminal: { isTTY: true, targets: opts.terminals } };
    this.channels = (opts.channels ?? CHANNELS).filter((c) => {
      if (c.off(this.ctx)) return false;
      const problem = c.problem(this.ctx);
      if (problem) this.reportOnce(c.name, c.problemNotice(problem));
      return !problem;
    });
  }

  handle(change: StateChange): void {
    this.sendAll(this.policy.change(change, { focused: this.opts.focused() }, this.now()));
    this.arm();
  }

  /** An agent's own alert (a bell, a notification it wrote; text '' for a bell). */
  alert(agent: string, text: string): void {
    this.policy.alert(agent, text, { focused: this.opts.focused() }, this.now());
    this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const due = this.policy.nextDeadline();
    if (due === null) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.sendAll(this.policy.tick(this.now(), { focused: this.opts.focused() }));
        this.arm();
      },
      Math.max(0, due - this.now()),
    );
    this.timer.unref();
  }

  private reportOnce(channel: string, message: string): void {
    if (this.reported.has(channel)) return;
    this.reported.add(channel);
    this.opts.report(message);
  }

  private sendAll(list: Notification[]): void {
    for (const n of list) {
      if (this.opts.hold?.(n.agent)) this.held.set(n.agent, [...(this.held.get(n.agent) ?? []), n]);
      else this.send(n);
    }
  }

  /** Sends what was held for an agent while it was paused: the one notification, or one summary. */
  release(agent: string): void {
    const list = this.held.get(agent);
    this.held.delete(agent);
    if (!list?.length) return;
    const last = list[list.length - 1]!;
    if (list.length === 1) return this.send(last);
    this.send({ ...last, event: 'summary', title: `${agent}: ${list.length} updates while paused`, body: list.map((n) => n.title.slice(agent.length + 1)).join(' · ') });
  }

  /**
   * Sends a notification that is no one agent's (the digest) to every channel at once: it goes
   * past the policy (no burst holds it) and past an agent's pause.
   */
  announce(n: Notification): void {
    this.send(n);
  }

  private send(n: Notification): void {
    for (const c of this.channels) void c.send(n, this.ctx).then((err) => err && this.reportOnce(c.name, c.failureNotice(err)));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
