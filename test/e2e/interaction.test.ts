import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
killTmuxAfterEach();

/** The sidebar line of agent `n` (1-based): "› 1 build    approval 3s". */
const sidebar = (t: Tmux, n: number) =>
  t
    .capture()
    .split('\n')
    .find((l) => new RegExp(`^│[ ›] ?${n} `).test(l)) ?? '';
const stateOf = (t: Tmux, n: number) => /\b(starting|working|approval|idle|stalled|exited(?: \d+)?)\b/.exec(sidebar(t, n))?.[1];

/** The demo in tmux, at twice its speed. */
function startDemo(): Tmux {
  const t = new Tmux();
  t.start({ cols: 160, rows: 48, cwd: tempDir(), env: { XDG_STATE_HOME: tempDir() } });
  t.typeLine(`node ${BIN} demo --speed 0.5`);
  tmux = t;
  return t;
}

/** Tab to edit (2) once it waits on its file edit, and say no: it is idle at its input box. */
async function editSaysNo(t: Tmux): Promise<void> {
  await waitFor('edit waiting', () => stateOf(t, 2) === 'approval', 8000);
  t.key('Tab');
  await waitFor('edit selected', () => sidebar(t, 2).startsWith('│›'));
  await waitFor('the edit in the bar', () => t.capture().includes('edit needs you · Do you want to make this edit to config.ts?'));
  t.key('n');
  await waitFor('edit idle after no', () => stateOf(t, 2) === 'idle', 3000);
}

describe('driving the demo with one hand, in tmux', () => {
  it('the approval bar shows the selected prompt in full, and y answers it inline', async () => {
    const t = startDemo();
    // build (1) is selected and asks to run a command.
    await waitFor('build waiting', () => stateOf(t, 1) === 'approval', 8000);
    await waitFor('the approval bar', () => t.capture().includes('build needs you · Do you want to proceed?'));
    const screen = t.capture();
    expect(screen).toContain('Bash: npm run build > build.log 2>&1');
    expect(screen).toMatch(/❯ y\/o1 Yes/);
    expect(screen).toMatch(/n\/o3 No/);
    t.key('y');
    await waitFor('build working again', () => stateOf(t, 1) === 'working', 3000);
    expect(t.capture()).toContain('sent to build: Yes');
  }, 30_000);

  it('tab jumps to the agent that waits, and n says no', async () => {
    const t = startDemo();
    await editSaysNo(t);
    expect(t.capture()).toContain('Interrupted · What should Claude do instead?');
  }, 30_000);

  it('a digit focuses: one big pane, typed keys reach the agent, a resize keeps its screen, ctrl+] comes back', async () => {
    const t = startDemo();
    await editSaysNo(t);
    t.key('2');
    await waitFor('edit focused', () => t.capture().includes('every key goes to the agent · ctrl+] back to the dashboard · PgUp history'));
    expect(t.capture()).not.toContain('1 build · ');
    for (const ch of 'hi there') t.key(ch === ' ' ? 'Space' : ch);
    await waitFor('the typed text in the agent', () => t.capture().includes('❯\u00a0hi there'));
    t.key('Enter');
    await waitFor('the agent answers', () => t.capture().includes('You said: hi there'), 8000);
    t.resize(130, 40);
    await waitFor('the focused screen intact after a resize', () => {
      const s = t.capture();
      return s.includes('You said: hi there') && s.includes('Make the request timeout configurable') && s.split('\n').every((l) => l.length <= 130) && /[┓╮]$/m.test(s);
    });
    t.key('C-]');
    await waitFor('the grid again', () => t.capture().includes('1 build · ') && t.capture().includes('4 stall · '));
  }, 30_000);

  it('x ends the selected agent after asking (its process is gone), r starts it again', async () => {
    const t = startDemo();
    await waitFor('the grid', () => t.capture().includes('4 stall · '));
    for (const _ of [1, 2, 3]) t.key('j');
    await waitFor('stall selected', () => sidebar(t, 4).startsWith('│›'));
    const stallProcess = () => t.processes().filter((p) => p.cmd.includes('simulated-claude.js stall'));
    await waitFor('its process running', () => stallProcess().length === 1);
    t.key('x');
    await waitFor('the question', () => t.capture().includes('End stall and every process it started? (y/n)'));
    t.key('y');
    await waitFor('stall exited', () => /^exited/.test(stateOf(t, 4) ?? ''), 5000);
    await waitFor('its process gone', () => stallProcess().length === 0);
    t.key('r');
    await waitFor('stall running again', () => ['starting', 'working'].includes(stateOf(t, 4) ?? ''), 5000);
  }, 30_000);

  it('? shows every key, esc closes it, q asks and then ends every agent', async () => {
    const t = startDemo();
    await waitFor('the grid', () => t.capture().includes('4 stall · '));
    t.key('?');
    await waitFor('the help', () => t.capture().includes("answer yes, and don't ask again"));
    expect(t.capture()).toContain('goes to the agent as typed');
    expect(t.capture()).toMatch(/page 1 of \d/);
    // j turns to the next page: the review's and the form's keys are there.
    t.key('j');
    await waitFor('the next page', () => /page 2 of \d/.test(t.capture()));
    expect(t.capture()).toContain('merge the commits without them');
    t.key('Escape');
    await waitFor('help closed', () => !/Keys · page/.test(t.capture()));
    t.key('q');
    await waitFor('the quit question', () => t.capture().includes('Quit and end'));
    t.key('y');
    await waitFor('no process left', () => t.processes().length === 0, 6000);
  }, 30_000);
});

