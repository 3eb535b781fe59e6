import { PAGE_UP, scrollKey, splitFocusInput, WHEEL_UP, parseMouse } from './focus-input.js';
import { DETACH, OTHER, bindingFor, type Binding } from './keymap.js';
import { ESC_WAIT_MS, KeyDecoder, type Key } from './keys.js';
import { computeLayout, longestName, paneInside } from './layout.js';
import type { ManagerPort } from './manager-port.js';
import { OUTER_FOCUS_RESET, outerModeChanges, outerModes } from './outer-modes.js';
import type { InputModes } from '../session/terminal.js';
import type { Store, UiAction, UiState } from './ui-state.js';

export interface FocusRouterOptions {
  manager: ManagerPort;
  ui: Store<UiState, UiAction>;
  /** Writes to the outer terminal (the focused agent's input modes). */
  writeOuter: (data: string) => void;
  /** The byte of the detach key (ctrl+] by default). */
  detachByte: string;
  /** Someone looked at an agent (focused it, or came back from it). */
  looked: (index: number) => void;
  /** Gives every agent's PTY the size the layout now has. */
  resizeAgents: () => void;
}

/**
 * The keys of focus mode: every key goes to the agent as typed, except these, which agentmux
 * takes out of the input wherever they are in it (see splitFocusInput).
 */
export const FOCUS_KEYS: readonly Binding<FocusRouter>[] = [
  { keys: [OTHER], help: 'goes to the agent as typed', short: 'every key goes to the agent', shortKeys: [], run: (r, key) => r.passThrough(key.seq) },
  { keys: [DETACH], help: 'back to the dashboard', short: 'back to the dashboard', run: (r) => r.detach() },
  { keys: ['pageup', 'wheel'], help: "the agent's history (then / search, n/N, esc)", short: 'history', shortKeys: ['pageup'], run: (r, key) => r.openHistory(key) },
  { keys: ['mouse'], help: 'clicks and drags reach the agent when its program asked for the mouse', run: (r, key) => r.forwardMouse(key) },
];

/**
 * Focus mode: input for the focused agent, its history view, and its input modes mirrored on
 * the outer terminal while it is focused.
 */
export class FocusRouter {
  private readonly scrollDecoder = new KeyDecoder();
  private escTimer: NodeJS.Timeout | null = null;
  /** The modes last written to the outer terminal for the focused agent; null when none is. */
  private mirrored: InputModes | null = null;
  private readonly offFrames: () => void;

  constructor(private readonly opts: FocusRouterOptions) {
    this.offFrames = opts.manager.onChange((frame) => this.followModes(frame.screens));
  }

  private get focused() {
    const focused = this.opts.ui.get().focused;
    return focused !== null ? this.opts.manager.agents[focused] : undefined;
  }

  /** A focused agent that changes its input modes gets them on the outer terminal at once. */
  private followModes(changed: ReadonlySet<string>): void {
    const session = this.focused;
    if (!session || !this.mirrored || !changed.has(session.name)) return;
    const modes = session.terminal.inputModes();
    const changes = outerModeChanges(this.mirrored, modes);
    this.mirrored = modes;
    if (changes) this.opts.writeOuter(changes);
  }

  focus(index: number): void {
    const { manager, ui } = this.opts;
    const session = manager.agents[index];
    if (!session) return ui.dispatch({ type: 'message', text: `there is no agent ${index + 1}`, tone: 'warn' });
    ui.dispatch({ type: 'focus', index });
    this.opts.looked(index);
    manager.setPriority(session.name);
    this.opts.resizeAgents();
    // Keys reach the agent as its program asked: its input modes on the outer terminal, for as
    // long as it is focused (followModes), and a focus report when it asked for them.
    const modes = session.terminal.inputModes();
    this.mirrored = modes;
    this.opts.writeOuter(outerModes(modes));
    if (modes.focusEvents) session.write('\x1b[I');
  }

