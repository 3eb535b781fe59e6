import { subjectLine } from '../model/subject.js';
import type { AgentState, ParsedPrompt } from '../model/screen.js';
import type { StateChange } from '../model/status.js';
import { plainText } from './sanitize.js';
import type { Notification } from './types.js';
import type { NotifySettings } from '../config/notify-settings.js';

/** What the policy needs to know besides the change: who the user is typing into. */
export interface NotifyContext {
  /** The agent focused in the dashboard, if the user is typing into one. */
  focused: string | null;
}

/** A prompt in one line: "Bash: npm test", or its question when it has no subject. */
export function promptBody(prompt: ParsedPrompt | undefined): string {
  if (!prompt) return 'waiting for you';
  const s = prompt.subject;
  return plainText(s && (s.command ?? s.file ?? s.text) !== undefined ? subjectLine(prompt)! : prompt.question);
}

/**
 * How long an agent's own alert waits before it notifies: an agent that rings as its prompt
 * appears (Claude Code does) is announced by the prompt's notification, not twice.
 */
export const ALERT_HOLD_MS = 1500;
/** Alerts that follow one another closer than this are one: a bell rung ten times notifies once. */
export const ALERT_QUIET_MS = 30_000;

/**
 * When to tell the user, as a pure rule over state changes and time (the clock is handed in):
 * - approval, stalled, a non-zero exit, and finishing (working -> idle after at least minWork)
 *   notify once per state entry, never for the agent the user is typing into;
 * - an agent left in approval is announced again after each remindAfter delay;
 * - an agent's own alert (a bell, a notification it wrote) notifies after ALERT_HOLD_MS, unless
 *   it is in approval by then; alerts in a row (less than ALERT_QUIET_MS apart) notify once;
 * - more than burstLimit notifications within burstWindow become one summary.
 */
export class NotifyPolicy {
  /** Each agent's work in its current turn: time spent working or stalled, never waiting on you. */
  private readonly work = new Map<string, { total: number; since: number | null }>();
  private readonly waiting = new Map<string, { since: number; reminded: number; body: string; change: StateChange }>();
  private recent: number[] = [];
  private held: Notification[] = [];
  private holdUntil: number | null = null;
  /** Each agent's state as the last change said. */
  private readonly states = new Map<string, AgentState>();
  /** Agents' alerts waiting out ALERT_HOLD_MS, and when each agent last alerted. */
  private readonly alerts = new Map<string, { due: number; text: string }>();
  private readonly lastAlert = new Map<string, number>();

  constructor(private readonly settings: NotifySettings) {}

  /** Notifications for one state change, sent now. */
  change(c: StateChange, ctx: NotifyContext, now: number): Notification[] {
    this.countWork(c);
    this.states.set(c.agent, c.state);
    if (c.state !== 'approval') this.waiting.delete(c.agent);
    // Its prompt says why it rang.
    else this.alerts.delete(c.agent);
    // A prompt that only gained its options while still waiting is the same entry.
    if (c.state === c.prev) return [];
    const n = this.decide(c, ctx);
    if (c.state === 'approval') this.waiting.set(c.agent, { since: c.ts, reminded: 0, body: promptBody(c.prompt), change: c });
    return n ? this.admit(n, now) : [];
  }

  /** An agent's own alert (text '' for a bell): held for ALERT_HOLD_MS (see tick), or dropped. */
  alert(agent: string, text: string, ctx: NotifyContext, now: number): void {
    const last = this.lastAlert.get(agent);
    this.lastAlert.set(agent, now);
    const pending = this.alerts.get(agent);
    if (pending) {
      if (text) pending.text = text;
      return;
    }
    if (last !== undefined && now - last < ALERT_QUIET_MS) return;
    if (!this.settings.events.alert || ctx.focused === agent || this.states.get(agent) === 'approval') return;
    this.alerts.set(agent, { due: now + ALERT_HOLD_MS, text });
  }

  /** A turn starts when work follows idle (or the start); its time waiting on you does not count. */
  private countWork(c: StateChange): void {
    const busy = (s: string) => s === 'working' || s === 'stalled';
    let w = this.work.get(c.agent);
    if (busy(c.state) && !busy(c.prev) && c.prev !== 'approval') this.work.set(c.agent, (w = { total: 0, since: null }));
    if (!w) return;
    if (busy(c.prev) && w.since !== null && !busy(c.state)) {
      w.total += c.ts - w.since;
      w.since = null;
    }
    if (busy(c.state) && w.since === null) w.since = c.ts;
  }

