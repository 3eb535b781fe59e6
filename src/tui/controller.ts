import { findOption, modeChange, samePrompt, type Intent } from '../detect/answer.js';
import type { ParsedPrompt } from '../model/screen.js';
import type { Approvals } from '../approvals/approvals.js';
import type { ApprovalMode } from '../model/agent.js';
import type { SessionManager } from '../session/manager.js';
import { nextAttention } from './attention.js';
import { PAGE_UP, scrollKey, splitFocusInput, WHEEL_UP, type MouseEvent } from './focus-input.js';
import { ESC_WAIT_MS, KeyDecoder, type Key } from './keys.js';
import { formKey, formSpec, newForm, type FormState } from './new-agent-form.js';
import { lookup, type Command, type Mode } from './keymap.js';
import { openReview, reviewKey, reviewMode } from './review-commands.js';
import { restartAgent } from './restart-agent.js';
import { isolateSpec } from '../git/isolate.js';
import { OUTER_FOCUS_RESET, outerModeChanges, outerModes } from './outer-modes.js';
import type { InputModes } from '../session/terminal.js';
import type { AgentSpec } from '../model/agent.js';
import { agentSize, computeLayout, longestName, paneInside } from './layout.js';
import type { Store, UiAction, UiState } from './ui-state.js';

/** How long an answered agent may stay in approval before the bar says the answer did not take. */
export const ANSWER_CHECK_MS = 1000;

export interface ControllerOptions {
  manager: SessionManager;
  /** Approval modes and the audit trail; none in tests that do not need them. */
  approvals?: Approvals;
  /** The byte of the detach key (ctrl+] by default). */
  detachByte?: string;
  /** Directory the `c` form starts from and resolves relative paths against. */
  cwd?: string;
  /** Where the `c` form's isolated agents get their worktrees (config `worktreeDir`). */
  worktreeDir?: string;
  ui: Store<UiState, UiAction>;
  /** Writes to the outer terminal (mode switches while an agent is focused). */
  writeOuter: (data: string) => void;
  now?: () => number;
}

const INTENT_LABEL: Record<Intent, string> = { yes: 'yes', always: "don't-ask-again", no: 'no' };

/**
 * Turns keys into actions: the keymap names the command, this carries it out against the
 * session manager and the UI store. The only place where keys meet agents.
 */
export class Controller {
  private readonly manager: SessionManager;
  private readonly ui: Store<UiState, UiAction>;
  private readonly now: () => number;
  /** When the user last looked at each agent (selected or focused it), for the attention queue. */
  readonly lastLooked = new Map<string, number>();
  private answerCheck: NodeJS.Timeout | null = null;
  private readonly scrollDecoder = new KeyDecoder();
  private escTimer: NodeJS.Timeout | null = null;
  private readonly detachByte: string;

  constructor(private readonly opts: ControllerOptions) {
    this.manager = opts.manager;
    this.ui = opts.ui;
    this.now = opts.now ?? Date.now;
    this.detachByte = opts.detachByte ?? '\x1d';
    this.look(0);
    this.offFrames = this.manager.onChange((frame) => this.followModes(frame.screens));
  }

  /** The modes last written to the outer terminal for the focused agent; null when none is. */
  private mirrored: InputModes | null = null;
  private readonly offFrames: () => void;

  /** A focused agent that changes its input modes gets them on the outer terminal at once. */
  private followModes(changed: ReadonlySet<string>): void {
    const focused = this.ui.get().focused;
    const session = focused !== null ? this.manager.agents[focused] : undefined;
    if (!session || !this.mirrored || !changed.has(session.name)) return;
    const modes = session.terminal.inputModes();
    const changes = outerModeChanges(this.mirrored, modes);
    this.mirrored = modes;
    if (changes) this.opts.writeOuter(changes);
  }

  /** The keymap in force: the dashboard's answers apply while the selected agent waits on a prompt. */
  mode(): Mode {
    const s = this.ui.get();
    if (s.mode === 'dashboard' && this.manager.statuses[s.selected]?.state === 'approval') return 'approval';
    if (s.mode === 'review') return reviewMode(s.review);
    return s.mode;
  }

