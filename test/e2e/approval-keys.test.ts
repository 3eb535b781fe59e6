import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
killTmuxAfterEach();

const sidebar = (t: Tmux, n: number) =>
  t
    .capture()
    .split('\n')
    .find((l) => new RegExp(`^│[ ›] ?${n} `).test(l)) ?? '';
const stateOf = (t: Tmux, n: number) => /\b(starting|working|approval|idle|stalled|exited(?: \d+)?)\b/.exec(sidebar(t, n))?.[1];

describe('no key approves by accident (issue 12.1), in tmux', () => {
  it('digits focus even while the selected agent waits; other options need o; a mode-changing option asks y first; the sidebar shows the new mode', async () => {
    tmux = new Tmux();
    tmux.start({ cols: 160, rows: 48, cwd: tempDir(), env: { XDG_STATE_HOME: tempDir() } });
    tmux.typeLine(`node ${BIN} demo --speed 0.5`);
    await waitFor('build waiting', () => stateOf(tmux!, 1) === 'approval', 8000);
    await waitFor('the approval bar', () => tmux!.capture().includes('build needs you · Do you want to proceed?'));
    expect(tmux.capture()).toMatch(/o other option · 1-9 focus/);

    // 3 "to look at agent 3": it focuses docs; build's prompt is untouched.
    tmux.key('3');
    await waitFor('docs focused', () => tmux!.capture().includes('every key goes to the agent'));
    expect(tmux.capture()).toMatch(/3 docs · /);
    expect(stateOf(tmux, 1)).toBe('approval');
    tmux.key('C-]');
    await waitFor('the dashboard, docs selected', () => sidebar(tmux!, 3).startsWith('│›'));
    expect(stateOf(tmux, 1)).toBe('approval');

    // edit asks to edit a file; its option 2 would switch it to accept-edits mode.
    await waitFor('edit waiting', () => stateOf(tmux!, 2) === 'approval', 8000);
    tmux.key('k');
    await waitFor('the edit in the bar', () => tmux!.capture().includes('edit needs you · Do you want to make this edit to config.ts?'));
    expect(tmux.capture()).toContain('⚠ switches edit to accept edits');
    // a (don't ask again) lands on that option: it asks first, and n sends nothing.
    tmux.key('a');
    await waitFor('the confirmation', () => tmux!.capture().includes('Switch edit to accept edits for the rest of its session? (y/n)'));
    tmux.key('n');
    await waitFor('nothing sent', () => tmux!.capture().includes('sent nothing'));
    expect(stateOf(tmux, 2)).toBe('approval');
    // o then 2: the same option, the same question; y sends it.
    tmux.key('o');
    await waitFor('the option pick', () => tmux!.capture().includes('the option’s digit picks it'));
    tmux.key('2');
    await waitFor('the confirmation again', () => tmux!.capture().includes('Switch edit to accept edits for the rest of its session? (y/n)'));
    tmux.key('y');
    await waitFor('sent', () => tmux!.capture().includes('sent to edit: Yes, allow all edits during this session'), 3000);
    // The agent now runs in accept-edits mode, and the sidebar says so instead of "rules".
    await waitFor('the sidebar showing the agent’s own mode', () => /edits/.test(sidebar(tmux!, 2)), 8000);
    expect(sidebar(tmux, 2)).not.toMatch(/rules/);

    tmux.key('q');
    await waitFor('the quit question', () => tmux!.capture().includes('Quit and end'));
    tmux.key('y');
    await waitFor('no process left', () => tmux!.processes().length === 0, 6000);
  }, 60_000);
});
