import { lookup, type Command, type Mode } from './keymap.js';

/** What the dashboard shows besides the agents themselves. Changed only by `reduce`. */
export interface UiState {
  mode: Mode;
  selected: number;
  cols: number;
  rows: number;
  /** Set once the user has chosen to quit; the runner acts on it. */
  quit: boolean;
}

export type UiAction =
  | { type: 'key'; name: string; agentCount: number; busyCount: number }
  | { type: 'resize'; cols: number; rows: number };

export function initialUiState(cols: number, rows: number): UiState {
  return { mode: 'dashboard', selected: 0, cols, rows, quit: false };
}

function run(state: UiState, command: Command, agentCount: number, busyCount: number): UiState {
  switch (command) {
    case 'quit':
      return busyCount > 0 ? { ...state, mode: 'confirm-quit' } : { ...state, quit: true };
    case 'quit-confirm':
      return { ...state, quit: true };
    case 'quit-cancel':
    case 'close-help':
      return { ...state, mode: 'dashboard' };
    case 'help':
      return { ...state, mode: 'help' };
    case 'select-next':
      return { ...state, selected: agentCount ? (state.selected + 1) % agentCount : 0 };
    case 'select-prev':
      return { ...state, selected: agentCount ? (state.selected - 1 + agentCount) % agentCount : 0 };
  }
}

export function reduce(state: UiState, action: UiAction): UiState {
  if (action.type === 'resize') {
    if (action.cols === state.cols && action.rows === state.rows) return state;
    return { ...state, cols: action.cols, rows: action.rows };
  }
  const command = lookup(state.mode, action.name);
  return command ? run(state, command, action.agentCount, action.busyCount) : state;
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