  key(key: Key): void {
    const state = this.ui.get();
    if (state.mode === 'new-agent' && state.form) return this.formInput(key, state.form);
    if (state.numberPrefix !== null && /^[0-9]$/.test(key.name)) return this.prefixDigit(state.numberPrefix + key.name);
    if (state.numberPrefix !== null) this.ui.dispatch({ type: 'number-prefix', digits: null });
    const command = lookup(this.mode(), key.name);
    if (state.mode === 'option-pick' && !command) return this.cancelPick('picked nothing');
    if (state.mode === 'confirm-option' && command !== 'option-confirm') return this.cancelPick('sent nothing');
    if (state.mode === 'review') return reviewKey({ manager: this.manager, ui: this.ui }, key, Math.max(1, state.rows - 12));
    if (command) this.run(command, key.name);
  }

  private run(command: Command, keyName: string): void {
    const state = this.ui.get();
    const count = this.manager.agents.length;
    switch (command) {
      case 'quit':
        return this.manager.busyCount > 0 ? this.ui.dispatch({ type: 'mode', mode: 'confirm-quit' }) : this.ui.dispatch({ type: 'quit' });
      case 'quit-confirm':
        return this.ui.dispatch({ type: 'quit' });
      case 'cancel':
        return this.ui.dispatch({ type: 'mode', mode: 'dashboard' });
      case 'help':
        return this.ui.dispatch({ type: 'mode', mode: 'help' });
      case 'select-next':
        return this.select((state.selected + 1) % count);
      case 'select-prev':
        return this.select((state.selected - 1 + count) % count);
      case 'next-attention': {
        const next = nextAttention(this.manager.statuses, this.lastLooked, state.selected);
        if (next === null) return this.ui.dispatch({ type: 'message', text: 'no agent needs you' });
        return this.select(next);
      }
      case 'focus-selected':
        return this.focus(state.selected);
      case 'focus-number':
        return this.focus(Number(keyName) - 1);
      case 'number-prefix':
        return this.ui.dispatch({ type: 'number-prefix', digits: '' });
      case 'answer-yes':
        return this.answer('yes');
      case 'answer-always':
        return this.answer('always');
      case 'answer-no':
        return this.answer('no');
      case 'option-prefix': {
        const s = this.manager.statuses[state.selected];
        if (!s?.prompt?.options.length) return this.ui.dispatch({ type: 'message', text: 'nothing to answer', tone: 'warn' });
        return this.ui.dispatch({ type: 'mode', mode: 'option-pick' });
      }
      case 'answer-number':
        this.ui.dispatch({ type: 'mode', mode: 'dashboard' });
        return this.answer(Number(keyName));
      case 'option-confirm': {
        const c = state.confirmOption;
        this.ui.dispatch({ type: 'confirm-option', confirm: null });
        if (c) this.send(c.agent, c.prompt, c.option);
        return;
      }
      case 'kill': {
        const s = this.manager.statuses[state.selected];
        if (!s) return;
        if (s.state === 'exited') {
          // An exited agent is taken off the dashboard; its transcript stays.
          this.manager.remove(s.name);
          this.ui.dispatch({ type: 'select', index: Math.max(0, Math.min(state.selected, this.manager.agents.length - 1)) });
          return this.ui.dispatch({ type: 'message', text: `removed ${s.name} from the dashboard` });
        }
        return this.ui.dispatch({ type: 'mode', mode: 'confirm-kill' });
      }
      case 'kill-confirm': {
        const s = this.manager.statuses[state.selected]!;
        this.ui.dispatch({ type: 'mode', mode: 'dashboard' });
        void this.manager.end(s.name);
        return this.ui.dispatch({ type: 'message', text: `ending ${s.name}` });
      }
      case 'review':
        return openReview({ manager: this.manager, ui: this.ui }, state.selected);
      case 'new-agent':
        return this.ui.dispatch({ type: 'form', form: newForm(this.opts.cwd ?? process.cwd()) });
      case 'mode-menu': {
        const s = this.manager.statuses[state.selected];
        if (!this.opts.approvals || !s) return;
        this.ui.dispatch({ type: 'mode', mode: 'approval-mode' });
        return this.ui.dispatch({ type: 'message', text: `approval mode of ${s.name}: ${this.opts.approvals.mode(s.name)}` });
      }
      case 'mode-manual':
      case 'mode-rules':
      case 'mode-pause':
        return this.setMode(this.manager.statuses[state.selected]?.name ?? null, command.slice(5) as ApprovalMode);
      case 'mode-all-manual':
      case 'mode-all-rules':
      case 'mode-all-pause':
        return this.setMode(null, command.slice(9) as ApprovalMode);
      case 'approvals-log':
        return this.ui.dispatch({ type: 'mode', mode: 'approvals-log' });
      case 'restart':
        return restartAgent({ manager: this.manager, ui: this.ui }, this.manager.statuses[state.selected]!.name);
      case 'review-next':
      case 'review-prev':
      case 'review-switch':
      case 'review-pick':
      case 'review-page-up':
      case 'review-page-down':
      case 'review-merge':
      case 'review-cherry-pick':
      case 'review-discard':
      case 'review-yes':
      case 'review-commit':
      case 'review-merge-only':
        return; // the review's keys are its own (reviewKey, in review-commands.ts)
      default: {
        // Every command has its case: a new one without it does not compile.
        const unhandled: never = command;
        return unhandled;
      }
    }
  }