  /** Back to the dashboard from focus. */
  detach(): void {
    const { manager, ui } = this.opts;
    const focused = ui.get().focused;
    this.opts.writeOuter(OUTER_FOCUS_RESET);
    if (this.mirrored?.focusEvents) this.focused?.write('\x1b[O');
    this.mirrored = null;
    manager.setPriority(null);
    ui.dispatch({ type: 'focus', index: null });
    if (focused !== null) this.opts.looked(focused);
    this.opts.resizeAgents();
  }

  /**
   * Input while focused: the bytes go to the agent exactly as typed, except the keys of
   * FOCUS_KEYS, and the history view's keys while it is open. Returns what followed a detach,
   * for the dashboard's keys.
   */
  input(data: string): string {
    let rest = data;
    while (rest) {
      const state = this.opts.ui.get();
      if (state.mode !== 'focus' || state.focused === null) return rest;
      if (state.scroll) return this.historyInput(rest);
      const { before, special, after } = splitFocusInput(rest, this.opts.detachByte);
      this.passThrough(before);
      rest = after;
      if (!special) continue;
      const name = special.kind === 'mouse' ? (special.event.button === WHEEL_UP ? 'wheel' : 'mouse') : special.kind === 'detach' ? DETACH : 'pageup';
      const seq = special.kind === 'mouse' ? special.event.seq : special.kind === 'pageup' ? PAGE_UP : this.opts.detachByte;
      bindingFor(FOCUS_KEYS, name)!.run(this, { name, seq });
    }
    return '';
  }

  /** Keys while the history view is open; a lone ESC waits a moment for the rest of a sequence. */
  private historyInput(data: string): string {
    if (this.escTimer) clearTimeout(this.escTimer);
    const keys = this.scrollDecoder.feed(data);
    if (this.scrollDecoder.hasPending)
      this.escTimer = setTimeout(() => {
        for (const k of this.scrollDecoder.flush()) this.scroll(k);
      }, ESC_WAIT_MS);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key.seq === this.opts.detachByte) {
        this.detach();
        return keys
          .slice(i + 1)
          .map((k) => k.seq)
          .join('');
      }
      if (this.opts.ui.get().scroll) this.scroll(key);
      else this.passThrough(key.seq);
    }
    return '';
  }

  /** PgUp or the wheel: opens the focused agent's history. */
  openHistory(key: Key): void {
    this.opts.ui.dispatch({ type: 'scroll', scroll: { back: 0, typing: null, query: null, note: null } });
    this.scroll(key.name === 'wheel' ? { name: 'mouse', seq: key.seq } : key);
  }

  /**
   * A mouse report for the focused agent: passed on only if its program asked for the mouse,
   * with coordinates made relative to its pane.
   */
  forwardMouse(key: Key): void {
    const e = parseMouse(key.seq);
    const { cols, rows } = this.opts.ui.get();
    const session = this.focused;
    const layout = computeLayout(cols, rows, this.opts.manager.agents.length, longestName(this.opts.manager));
    if (!e || !session || layout.kind !== 'dashboard' || !session.terminal.wantsMouse()) return;
    // Reports count from 1; the inside's first cell is column and row 1 of the agent's screen.
    const inside = paneInside(layout.grid);
    const x = e.x - inside.x;
    const y = e.y - inside.y;
    if (x < 1 || y < 1 || x > session.terminal.cols || y > session.terminal.rows) return;
    session.write(`\x1b[<${e.button};${x};${y}${e.release ? 'm' : 'M'}`);
  }

  private scroll(key: Key): void {
    const { scroll } = this.opts.ui.get();
    const session = this.focused;
    if (!scroll || !session) return;
    const term = session.terminal;
    const view = { page: Math.max(1, term.rows - 1), rows: term.rows, history: term.historyLength };
    const result = scrollKey(scroll, key, view, (q, from, dir) => term.searchLines(q, from, dir));
    if ('scroll' in result) return this.opts.ui.dispatch({ type: 'scroll', scroll: result.scroll });
    this.opts.ui.dispatch({ type: 'scroll', scroll: null });
    if (result.forward) this.passThrough(key.seq);
  }

  /** Raw input for the focused agent, exactly as typed. */
  passThrough(data: string): void {
    if (data) this.focused?.write(data);
  }

  dispose(): void {
    this.offFrames();
    if (this.escTimer) clearTimeout(this.escTimer);
  }
}