  private decide(c: StateChange, ctx: NotifyContext): Notification | null {
    if (ctx.focused === c.agent) return null;
    const base = { agent: c.agent, state: c.state, prev: c.prev };
    const e = this.settings.events;
    switch (c.state) {
      case 'approval':
        return e.approval ? { ...base, event: 'approval', title: `${c.agent} needs you`, body: promptBody(c.prompt) } : null;
      case 'stalled':
        return e.stalled ? { ...base, event: 'stalled', title: `${c.agent} has stalled`, body: plainText(c.reason) } : null;
      case 'exited': {
        // An end you asked for (x, quitting) is not news.
        if (c.requested) return null;
        const code = /code (\d+)|signal (\d+)/.exec(c.reason);
        const failed = !code || code[2] !== undefined || code[1] !== '0';
        return e.exited && failed ? { ...base, event: 'exited', title: `${c.agent} exited`, body: plainText(c.reason) } : null;
      }
      case 'idle': {
        const worked = this.work.get(c.agent)?.total ?? 0;
        if (!e.finished || (c.prev !== 'working' && c.prev !== 'stalled') || worked < this.settings.minWorkMs) return null;
        return { ...base, event: 'finished', title: `${c.agent} finished`, body: `after ${Math.round(worked / 1000)}s of work` };
      }
      default:
        return null;
    }
  }

  /** Passes a notification, or holds it for a summary when too many come at once. */
  private admit(n: Notification, now: number): Notification[] {
    this.recent = this.recent.filter((t) => now - t < this.settings.burstWindowMs);
    if (this.holdUntil !== null || this.recent.length >= this.settings.burstLimit) {
      this.held.push(n);
      this.holdUntil ??= now + this.settings.burstWindowMs;
      return [];
    }
    this.recent.push(now);
    return [n];
  }

  /** Reminders that are due, and the summary of a burst once it is over. */
  tick(now: number, ctx: NotifyContext): Notification[] {
    const out: Notification[] = [];
    if (this.holdUntil !== null && now >= this.holdUntil) {
      const held = this.held;
      this.held = [];
      this.holdUntil = null;
      this.recent = [now];
      if (held.length === 1) out.push(held[0]!);
      else if (held.length > 1) {
        const names = [...new Set(held.map((h) => h.agent))];
        const allWaiting = held.every((h) => h.event === 'approval');
        out.push({
          event: 'summary',
          agent: names.join(','),
          state: held[0]!.state,
          prev: held[0]!.prev,
          title: allWaiting ? `${names.length} more agents need you` : `${held.length} more agent updates`,
          body: plainText(held.map((h) => `${h.agent} ${h.title.slice(h.agent.length + 1)}`).join(' · ')),
        });
      }
    }
    for (const [agent, a] of this.alerts) {
      if (now < a.due) continue;
      this.alerts.delete(agent);
      if (ctx.focused === agent) continue;
      const state = this.states.get(agent) ?? 'working';
      const body = plainText(a.text) || 'rang the bell';
      out.push(...this.admit({ event: 'alert', agent, state, prev: state, title: `${agent} needs attention`, body }, now));
    }
    for (const [agent, w] of this.waiting) {
      const due = this.settings.remindAfterMs[w.reminded];
      if (due === undefined || now - w.since < due) continue;
      w.reminded++;
      if (ctx.focused === agent || !this.settings.events.approval) continue;
      out.push({ event: 'reminder', agent, state: 'approval', prev: 'approval', title: `${agent} still needs you (${Math.round((now - w.since) / 60_000)} min)`, body: w.body });
    }
    return out;
  }

  /** When tick has something to do next, or null. */
  nextDeadline(): number | null {
    const times: number[] = [];
    if (this.holdUntil !== null) times.push(this.holdUntil);
    for (const a of this.alerts.values()) times.push(a.due);
    for (const w of this.waiting.values()) {
      const due = this.settings.remindAfterMs[w.reminded];
      if (due !== undefined) times.push(w.since + due);
    }
    return times.length ? Math.min(...times) : null;
  }
}
