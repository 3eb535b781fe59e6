import { afterEach, describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
afterEach(() => {
  tmux?.kill();
  tmux = null;
});

/** The sidebar line of agent `n` (1-based): "› 1 build    approval 3s". */
const sidebar = (t: Tmux, n: number) => t.capture().split('\n').find((l) => new RegExp(`^│[ ›] ?${n} `).test(l)) ?? '';
const stateOf = (t: Tmux, n: number) => /\b(starting|working|approval|idle|stalled|exited(?: \d+)?)\b/.exec(sidebar(t, n))?.[1];

describe('driving the demo with one hand, in tmux', () => {
  it('answers inline, jumps to the waiting agent, focuses, types, detaches, ends and restarts', async () => {
    tmux = new Tmux();
    tmux.start({ cols: 160, rows: 48, cwd: tempDir(), env: { XDG_STATE_HOME: tempDir() } });
    tmux.typeLine(`node ${BIN} demo --speed 0.5`);

    // build (1) is selected and asks to run a command: the approval bar shows it in full.
    await waitFor('build waiting', () => stateOf(tmux!, 1) === 'approval', 8000);
    await waitFor('the approval bar', () => tmux!.capture().includes('build needs you · Do you want to proceed?'));
    const screen = tmux.capture();
    expect(screen).toContain('Bash: npm run build > build.log 2>&1');
    expect(screen).toMatch(/❯ y\/o1 Yes/);
    expect(screen).toMatch(/n\/o3 No/);

    // y answers it: build leaves approval within a second.
    const asked = Date.now();
    tmux.key('y');
    await waitFor('build working again', () => stateOf(tmux!, 1) === 'working', 1000);
    expect(Date.now() - asked).toBeLessThan(1000);
    expect(tmux.capture()).toContain('sent to build: Yes');

    // tab jumps to edit, which waits on its file edit; n says no.
    await waitFor('edit waiting', () => stateOf(tmux!, 2) === 'approval', 8000);
    tmux.key('Tab');
    await waitFor('edit selected', () => sidebar(tmux!, 2).startsWith('│›'));
    await waitFor('the edit in the bar', () => tmux!.capture().includes('edit needs you · Do you want to make this edit to config.ts?'));
    tmux.key('n');
    await waitFor('edit idle after no', () => stateOf(tmux!, 2) === 'idle', 3000);
    expect(tmux.capture()).toContain('Interrupted · What should Claude do instead?');

    // 2 focuses edit: one big pane; typed keys reach the agent; resizing keeps its screen; ctrl+] comes back.
    tmux.key('2');
    await waitFor('edit focused', () => tmux!.capture().includes('every key goes to the agent · ctrl+] back to the dashboard · PgUp history'));
    expect(tmux.capture()).not.toContain('1 build · ');
    for (const ch of 'hi there') tmux.key(ch === ' ' ? 'Space' : ch);
    await waitFor('the typed text in the agent', () => tmux!.capture().includes('❯\u00a0hi there'));
    tmux.key('Enter');
    await waitFor('the agent answers', () => tmux!.capture().includes('You said: hi there'), 8000);
    tmux.resize(130, 40);
    await waitFor('the focused screen intact after a resize', () => {
      const s = tmux!.capture();
      return s.includes('You said: hi there') && s.includes('Make the request timeout configurable') && s.split('\n').every((l) => l.length <= 130) && /[┓╮]$/m.test(s);
    });
    tmux.key('C-]');
    await waitFor('the grid again', () => tmux!.capture().includes('1 build · ') && tmux!.capture().includes('4 stall · '));

    // x ends stall after asking (its process is gone); r starts it again.
    tmux.key('j');
    tmux.key('j');
    await waitFor('stall selected', () => sidebar(tmux!, 4).startsWith('│›'));
    const stallProcess = () => tmux!.processes().filter((p) => p.cmd.includes('simulated-claude.js stall'));
    expect(stallProcess()).toHaveLength(1);
    tmux.key('x');
    await waitFor('the question', () => tmux!.capture().includes('End stall and every process it started? (y/n)'));
    tmux.key('y');
    await waitFor('stall exited', () => /^exited/.test(stateOf(tmux!, 4) ?? ''), 5000);
    await waitFor('its process gone', () => stallProcess().length === 0);
    tmux.key('r');
    await waitFor('stall running again', () => ['starting', 'working'].includes(stateOf(tmux!, 4) ?? ''), 5000);

    // ? shows every key; esc closes it.
    tmux.key('?');
    await waitFor('the help', () => tmux!.capture().includes("answer yes, and don't ask again"));
    expect(tmux.capture()).toContain('goes to the agent as typed');
    tmux.key('Escape');
    await waitFor('help closed', () => !tmux!.capture().includes("answer yes, and don't ask again"));

    tmux.key('q');
    await waitFor('the quit question', () => tmux!.capture().includes('Quit and end'));
    tmux.key('y');
    await waitFor('no process left', () => tmux!.processes().length === 0, 6000);
  }, 60_000);
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