  private cancelPick(text: string): void {
    this.ui.dispatch({ type: 'confirm-option', confirm: null });
    this.ui.dispatch({ type: 'message', text });
  }

  private setMode(agent: string | null, mode: ApprovalMode): void {
    this.ui.dispatch({ type: 'mode', mode: 'dashboard' });
    if (!this.opts.approvals) return;
    this.opts.approvals.setMode(agent, mode);
    this.ui.dispatch({ type: 'message', text: `${agent ?? 'every agent'}: approval mode ${mode}` });
  }

  private formInput(key: Key, form: FormState): void {
    const result = formKey(form, key);
    if ('form' in result) return this.ui.dispatch({ type: 'form', form: result.form });
    if ('cancel' in result) return this.ui.dispatch({ type: 'form', form: null });
    const spec = formSpec(
      form,
      this.manager.agents.map((a) => a.name),
      process.env,
      this.opts.cwd ?? process.cwd(),
    );
    if ('error' in spec) return this.ui.dispatch({ type: 'form', form: { ...form, error: spec.error } });
    if (!spec.isolate) return this.startAgent(spec);
    // Its worktree first; a problem (not a repository, a branch of that name that is the user's) stays in the form.
    this.ui.dispatch({ type: 'form', form: { ...form, error: 'making its worktree…' } });
    isolateSpec(spec, this.opts.worktreeDir)
      .then((isolated) => this.startAgent(isolated))
      .catch(
        (err: unknown) =>
          this.ui.get().form && this.ui.dispatch({ type: 'form', form: { ...form, error: `isolate: ${(err instanceof Error ? err.message : String(err)).replace(/^isolate: /, '')}` } }),
      );
  }

  private startAgent(spec: AgentSpec): void {
    this.ui.dispatch({ type: 'form', form: null });
    const index = this.manager.agents.length;
    // The new pane changes the grid: size it and every other agent to the new layout.
    this.manager.addAgent(spec, this.agentSize() ?? { cols: 80, rows: 24 });
    this.select(index);
    this.ui.dispatch({ type: 'message', text: `started ${spec.name}${spec.worktree ? ` in ${spec.worktree.branch}` : ''}` });
  }

  private prefixDigit(digits: string): void {
    if (digits.length < 2) return this.ui.dispatch({ type: 'number-prefix', digits });
    this.ui.dispatch({ type: 'number-prefix', digits: null });
    this.focus(Number(digits) - 1);
  }

  private look(index: number): void {
    const s = this.manager.statuses[index];
    if (s) this.lastLooked.set(s.name, this.now());
  }

  select(index: number): void {
    if (index < 0 || index >= this.manager.agents.length) return;
    this.ui.dispatch({ type: 'select', index });
    this.look(index);
  }