describe('history and search in focus, in tmux', () => {
  it('PgUp shows the agent’s history, / finds a line, esc returns to live, other keys go to the agent', async () => {
    tmux = new Tmux();
    tmux.start({ cols: 120, rows: 40, cwd: tempDir(), env: { XDG_STATE_HOME: tempDir() } });
    tmux.typeLine(`node ${BIN} --agent 'sh=bash --norc --noprofile'`);
    await waitFor('the shell agent', () => /1 sh\s+(working|idle)/.test(tmux!.capture()));
    tmux.key('1');
    await waitFor('focused', () => tmux!.capture().includes('PgUp history'));
    for (const ch of 'seq 1 500') tmux.key(ch === ' ' ? 'Space' : ch);
    tmux.key('Enter');
    await waitFor('the output', () => /[│┃]500\s/.test(tmux!.capture()));
    expect(tmux.capture()).not.toMatch(/[│┃]123\s/);

    tmux.key('PageUp');
    await waitFor('the history view', () => /history, \d+ lines up/.test(tmux!.capture()));
    tmux.key('/');
    for (const ch of '123') tmux.key(ch);
    await waitFor('the search typed', () => tmux!.capture().includes('search: 123'));
    tmux.key('Enter');
    await waitFor('line 123 shown', () => /[│┃]123\s/.test(tmux!.capture()));
    // The match is marked (inverse video), and so is every other match in the view.
    expect(tmux.capture(true)).toMatch(/\x1b\[7m(\x1b\[\d+m)*123/);
    tmux.key('Escape');
    await waitFor('live again', () => !/history, \d+ lines up/.test(tmux!.capture()) && /[│┃]500\s/.test(tmux!.capture()));

    // Text on the live screen is found too, where it is, without scrolling away (issue 12.9).
    tmux.key('PageUp');
    await waitFor('the history view', () => /history, \d+ lines up/.test(tmux!.capture()));
    tmux.key('/');
    for (const ch of '498') tmux.key(ch);
    tmux.key('Enter');
    await waitFor('498 found on the screen', () => /history, 0 lines up/.test(tmux!.capture()) && /\x1b\[7m(\x1b\[\d+m)*498/.test(tmux!.capture(true)));
    expect(tmux.capture()).not.toContain('not found');
    tmux.key('Escape');
    await waitFor('live again', () => !/history, \d+ lines up/.test(tmux!.capture()));

    // The mouse wheel opens the history too (SGR mouse reports, as a terminal sends them).
    tmux.literal('\x1b[<64;60;20M');
    await waitFor('the history by wheel', () => /history, 3 lines up/.test(tmux!.capture()));
    tmux.key('Escape');
    await waitFor('live again', () => !/history, \d+ lines up/.test(tmux!.capture()));

    // Any other key leaves the history and reaches the agent.
    tmux.key('PageUp');
    await waitFor('the history view again', () => /history, \d+ lines up/.test(tmux!.capture()));
    for (const ch of 'echo back-to-live') tmux.key(ch === ' ' ? 'Space' : ch);
    tmux.key('Enter');
    await waitFor('the command ran', () => /[│┃]back-to-live\s/.test(tmux!.capture()));
    tmux.key('C-]');
    await waitFor('the dashboard', () => tmux!.capture().includes('1-9 focus'));
  }, 30_000);
});

describe('starting an agent from the dashboard, in tmux', () => {
  it('c opens a form; a bad field is named; the new agent starts and gets its first task', async () => {
    tmux = new Tmux();
    const dir = tempDir();
    tmux.start({ cols: 120, rows: 40, cwd: dir, env: { XDG_STATE_HOME: tempDir() } });
    tmux.typeLine(`node ${BIN} --agent 'sh=bash --norc --noprofile'`);
    await waitFor('the dashboard', () => /1 sh\s+(working|idle)/.test(tmux!.capture()));
    tmux.key('c');
    await waitFor('the form', () => tmux!.capture().includes('Start a new agent'));
    const type = (text: string) => {
      for (const ch of text) tmux!.key(ch === ' ' ? 'Space' : ch);
    };
    type('sh'); // taken
    tmux.key('Tab');
    tmux.key('C-u');
    type('bash --norc');
    // directory, isolate, scope, approval mode, then the first task
    for (let i = 0; i < 5; i++) tmux.key('Tab');
    type('echo from-the-form');
    tmux.key('Enter');
    await waitFor('the name problem', () => tmux!.capture().includes('name: "sh" is taken'));
    tmux.key('Tab'); // back round to the name
    tmux.key('BSpace');
    tmux.key('BSpace');
    type('extra');
    for (let i = 0; i < 6; i++) tmux.key('Tab');
    tmux.key('Enter');
    await waitFor('the new agent in the sidebar', () => /2 extra\s+(starting|working|idle)/.test(tmux!.capture()));
    await waitFor('its first task typed and run', () => /[│┃]from-the-form\s/.test(tmux!.capture()), 10_000);
    expect(tmux.capture()).toContain('2 extra · ');
    tmux.key('q');
    await waitFor('the quit question', () => tmux!.capture().includes('Quit and end'));
    tmux.key('y');
    await waitFor('no process left', () => tmux!.processes().length === 0, 6000);
  }, 30_000);
});
