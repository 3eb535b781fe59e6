import { describe, expect, it } from 'vitest';
import { createStore, initialUiState, reduce, type UiAction, type UiState } from '../../src/tui/ui-state.js';

const run = (...actions: UiAction[]): UiState => actions.reduce(reduce, initialUiState(120, 40));

describe('the dashboard’s UI state (reduce)', () => {
  it('focus selects the agent, clears a message and a half-typed number; leaving focus drops the history view', () => {
    const s = run({ type: 'message', text: 'sent: Yes' }, { type: 'number-prefix', digits: '0' }, { type: 'focus', index: 2 });
    expect(s).toMatchObject({ mode: 'focus', focused: 2, selected: 2, message: null, numberPrefix: null });
    const back = reduce({ ...s, scroll: { back: 5, typing: null, query: null, note: null } }, { type: 'focus', index: null });
    expect(back).toMatchObject({ mode: 'dashboard', focused: null, scroll: null, selected: 2 });
  });

  it('a mode change drops a pending number and an option waiting for y, unless it is that confirmation', () => {
    const confirm = {
      agent: 'a',
      prompt: { kind: 'permission' as const, question: 'q', options: [], selected: null },
      option: 1,
      label: 'Yes, auto',
      what: { mode: 'auto', says: 'auto mode' } as never,
    };
    const asking = run({ type: 'confirm-option', confirm });
    expect(asking).toMatchObject({ mode: 'confirm-option', confirmOption: confirm });
    expect(reduce(asking, { type: 'mode', mode: 'confirm-option' }).confirmOption).toBe(confirm);
    expect(reduce(asking, { type: 'mode', mode: 'help' })).toMatchObject({ mode: 'help', confirmOption: null, numberPrefix: null });
  });

  it('the form and the review set their mode and return to the dashboard when closed', () => {
    const form = { values: ['a', 'bash', '.', 'no', '', 'default', ''], field: 0, error: null };
    expect(run({ type: 'form', form })).toMatchObject({ mode: 'new-agent', form });
    expect(run({ type: 'form', form }, { type: 'form', form: null })).toMatchObject({ mode: 'dashboard', form: null });
    expect(run({ type: 'review', review: null })).toMatchObject({ mode: 'dashboard', review: null });
  });

  it('selecting clears the message; nothing that changes nothing makes a new state', () => {
    const s = run({ type: 'message', text: 'hello', tone: 'warn' });
    expect(s.message).toEqual({ text: 'hello', tone: 'warn' });
    expect(reduce(s, { type: 'select', index: 1 })).toMatchObject({ selected: 1, message: null });
    expect(reduce(s, { type: 'select', index: 0 })).toBe(s);
    expect(reduce(s, { type: 'resize', cols: 120, rows: 40 })).toBe(s);
    expect(reduce(s, { type: 'mode', mode: 'dashboard' })).toBe(s);
  });

  it('the store tells its listeners only about real changes', () => {
    const store = createStore(initialUiState(80, 24), reduce);
    let told = 0;
    const off = store.subscribe(() => told++);
    store.dispatch({ type: 'resize', cols: 80, rows: 24 });
    store.dispatch({ type: 'resize', cols: 100, rows: 30 });
    store.dispatch({ type: 'quit' });
    off();
    store.dispatch({ type: 'select', index: 3 });
    expect(told).toBe(2);
    expect(store.get()).toMatchObject({ cols: 100, rows: 30, quit: true, selected: 3 });
  });
});