  /**
   * The size every agent's PTY has: the focused pane's, whichever agent is focused and however
   * the grid is laid out (panes show a view of it). Null while the terminal is too small.
   */
  agentSize(): { cols: number; rows: number } | null {
    const { cols, rows } = this.ui.get();
    const layout = computeLayout(cols, rows, this.manager.agents.length, longestName(this.manager));
    return layout.kind === 'dashboard' ? agentSize(layout) : null;
  }

  /** Gives every agent's PTY that size (a no-op for those that have it: only a terminal resize changes it). */
  resizeAgents(): void {
    const size = this.agentSize();
    if (!size) return;
    for (const s of this.manager.agents) s.resize(size.cols, size.rows);
  }

  focus(index: number): void {
    const session = this.manager.agents[index];
    if (!session) return this.ui.dispatch({ type: 'message', text: `there is no agent ${index + 1}`, tone: 'warn' });
    this.ui.dispatch({ type: 'focus', index });
    this.look(index);
    this.manager.setPriority(session.name);
    this.resizeAgents();
    // Keys reach the agent as its program asked: its input modes on the outer terminal, for as
    // long as it is focused (followModes), and a focus report when it asked for them.
    const modes = session.terminal.inputModes();
    this.mirrored = modes;
    this.opts.writeOuter(outerModes(modes));
    if (modes.focusEvents) session.write('\x1b[I');
  }

  /** Back to the dashboard from focus. */
  detach(): void {
    const focused = this.ui.get().focused;
    this.opts.writeOuter(OUTER_FOCUS_RESET);
    const session = focused !== null ? this.manager.agents[focused] : undefined;
    if (session && this.mirrored?.focusEvents) session.write('\x1b[O');
    this.mirrored = null;
    this.manager.setPriority(null);
    this.ui.dispatch({ type: 'focus', index: null });
    if (focused !== null) this.look(focused);
    this.resizeAgents();
  }

