import type { Mode } from './keymap.js';
import type { Changes } from '../git/changes.js';
import type { Flag } from '../git/review-types.js';
import type { CommentTarget } from '../git/review-comments.js';
import type { FormState } from './new-agent-form.js';
import type { LineEditor } from './line-editor.js';
import type { Loss } from '../git/loss.js';
import type { ParsedPrompt } from '../model/screen.js';
import type { ModeChange } from '../detect/answer.js';

/** What the dashboard shows besides the agents themselves. Changed only by `reduce`. */
export interface UiState {
  /** The base mode; 'approval' is never stored: it is the dashboard with a waiting agent selected. */
  mode: Exclude<Mode, 'approval' | 'history' | 'history-search'>;
  selected: number;
  /** The focused agent (mode 'focus'). */
  focused: number | null;
  /** '0' was pressed: the next two digits name an agent from 10 up. */
  numberPrefix: string | null;
  /** An option that changes an agent's permission mode, waiting for `y` (mode 'confirm-option'). */
  confirmOption: ConfirmOption | null;
  review: ReviewState | null;
  /** The `c` form (mode 'new-agent'). */
  form: FormState | null;
  /** The page of the help (`?`) shown. */
  helpPage: number;
  /** Focus only: looking at the focused agent's history instead of its live screen. */
  scroll: ScrollState | null;
  /** Feedback for the last action ("sent: Yes", "not sent: the prompt changed"). */
  message: { text: string; tone: 'info' | 'warn' } | null;
  cols: number;
  rows: number;
  /** Set once the user has chosen to quit; the runner acts on it. */
  quit: boolean;
  /** Set once the user has chosen to detach (q then d): the agents keep running. */
  detach: boolean;
}

export interface ConfirmOption {
  agent: string;
  prompt: ParsedPrompt;
  option: number;
  label: string;
  /** The mode it switches the agent to, and what that means. */
  what: ModeChange;
}

/** The diff review of an isolated agent (mode 'review'). */
export interface ReviewState {
  agent: string;
  changes: Changes | null;
  /** Every file's diff, as lines, and what a reviewer should look at. */
  diffs: string[][];
  flags: Flag[];
  /** Its files other agents changed too (listed first) → those agents. */
  overlaps?: ReadonlyMap<string, readonly string[]>;
  file: number;
  /** The diff's first row shown (rows: the diff's lines and the comments among them, see review-rows.ts). */
  scroll: number;
  /** Where the keys move: the files, the commits, or the chosen file's diff (a line cursor). */
  list: 'files' | 'commits' | 'diff';
  /** The diff's row the cursor is on (list 'diff'). */
  line: number;
  commit: number;
  picked: string[];
  /** A question waiting for its answer, or a comment being typed (the keymaps review-confirm, review-commit, review-message, review-comment). */
  ask: ReviewAsk | null;
  note: { text: string; tone: 'info' | 'warn' } | null;
}

/** What the review asks before it merges or discards. */
export type ReviewAsk =
  /** `m` while the review shows flags: merge anyway? */
  | { kind: 'merge-flags'; flags: Flag[] }
  /** `m` while the worktree holds uncommitted files: commit them first, or merge the commits only? */
  | { kind: 'commit-first'; files: string[]; commits: number }
  /** The message for that commit, edited on one line. */
  | { kind: 'commit-message'; files: string[]; editor: LineEditor }
  /** `D` would lose work: exactly this (y loses it). */
  | { kind: 'discard'; loss: Loss; summary: string }
  /** A review comment being typed (`c`, `C`): on a line, a file or the whole change; `editing` one it had. */
  | { kind: 'comment'; target: CommentTarget; editor: LineEditor; editing: boolean };

export interface ScrollState {
  /** How many lines above the live screen the view's top is. */
  back: number;
  /** The search being typed after '/', or null. */
  typing: string | null;
  /** The last search, for n / N; its matches are highlighted. */
  query: string | null;
  /** Where the current match is (lines above the live screen's top; see LineSearch), or null. */
  match?: number | null;
  note: string | null;
}

export type UiAction =
  | { type: 'scroll'; scroll: ScrollState | null }
  | { type: 'form'; form: FormState | null }
  | { type: 'review'; review: ReviewState | null }
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'mode'; mode: UiState['mode'] }
  | { type: 'select'; index: number }
  | { type: 'focus'; index: number | null }
  | { type: 'number-prefix'; digits: string | null }
  | { type: 'help-page'; page: number }
  | { type: 'confirm-option'; confirm: ConfirmOption | null }
  | { type: 'message'; text: string | null; tone?: 'info' | 'warn' }
  | { type: 'quit' }
  | { type: 'detach' };

export function initialUiState(cols: number, rows: number): UiState {
  return {
    mode: 'dashboard',
    selected: 0,
    focused: null,
    scroll: null,
    form: null,
    review: null,
    numberPrefix: null,
    confirmOption: null,
    helpPage: 0,
    message: null,
    cols,
    rows,
    quit: false,
    detach: false,
  };
}

export function reduce(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'resize':
      return action.cols === state.cols && action.rows === state.rows ? state : { ...state, cols: action.cols, rows: action.rows };
    case 'mode':
      return state.mode === action.mode ? state : { ...state, mode: action.mode, numberPrefix: null, confirmOption: action.mode === 'confirm-option' ? state.confirmOption : null, helpPage: 0 };
    case 'select':
      return state.selected === action.index ? state : { ...state, selected: action.index, message: null };
    case 'scroll':
      return { ...state, scroll: action.scroll };
    case 'review':
      return action.review ? { ...state, mode: 'review', review: action.review } : { ...state, mode: 'dashboard', review: null };
    case 'form':
      return action.form ? { ...state, mode: 'new-agent', form: action.form } : { ...state, mode: 'dashboard', form: null };
    case 'focus':
      return action.index === null
        ? { ...state, mode: 'dashboard', focused: null, scroll: null }
        : { ...state, mode: 'focus', focused: action.index, selected: action.index, message: null, numberPrefix: null };
    case 'number-prefix':
      return { ...state, numberPrefix: action.digits };
    case 'help-page':
      return state.helpPage === action.page ? state : { ...state, helpPage: action.page };
    case 'confirm-option':
      return action.confirm ? { ...state, mode: 'confirm-option', confirmOption: action.confirm } : { ...state, mode: 'dashboard', confirmOption: null };
    case 'message':
      return { ...state, message: action.text === null ? null : { text: action.text, tone: action.tone ?? 'info' } };
    case 'quit':
      return { ...state, quit: true };
    case 'detach':
      return { ...state, mode: 'dashboard', detach: true };
  }
}

/** A minimal external store for useSyncExternalStore. */
export interface Store<S, A> {
  get(): S;
  dispatch(action: A): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<S, A>(initial: S, reducer: (s: S, a: A) => S): Store<S, A> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch(action) {
      const next = reducer(state, action);
      if (next === state) return;
      state = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
