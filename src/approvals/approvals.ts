import { samePrompt } from '../detect/answer.js';
import type { ParsedPrompt } from '../model/screen.js';
import { subjectLine } from '../model/subject.js';
import type { SessionManager } from '../session/manager.js';
import type { StateChange } from '../model/status.js';
import type { AuditEntry } from './audit.js';
import { decide } from './decide.js';
import type { ApprovalMode } from '../model/agent.js';
import { decideToolCall, toolAction } from './tool-call.js';
import type { HookDecision } from '../hooks/channel.js';
import { permissionPrompt } from '../hooks/signals.js';
import type { RuleSet } from '../lib/rules.js';

/** How long a prompt must stay exactly as it is on the live screen before agentmux decides. */
export const STABLE_MS = 500;
/** A prompt still changing after this many looks is left for the user. */
const MAX_LOOKS = 20;
/** How many decisions `L` can list. */
const KEEP = 200;
/** An agent not yet waiting for input is looked at again this often, this many times, before its prompt is left for the user. */
const INPUT_RETRY_MS = 100;
const INPUT_TRIES = 10;
/** How long after an answer its prompt may still be on screen before the answer counts as not taken. */
export const VERIFY_MS = 2000;

export interface ApprovalsOptions {
  manager: SessionManager;
  /** Writes a decision to the audit trail; false when it could not (then nothing is answered). */
  record: (entry: AuditEntry) => boolean;
  /** The mode of agents whose config names none. */
  defaultMode?: ApprovalMode;
  now?: () => number;
  stableMs?: number;
}

interface Watch {
  key: string;
  looks: number;
  timer: NodeJS.Timeout;
}

const NO_RULES: RuleSet = { allow: [], deny: [] };

/**
 * The one owner of approval modes, auto-approval counts and the list of decisions. Watches
 * every agent that enters `approval`: once its prompt has held still on the live screen for
 * STABLE_MS it is judged (see decide), the decision is written to the audit trail, and only
 * then is an answer sent.
 */
