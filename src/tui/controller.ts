import type { Approvals } from '../approvals/approvals.js';
import type { Worktree, WorktreePrep } from '../model/agent.js';
import { AnswerSender } from './answer-verify.js';
import type { CommentsPort } from './comments-port.js';
import { DASHBOARD_KEYS, type Dashboard, type DashboardMode } from './dashboard-keys.js';
import { FocusRouter } from './focus-router.js';
import { KEYMAP } from './bindings.js';
import { bindingFor, hints, type Mode } from './keymap.js';
import type { Key } from './keys.js';
import { agentSize, computeLayout, longestName } from './layout.js';
import type { ManagerPort } from './manager-port.js';
import { reviewKey, reviewMode } from './review-commands.js';
import { formInput } from './start-agent.js';
import { helpHeight, helpPages } from './help-pages.js';
import type { Store, UiAction, UiState } from './ui-state.js';

export interface ControllerOptions {
  manager: ManagerPort;
  /** Approval modes and the audit trail; none in tests that do not need them. */
  approvals?: Approvals;
  /** The session's review comments; none in tests that do not need them. */
  comments?: CommentsPort;
  /** The byte of the detach key (ctrl+] by default). */
  detachByte?: string;
  /** Directory the `c` form starts from and resolves relative paths against. */
  cwd?: string;
  /** Where the `c` form's isolated agents get their worktrees (config `worktreeDir`). */
  worktreeDir?: string;
  /** How new worktrees are made ready (config `worktree`). */
  worktree?: WorktreePrep;
  /** An agent's files that other agents changed too → those agents. */
  overlaps?: (agent: string) => ReadonlyMap<string, readonly string[]>;
  /** A review action changed an agent's worktree or branch. */
  worktreeChanged?: (w: Worktree) => void;
  ui: Store<UiState, UiAction>;
  /** Writes to the outer terminal (mode switches while an agent is focused). */
  writeOuter: (data: string) => void;
  now?: () => number;
}

/**
 * Where keys meet agents: finds the screen in force and its binding, and runs it. The keys'
 * handlers live in their tables (dashboard-keys.ts, review-commands.ts, the form's, focus
 * mode's in focus-router.ts); this holds what they share: selection, focus and agent sizes.
 */
export class Controller implements Dashboard {
  readonly manager: ManagerPort;
  readonly ui: Store<UiState, UiAction>;
  readonly approvals?: Approvals;
  readonly comments?: CommentsPort;
  readonly cwd: string;
  readonly worktreeDir?: string;
  readonly worktree?: WorktreePrep;
  readonly overlaps?: (agent: string) => ReadonlyMap<string, readonly string[]>;
  readonly worktreeChanged?: (w: Worktree) => void;
  readonly answers: AnswerSender;
  /** When the user last looked at each agent (selected or focused it), for the attention queue. */
  readonly lastLooked = new Map<string, number>();
  private readonly router: FocusRouter;
  private readonly now: () => number;

  constructor(opts: ControllerOptions) {
    this.manager = opts.manager;
    this.ui = opts.ui;
    if (opts.approvals) this.approvals = opts.approvals;
    if (opts.comments) this.comments = opts.comments;
    this.cwd = opts.cwd ?? process.cwd();
    if (opts.worktreeDir) this.worktreeDir = opts.worktreeDir;
    if (opts.worktree) this.worktree = opts.worktree;
    if (opts.overlaps) this.overlaps = opts.overlaps;
    if (opts.worktreeChanged) this.worktreeChanged = opts.worktreeChanged;
    this.now = opts.now ?? Date.now;
    this.answers = new AnswerSender(opts.manager, opts.ui, opts.approvals);
    this.router = new FocusRouter({
      manager: opts.manager,
      ui: opts.ui,
      writeOuter: opts.writeOuter,
      detachByte: opts.detachByte ?? '\x1d',
      looked: (index) => this.look(index),
      resizeAgents: () => this.resizeAgents(),
    });
    // What is selected when a dashboard opens has not been looked at yet: its alert stays.
    const first = this.manager.statuses[0];
    if (first) this.lastLooked.set(first.name, this.now());
  }

  /** The screen whose keys are in force: the dashboard's answers apply while the selected agent waits on a prompt. */
  mode(): Mode {
    const s = this.ui.get();
    if (s.mode === 'dashboard' && this.manager.statuses[s.selected]?.state === 'approval') return 'approval';
    if (s.mode === 'review') return reviewMode(s.review);
    if (s.mode === 'focus' && s.scroll) return s.scroll.typing !== null ? 'history-search' : 'history';
    return s.mode;
  }

  /** The status line's key hints for the screen in force: what cannot be used now is not offered. */
  hints(detachKey?: string): string {
    const mode = this.mode();
    if (isDashboardMode(mode)) return hints(DASHBOARD_KEYS[mode], detachKey, (b) => !b.disabled?.(this));
    return hints(KEYMAP[mode], detachKey);
  }

  key(key: Key): void {
    const state = this.ui.get();
    if (state.mode === 'new-agent' && state.form) return formInput(this, key, state.form);
    if (state.numberPrefix !== null && /^[0-9]$/.test(key.name)) return this.prefixDigit(state.numberPrefix + key.name);
    if (state.numberPrefix !== null) this.ui.dispatch({ type: 'number-prefix', digits: null });
    if (state.mode === 'review') return reviewKey(this, key, Math.max(1, state.rows - 12));
    const mode = this.mode();
    if (!isDashboardMode(mode)) return;
    const binding = bindingFor(DASHBOARD_KEYS[mode], key.name);
    if (!binding) return;
    const reason = binding.disabled?.(this);
    if (reason) return this.ui.dispatch({ type: 'message', text: reason, tone: 'warn' });
    binding.run(this, key);
  }

  private prefixDigit(digits: string): void {
    if (digits.length < 2) return this.ui.dispatch({ type: 'number-prefix', digits });
    this.ui.dispatch({ type: 'number-prefix', digits: null });
    this.focus(Number(digits) - 1);
  }

  /** Someone looked at an agent: it leaves the attention queue until it has something new, and its alert is read. */
  private look(index: number): void {
    const s = this.manager.statuses[index];
    if (!s) return;
    this.lastLooked.set(s.name, this.now());
    this.manager.seen(s.name);
  }

  select(index: number): void {
    if (index < 0 || index >= this.manager.agents.length) return;
    this.ui.dispatch({ type: 'select', index });
    this.look(index);
  }

  helpPages(): number {
    const { cols, rows } = this.ui.get();
    const layout = computeLayout(cols, rows, this.manager.agents.length, longestName(this.manager));
    return layout.kind === 'dashboard' ? helpPages(cols - 4, helpHeight(layout.grid), '').length : 1;
  }

  focus(index: number): void {
    this.router.focus(index);
  }

  /** Back to the dashboard from focus. */
  detach(): void {
    this.router.detach();
  }

  /** Input while focused (see FocusRouter.input); returns what followed a detach, for the dashboard's keys. */
  focusInput(data: string): string {
    return this.router.input(data);
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

  dispose(): void {
    this.router.dispose();
    this.answers.dispose();
  }
}

function isDashboardMode(mode: Mode): mode is DashboardMode {
  return mode in DASHBOARD_KEYS;
}
