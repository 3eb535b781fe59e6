import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

const AGENT = join(ROOT, 'test', 'layout', 'winch-agent.mjs');
const NAMES = ['frontend', 'backend', 'database', 'docs-site', 'migrations', 'autofix'];
const PROMPT = 'The linter found 14 problems in 6 files, 9 of them fixable. Apply autofixes? [y/N] ';

let tmux: Tmux | null = null;
killTmuxAfterEach();

/** The sizes each agent has been given, in order (its first size, then one per SIGWINCH). */
const sizes = (dir: string, name: string) =>
  readFileSync(join(dir, `${name}.winch`), 'utf8')
    .trim()
    .split('\n');
const sidebarRow = (t: Tmux, name: string) =>
  t
    .capture()
    .split('\n')
    .find((l) => new RegExp(`^│[ ›] ?\\d ${name} `).test(l)) ?? '';
const events = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('layout and the truth of states, in tmux', () => {
  it('at 80x24 with six agents: compact layout, one stable agent size, and a resize changes no state (issue 12.5, 12.7)', async () => {
    const dir = tempDir();
    const log = join(dir, 'events.jsonl');
    writeFileSync(
      join(dir, 'agentmux.json'),
      JSON.stringify({
        agents: NAMES.map((name) => ({
          name,
          kind: 'shell',
          command: [process.execPath, AGENT, join(dir, `${name}.winch`), '40', name === 'autofix' ? PROMPT : ''],
        })),
      }),
    );
    tmux = new Tmux();
    tmux.start({ cols: 80, rows: 24, cwd: dir, env: { XDG_STATE_HOME: tempDir() } });
    tmux.typeLine(`node ${BIN} --events ${log}`);
    // The agents start one after another, and on a loaded machine not in order: the selected
    // agent's pane may be drawn after autofix's prompt is seen.
    await waitFor('autofix waiting, the selected pane drawn', () => /autofix +approval/.test(sidebarRow(tmux!, 'autofix')) && tmux!.capture().includes('step 40'), 10_000);

    // Compact: every agent listed with its whole name, and one pane (the selected agent's), not six.
    const screen = tmux.capture();
    for (const name of NAMES) expect(screen).toContain(` ${name} `);
    expect(screen.match(/step 40/g) ?? []).toHaveLength(1);
    // In colour, though CI=0 is set in this terminal.
    expect(tmux.capture(true)).toMatch(/\x1b\[(\d+;)*3\dm/);

    // Selecting, focusing and coming back resize no agent (each noted its first size as it started:
    // on a loaded machine a node started earlier may still be starting).
    await waitFor('every agent running', () => NAMES.every((n) => existsSync(join(dir, `${n}.winch`))));
    const before = NAMES.map((n) => sizes(dir, n).length);
    for (const k of ['j', 'j', 'j']) tmux.key(k);
    tmux.key('3');
    // The key line's start: at 80 columns a message before it (this machine has no notification
    // daemon, so the approval's desktop notification fails, in a line) can cut off its end.
    await waitFor('database focused', () => tmux!.capture().includes('every key goes to the agent'));
    tmux.key('C-]');
    await waitFor('the dashboard', () => tmux!.capture().includes('focus'));
    tmux.key('k');
    expect(NAMES.map((n) => sizes(dir, n).length)).toEqual(before);
    // Every agent has one size, whatever its place in the grid.
    expect(new Set(NAMES.map((n) => sizes(dir, n).at(-1))).size).toBe(1);

    // Shrinking and growing the terminal re-wraps the prompt: autofix still waits for you.
    tmux.resize(64, 18);
    await waitFor('autofix resized', () => sizes(dir, 'autofix').length > before[5]!, 5000);
    tmux.resize(80, 24);
    await waitFor('autofix resized back', () => sizes(dir, 'autofix').length > before[5]! + 1, 5000);
    // Longer than the redraw hold and a shell's quiet period: the state has had every chance to change.
    await new Promise((r) => setTimeout(r, 4000));
    expect(sidebarRow(tmux, 'autofix')).toMatch(/autofix +approval/);
    const autofix = events(log).filter((e) => e.agent === 'autofix' && e.event === 'state');
    expect(autofix.map((e) => e.state)).not.toContain('idle');
  }, 40_000);

  it('the approval bar takes its own rows: every pane keeps its newest line (issue 12.3)', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'agentmux.json'),
      JSON.stringify({
        agents: [
          { name: 'builder', kind: 'shell', command: [process.execPath, AGENT, join(dir, 'b.winch'), '30'] },
          { name: 'linter', kind: 'shell', command: [process.execPath, AGENT, join(dir, 'l.winch'), '30', PROMPT] },
          { name: 'tests', kind: 'shell', command: [process.execPath, AGENT, join(dir, 't.winch'), '30'] },
          { name: 'docs', kind: 'shell', command: [process.execPath, AGENT, join(dir, 'd.winch'), '30'] },
        ],
      }),
    );
    tmux = new Tmux();
    tmux.start({ cols: 160, rows: 48, cwd: dir, env: { XDG_STATE_HOME: tempDir() } });
    tmux.typeLine(`node ${BIN}`);
    await waitFor('linter waiting', () => /linter +approval/.test(sidebarRow(tmux!, 'linter')), 10_000);
    tmux.key('j');
    // The bar, not a notification's message that names the same words: the selection has moved.
    await waitFor('the approval bar', () => /› 2 linter/.test(tmux!.capture()) && tmux!.capture().includes('linter needs you'));
    // Four panes, each showing its own last line ("step 30"), the waiting one its prompt too.
    await waitFor('every pane’s newest line', () => (tmux!.capture().match(/step 30\b/g) ?? []).length === 4);
    expect(tmux.capture()).toMatch(/Apply autofixes\? \[y\/N\]/);
    const sizesSeen = ['b', 'l', 't', 'd'].map(
      (n) =>
        readFileSync(join(dir, `${n}.winch`), 'utf8')
          .trim()
          .split('\n').length,
    );
    expect(sizesSeen).toEqual([1, 1, 1, 1]);
  }, 30_000);
});