  /**
   * Input while focused: the bytes go to the agent exactly as typed, except the detach key and
   * PgUp, which opens the agent's history (see scrollKey). Returns what followed a detach, for
   * the dashboard's keys.
   */
  focusInput(data: string): string {
    let rest = data;
    while (rest) {
      const state = this.ui.get();
      if (state.mode !== 'focus' || state.focused === null) return rest;
      if (!state.scroll) {
        const { before, special, after } = splitFocusInput(rest, this.detachByte);
        this.passThrough(before);
        if (special?.kind === 'detach') {
          this.detach();
          return after;
        }
        const wheelUp = special?.kind === 'mouse' && special.event.button === WHEEL_UP;
        if (special?.kind === 'pageup' || wheelUp) {
          this.ui.dispatch({ type: 'scroll', scroll: { back: 0, typing: null, query: null, note: null } });
          this.scroll(special.kind === 'pageup' ? { name: 'pageup', seq: PAGE_UP } : { name: 'mouse', seq: special.event.seq });
        } else if (special?.kind === 'mouse') {
          this.forwardMouse(special.event);
        }
        rest = after;
        continue;
      }
      if (this.escTimer) clearTimeout(this.escTimer);
      const keys = this.scrollDecoder.feed(rest);
      rest = '';
      // A lone ESC waits a moment for the rest of a sequence; then it is the escape key.
      if (this.scrollDecoder.hasPending)
        this.escTimer = setTimeout(() => {
          for (const k of this.scrollDecoder.flush()) this.scroll(k);
        }, ESC_WAIT_MS);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        if (key.seq === this.detachByte) {
          this.detach();
          return keys
            .slice(i + 1)
            .map((k) => k.seq)
            .join('');
        }
        if (this.ui.get().scroll) this.scroll(key);
        else this.passThrough(key.seq);
      }
    }
    return '';
  }

  /**
   * A mouse report for the focused agent: passed on only if its program asked for the mouse,
   * with coordinates made relative to its pane.
   */
  private forwardMouse(e: MouseEvent): void {
    const { focused, cols, rows } = this.ui.get();
    const session = focused !== null ? this.manager.agents[focused] : undefined;
    const layout = computeLayout(cols, rows, this.manager.agents.length, longestName(this.manager));
    if (!session || layout.kind !== 'dashboard' || !session.terminal.wantsMouse()) return;
    // Reports count from 1; the inside's first cell is column and row 1 of the agent's screen.
    const inside = paneInside(layout.grid);
    const x = e.x - inside.x;
    const y = e.y - inside.y;
    if (x < 1 || y < 1 || x > session.terminal.cols || y > session.terminal.rows) return;
    session.write(`\x1b[<${e.button};${x};${y}${e.release ? 'm' : 'M'}`);
  }

  private scroll(key: Key): void {
    const { scroll, focused } = this.ui.get();
    const session = focused !== null ? this.manager.agents[focused] : undefined;
    if (!scroll || !session) return;
    const term = session.terminal;
    const view = { page: Math.max(1, term.rows - 1), rows: term.rows, history: term.historyLength };
    const result = scrollKey(scroll, key, view, (q, from, dir) => term.searchLines(q, from, dir));
    if ('scroll' in result) return this.ui.dispatch({ type: 'scroll', scroll: result.scroll });
    this.ui.dispatch({ type: 'scroll', scroll: null });
    if (result.forward) this.passThrough(key.seq);
  }

  /** Raw input for the focused agent, exactly as typed. */
  passThrough(data: string): void {
    const focused = this.ui.get().focused;
    if (focused !== null) this.manager.agents[focused]?.write(data);
  }

  /**
   * Answers the selected agent's prompt: by intent (found by label) or by the option's number.
   * An option that changes the agent's permission mode for the rest of its session is never
   * sent by one key: it asks first, naming what it does.
   */
  answer(choice: Intent | number): void {
    const index = this.ui.get().selected;
    const status = this.manager.statuses[index];
    const say = (text: string, tone: 'info' | 'warn' = 'info') => this.ui.dispatch({ type: 'message', text, tone });
    if (status?.state !== 'approval' || !status.prompt) return say('nothing to answer', 'warn');
    const shown = status.prompt;
    if (!shown.options.length) return say('not sent: the prompt is not on the screen yet', 'warn');
    const option =
      typeof choice === 'number'
        ? (() => {
            const byNumber = shown.options.findIndex((o) => o.number === choice);
            return byNumber >= 0 ? byNumber : shown.options.some((o) => o.number !== undefined) || choice - 1 >= shown.options.length ? null : choice - 1;
          })()
        : findOption(shown, choice);
    if (option === null) return say(`this prompt has no ${typeof choice === 'number' ? `option ${choice}` : `${INTENT_LABEL[choice]} option`}`, 'warn');
    const label = shown.options[option]!.label;
    const what = modeChange(shown, label);
    if (what) return this.ui.dispatch({ type: 'confirm-option', confirm: { agent: status.name, prompt: shown, option, label, what } });
    this.send(status.name, shown, option);
  }

  /** Sends an option, once the live screen still shows the prompt the bar showed. */
  private send(agent: string, shown: ParsedPrompt, option: number): void {
    const say = (text: string, tone: 'info' | 'warn' = 'info') => this.ui.dispatch({ type: 'message', text, tone });
    const record = (label: string) => this.opts.approvals?.answeredByUser(agent, shown, label);
    void this.manager.answer(agent, shown, option, record).then((result) => {
      if (!result.ok) return say(`not sent: ${result.reason}`, 'warn');
      say(`sent to ${agent}: ${result.option}`);
      if (this.answerCheck) clearTimeout(this.answerCheck);
      this.answerCheck = setTimeout(() => {
        this.answerCheck = null;
        const now = this.manager.statuses.find((s) => s.name === agent);
        if (now?.state === 'approval' && now.prompt && samePrompt(now.prompt, shown)) {
          say(`the answer did not take: ${agent} still waits on the same prompt`, 'warn');
        }
      }, ANSWER_CHECK_MS);
      this.answerCheck.unref();
    });
  }

  dispose(): void {
    this.offFrames();
    if (this.answerCheck) clearTimeout(this.answerCheck);
    if (this.escTimer) clearTimeout(this.escTimer);
  }
}