export class Approvals {
  private readonly modes = new Map<string, ApprovalMode>();
  private readonly counts = new Map<string, number>();
  private readonly watches = new Map<string, Watch>();
  /** The last prompt decided for each agent, so one prompt is decided once. */
  private readonly decided = new Map<string, { since: number; prompt: ParsedPrompt }>();
  private entries: AuditEntry[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly releaseListeners = new Set<(agent: string) => void>();
  private readonly noticeListeners = new Set<(agent: string, text: string) => void>();
  /** Per agent: the timer of a wait for it to read its input, or of the check after an answer. */
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly off: () => void;
  private readonly now: () => number;
  private readonly stableMs: number;
  private version = 0;
  private disposed = false;

  constructor(private readonly opts: ApprovalsOptions) {
    this.now = opts.now ?? Date.now;
    this.stableMs = opts.stableMs ?? STABLE_MS;
    this.off = opts.manager.onStateChange((c) => this.onState(c));
  }

  mode(agent: string): ApprovalMode {
    return this.modes.get(agent) ?? this.opts.manager.session(agent)?.spec.approvalMode ?? this.opts.defaultMode ?? 'rules';
  }

  /** Sets one agent's mode, or every agent's (agent null). Leaving `pause` releases held notifications. */
  setMode(agent: string | null, mode: ApprovalMode): void {
    const names = agent === null ? this.opts.manager.agents.map((a) => a.name) : [agent];
    for (const name of names) {
      const before = this.mode(name);
      this.modes.set(name, mode);
      if (before === 'pause' && mode !== 'pause') for (const l of this.releaseListeners) l(name);
      // A prompt already waiting is looked at again under the new mode.
      const status = this.opts.manager.statuses.find((s) => s.name === name);
      if (mode === 'rules' && status?.state === 'approval') {
        this.decided.delete(name);
        this.watch(name);
      }
    }
    this.changed();
  }

  /** How many prompts agentmux has approved for an agent. */
  autoApproved(agent: string): number {
    return this.counts.get(agent) ?? 0;
  }

  /** The latest decisions, newest last. */
  latest(n = KEEP): readonly AuditEntry[] {
    return this.entries.slice(-n);
  }

  /** Changes to modes, counts or decisions; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A number that changes whenever anything shown changes (for useSyncExternalStore). */
  getVersion = (): number => this.version;

  /** Called with an agent's name when it leaves `pause`. */
  onRelease(listener: (agent: string) => void): () => void {
    this.releaseListeners.add(listener);
    return () => this.releaseListeners.delete(listener);
  }

  /** Called with what agentmux has to tell the user about an agent (auto-answers stopped). */
  onNotice(listener: (agent: string, text: string) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  /** The user answered a prompt from the dashboard: that goes to the audit trail too. */
  answeredByUser(agent: string, prompt: ParsedPrompt, option: string): void {
    this.decided.set(agent, { since: this.sinceOf(agent), prompt });
    this.add({ agent, prompt, decision: 'answered', rule: null, answer: option, reason: 'answered from the dashboard' });
  }

  private sinceOf(agent: string): number {
    return this.opts.manager.statuses.find((s) => s.name === agent)?.since ?? 0;
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private add(e: Omit<AuditEntry, 'ts' | 'mode' | 'subject' | 'question'> & { prompt: ParsedPrompt }): boolean {
    const { prompt, ...rest } = e;
    // The subject exactly as read (never shortened or cleaned): the audit says what would run.
    const entry: AuditEntry = { ts: this.now(), ...rest, mode: this.mode(e.agent), subject: subjectLine(prompt) ?? prompt.question, question: prompt.question };
    const ok = this.opts.record(entry);
    this.entries.push(entry);
    if (this.entries.length > KEEP) this.entries = this.entries.slice(-KEEP);
    this.changed();
    return ok;
  }

  private onState(c: StateChange): void {
    if (c.state === 'approval' && c.prompt) return this.watch(c.agent);
    this.stopWatching(c.agent);
    if (c.state !== 'approval') this.decided.delete(c.agent);
  }

  private stopWatching(agent: string): void {
    const w = this.watches.get(agent);
    if (w) clearTimeout(w.timer);
    this.watches.delete(agent);
    this.clearTimer(agent);
  }

  private clearTimer(agent: string): void {
    const t = this.timers.get(agent);
    if (t) clearTimeout(t);
    this.timers.delete(agent);
  }

  private later(agent: string, ms: number, f: () => void): void {
    this.clearTimer(agent);
    const timer = setTimeout(() => {
      this.timers.delete(agent);
      f();
    }, ms);
    timer.unref();
    this.timers.set(agent, timer);
  }

  /** The prompt still on the agent's live screen, unchanged. */
  private stillShown(agent: string, prompt: ParsedPrompt): boolean {
    const live = this.opts.manager.inspect(agent)?.detection;
    return live?.state === 'approval' && live.prompt !== undefined && samePrompt(live.prompt, prompt);
  }

  /** Starts (or keeps) watching an agent's prompt until it has held still. */
  private watch(agent: string): void {
    if (this.watches.has(agent)) return;
    // A Claude Code agent's tool calls are decided through its PreToolUse hook (decideHook): the
    // prompt it shows after that is the user's, and on record already.
    if (this.opts.manager.session(agent)?.spec.kind === 'claude') return;
    const live = this.opts.manager.inspect(agent);
    if (!live?.detection.prompt) return;
    this.watches.set(agent, { key: stableKey(live.detection.progressKey, live.detection.prompt), looks: 0, timer: this.arm(agent) });
  }

  private arm(agent: string): NodeJS.Timeout {
    const timer = setTimeout(() => this.look(agent), this.stableMs);
    timer.unref();
    return timer;
  }

  private look(agent: string): void {
    const w = this.watches.get(agent);
    if (!w) return;
    const live = this.opts.manager.inspect(agent);
    const prompt = live?.detection.state === 'approval' ? live.detection.prompt : undefined;
    if (!live || !prompt) return this.stopWatching(agent);
    const key = stableKey(live.detection.progressKey, prompt);
    if (key !== w.key) {
      // Still changing: look again. A prompt that never holds still is left for the user.
      if (++w.looks >= MAX_LOOKS) {
        this.stopWatching(agent);
        this.once(agent, prompt, () => this.add({ agent, prompt, decision: 'left', rule: null, answer: null, reason: 'the prompt never held still' }));
        return;
      }
      w.key = key;
      w.timer = this.arm(agent);
      return;
    }
    this.stopWatching(agent);
    this.once(agent, prompt, () => this.decideAndAnswer(agent, prompt, live.snapshot));
  }

  /** Runs `act` unless this very prompt has already been decided. */
  private once(agent: string, prompt: ParsedPrompt, act: () => void): void {
    const since = this.sinceOf(agent);
    const last = this.decided.get(agent);
    if (last && last.since === since && samePrompt(last.prompt, prompt)) return;
    this.decided.set(agent, { since, prompt });
    act();
  }

  private decideAndAnswer(agent: string, prompt: ParsedPrompt, screen: Parameters<typeof decide>[0]['screen'], tries = 0, caughtUp = false): void {
    const spec = this.opts.manager.session(agent)?.spec;
    if (!spec) return;
    const d = decide({ mode: this.mode(agent), kind: spec.kind, rules: spec.rules ?? NO_RULES, cwd: spec.cwd, prompt, screen });
    if (d.decision === 'left') {
      this.add({ agent, prompt, decision: 'left', rule: d.rule, answer: null, reason: d.reason });
      return;
    }
    const option = prompt.options[d.option]!.label;
    // Only an agent blocked reading its terminal, with nothing waiting there, gets keys: else they
    // would wait in its input and answer whatever it asks next. It may be a moment from reading.
    const problem = this.opts.manager.inputProblem(agent);
    if (problem) {
      if (tries + 1 < INPUT_TRIES)
        return this.later(agent, INPUT_RETRY_MS, () => this.stillShown(agent, prompt) && this.decideAndAnswer(agent, prompt, this.opts.manager.inspect(agent)!.snapshot, tries + 1));
      this.add({ agent, prompt, decision: 'left', rule: d.rule, answer: null, reason: problem });
      return;
    }
    // It is reading: what it printed before is on its way to the screen. Judge that screen.
    if (!caughtUp) {
      void this.opts.manager.catchUp(agent).then(() => {
        const live = this.opts.manager.inspect(agent);
        // A prompt that changed meanwhile is a state change of its own, watched afresh.
        if (!this.disposed && live && this.stillShown(agent, prompt)) this.decideAndAnswer(agent, prompt, live.snapshot, tries, true);
      });
      return;
    }
    // The decision is on record before the key is sent; if it cannot be recorded, nothing is sent.
    if (!this.add({ agent, prompt, decision: d.decision, rule: d.rule, answer: option, reason: d.reason })) return;
    const since = this.sinceOf(agent);
    void this.opts.manager
      .answer(agent, prompt, d.option, undefined, () => this.opts.manager.inputProblem(agent))
      .then((result) => {
        if (!result.ok) return void this.add({ agent, prompt, decision: 'not-sent', rule: d.rule, answer: option, reason: result.reason });
        if (d.decision === 'approved') {
          this.counts.set(agent, this.autoApproved(agent) + 1);
          this.changed();
        }
        this.later(agent, VERIFY_MS, () => this.verify(agent, prompt, since, d.rule, option));
      });
  }

  /**
   * An answer that did not take (the same prompt still waits, VERIFY_MS after it was sent)
   * means agentmux misread the agent: it stops answering for it (its mode becomes manual),
   * says so in the audit trail and to the user.
   */
  private verify(agent: string, prompt: ParsedPrompt, since: number, rule: string, option: string): void {
    const status = this.opts.manager.statuses.find((s) => s.name === agent);
    if (status?.state !== 'approval' || status.since !== since || !this.stillShown(agent, prompt)) return;
    this.add({ agent, prompt, decision: 'stopped', rule, answer: option, reason: `the prompt was still there ${VERIFY_MS / 1000}s after the answer: auto-answers stopped, ${agent} is manual` });
    this.setMode(agent, 'manual');
    const text = `${agent} did not take agentmux's answer "${option}": auto-answers for ${agent} stopped (mode manual); answer it yourself, m r turns rules back on`;
    for (const l of this.noticeListeners) l(agent, text);
  }

  /**
   * Answers a Claude Code agent's PreToolUse hook (see decideToolCall): the decision is on
   * record before it is returned; an allow that cannot be recorded is not given.
   */
  decideHook(agent: string, payload: Record<string, unknown>): HookDecision | null {
    const spec = this.opts.manager.session(agent)?.spec;
    const tool = typeof payload.tool_name === 'string' ? payload.tool_name : null;
    if (!spec || !tool) return null;
    const input = (payload.tool_input ?? {}) as Record<string, unknown>;
    const d = decideToolCall({ mode: this.mode(agent), rules: spec.rules ?? NO_RULES, cwd: spec.cwd, action: toolAction(tool, input) });
    if (!d) return null;
    const prompt: ParsedPrompt = { ...permissionPrompt(payload), question: `${tool} call (PreToolUse)` };
    const decision = d.decision === 'allow' ? 'approved' : d.decision === 'deny' ? 'denied' : 'left';
    const recorded = this.add({ agent, prompt, decision, rule: d.rule, answer: d.decision, reason: d.reason });
    if (!recorded && d.decision === 'allow') return null;
    if (d.decision === 'allow') {
      this.counts.set(agent, this.autoApproved(agent) + 1);
      this.changed();
    }
    return { decision: d.decision, reason: `agentmux: ${d.reason}` };
  }

  dispose(): void {
    this.disposed = true;
    this.off();
    for (const agent of [...this.watches.keys()]) this.stopWatching(agent);
    for (const agent of [...this.timers.keys()]) this.clearTimer(agent);
  }
}

/** What must not change for a prompt to count as still: the screen (without animation) and the prompt. */
function stableKey(progressKey: string, prompt: ParsedPrompt): string {
  return `${progressKey}\u0000${JSON.stringify(prompt)}`;
}
