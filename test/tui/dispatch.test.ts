import { describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../src/model/status.js';
import type { ParsedPrompt } from '../../src/model/screen.js';
import { Controller } from '../../src/tui/controller.js';
import type { Key } from '../../src/tui/keys.js';
import type { ManagerPort } from '../../src/tui/manager-port.js';
import { createStore, initialUiState, reduce } from '../../src/tui/ui-state.js';

/**
 * The dashboard's dispatch, against a stand-in for the session manager: what each key does to
 * the agents (answers, ends, focus) and to the screen, with no PTY behind it.
 */
const MODES = { mouseTracking: false, focusEvents: false, bracketedPaste: false, applicationCursor: false, applicationKeypad: false };

function fakeManager(statuses: AgentStatus[]) {
  const calls: string[] = [];
  const written = new Map<string, string>();
  const agent = (name: string) => ({
    name,
    spec: { name, argv: ['sh'], cwd: '/tmp', env: {} },
    terminal: { inputModes: () => MODES, wantsMouse: () => false, cols: 80, rows: 24, historyLength: 0, searchLines: () => null },
    write: (data: string) => written.set(name, (written.get(name) ?? '') + data),
    resize: () => {},
  });
  let agents = statuses.map((s) => agent(s.name));
  const manager = {
    get agents() {
      return agents;
    },
    get statuses() {
      return statuses;
    },
    get busyCount() {
      return statuses.filter((s) => s.state !== 'exited' && s.state !== 'idle').length;
    },
    session: (name: string) => agents.find((a) => a.name === name),
    onChange: () => () => {},
    setPriority: (name: string | null) => calls.push(`priority ${name}`),
    seen: () => {},
    addAgent: () => {},
    answer: async (name: string, _shown: ParsedPrompt, option: number) => {
      calls.push(`answer ${name} ${option}`);
      return { ok: true as const, option: _shown.options[option]!.label };
    },
    end: async (name: string) => {
      calls.push(`end ${name}`);
    },
    remove: (name: string) => {
      calls.push(`remove ${name}`);
      agents = agents.filter((a) => a.name !== name);
      statuses = statuses.filter((s) => s.name !== name);
      return true;
    },
    restart: () => false,
  } as unknown as ManagerPort;
  return { manager, calls, written };
}

const status = (name: string, state: AgentStatus['state'], since = 0, prompt?: ParsedPrompt): AgentStatus => ({ name, state, since, reason: 'test', exit: null, ...(prompt ? { prompt } : {}) });

const PROMPT: ParsedPrompt = {
  kind: 'permission',
  question: 'Do you want to proceed?',
  subject: { tool: 'Bash', command: 'npm test' },
  options: [
    { label: 'Yes', number: 1, keys: ['1'] },
    { label: 'Yes, and switch to auto mode', number: 2, keys: ['2'] },
    { label: 'No', number: 3, keys: ['3'] },
  ],
  selected: 0,
};

function setup(statuses: AgentStatus[]) {
  const fake = fakeManager(statuses);
  const ui = createStore(initialUiState(160, 48), reduce);
  const outer: string[] = [];
  const controller = new Controller({ manager: fake.manager, ui, writeOuter: (d) => outer.push(d), now: () => 1000 });
  const press = (...names: string[]) => {
    for (const name of names) controller.key({ name, seq: name } as Key);
  };
  return { ...fake, ui, controller, press, outer };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('dashboard dispatch, with a stand-in manager', () => {
  it('a digit focuses even while the selected agent waits, and never answers', async () => {
    const t = setup([status('a', 'approval', 0, PROMPT), status('b', 'working')]);
    expect(t.controller.mode()).toBe('approval');
    t.press('2');
    await flush();
    expect(t.ui.get()).toMatchObject({ mode: 'focus', focused: 1 });
    expect(t.calls).toEqual(['priority b']);
  });

  it('y answers with the plain yes; a mode-changing option asks first and n sends nothing', async () => {
    const t = setup([status('a', 'approval', 0, PROMPT)]);
    t.press('y');
    await flush();
    expect(t.calls).toEqual(['answer a 0']);
    expect(t.ui.get().message?.text).toBe('sent to a: Yes');
    t.press('o', '2');
    expect(t.ui.get().mode).toBe('confirm-option');
    t.press('n');
    await flush();
    expect(t.ui.get()).toMatchObject({ mode: 'dashboard', message: { text: 'sent nothing' } });
    t.press('o', '2', 'y');
    await flush();
    expect(t.calls).toEqual(['answer a 0', 'answer a 1']);
    t.controller.dispose();
  });

  it('a key that cannot be used now says why, and the status line does not offer it', async () => {
    const t = setup([status('a', 'approval', 0, PROMPT)]);
    expect(t.controller.hints()).not.toMatch(/a always/);
    expect(t.controller.hints()).toMatch(/^y yes · n no · o other option/);
    t.press('a');
    await flush();
    expect(t.calls).toEqual([]);
    expect(t.ui.get().message).toEqual({ text: "this prompt has no don't-ask-again option", tone: 'warn' });
  });

  it('q asks while agents run and y quits; with none running it quits at once', () => {
    const busy = setup([status('a', 'working')]);
    busy.press('q');
    expect(busy.ui.get().mode).toBe('confirm-quit');
    busy.press('n');
    expect(busy.ui.get()).toMatchObject({ mode: 'dashboard', quit: false });
    busy.press('q', 'y');
    expect(busy.ui.get().quit).toBe(true);
    const done = setup([status('a', 'idle')]);
    done.press('q');
    expect(done.ui.get().quit).toBe(true);
  });

  it('x asks before ending a running agent, and takes an exited one off the dashboard', () => {
    const t = setup([status('a', 'working'), status('b', 'exited')]);
    t.press('x');
    expect(t.ui.get().mode).toBe('confirm-kill');
    t.press('y');
    expect(t.calls).toEqual(['end a']);
    t.press('j', 'x');
    expect(t.calls).toEqual(['end a', 'remove b']);
    expect(t.ui.get()).toMatchObject({ selected: 0, message: { text: 'removed b from the dashboard' } });
  });

  it('tab jumps to the agent that has waited longest for you', () => {
    const t = setup([status('a', 'working'), status('b', 'approval', 500, PROMPT), status('c', 'approval', 100, PROMPT)]);
    t.press('tab');
    expect(t.ui.get().selected).toBe(2);
  });

  it('in focus, bytes go to the agent as typed until the detach key; PgUp opens its history, q closes it', () => {
    const t = setup([status('a', 'working')]);
    t.press('enter');
    expect(t.ui.get().mode).toBe('focus');
    expect(t.controller.focusInput('ls\r\x1b[5~')).toBe('');
    expect(t.written.get('a')).toBe('ls\r');
    expect(t.controller.mode()).toBe('history');
    expect(t.controller.hints()).toMatch(/^PgUp\/PgDn\/↑\/↓ scroll/);
    t.controller.focusInput('/');
    expect(t.controller.mode()).toBe('history-search');
    t.controller.focusInput('\r');
    t.controller.focusInput('q');
    expect(t.controller.mode()).toBe('focus');
    expect(t.controller.focusInput('x\x1djk')).toBe('jk');
    expect(t.written.get('a')).toBe('ls\rx');
    expect(t.ui.get().mode).toBe('dashboard');
    expect(t.calls).toEqual(['priority a', 'priority null']);
    t.controller.dispose();
  });

  it('the help turns its pages within the pages it has', () => {
    const t = setup([status('a', 'working')]);
    t.press('?');
    expect(t.ui.get()).toMatchObject({ mode: 'help', helpPage: 0 });
    const pages = t.controller.helpPages();
    expect(pages).toBeGreaterThan(1);
    for (let i = 0; i < pages + 2; i++) t.press('j');
    expect(t.ui.get().helpPage).toBe(pages - 1);
    t.press('k');
    expect(t.ui.get().helpPage).toBe(pages - 2);
    t.press('escape', '?');
    expect(t.ui.get().helpPage).toBe(0);
  });
});
