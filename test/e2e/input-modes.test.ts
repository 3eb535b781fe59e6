import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

const AGENT = join(ROOT, 'test', 'e2e', 'mode-agent.mjs');

let tmux: Tmux | null = null;
killTmuxAfterEach();

describe('a focused agent’s input modes are mirrored as they change (issue 14.5)', () => {
  it('bracketed paste, cursor keys and mouse follow the agent while it is focused, and are off again on detach', async () => {
    const dir = tempDir();
    const log = join(dir, 'got.jsonl');
    const got = () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as string)
        : [];
    tmux = new Tmux();
    tmux.start({ cols: 120, rows: 40, cwd: dir, env: { XDG_STATE_HOME: tempDir() } });
    tmux.typeLine(`node ${BIN} --agent m="${process.execPath} ${AGENT} ${log}"`);
    await waitFor('the agent', () => tmux!.capture().includes('modes ready'));
    tmux.key('1');
    await waitFor('focused', () => tmux!.capture().includes('every key goes to the agent'));
    const flags = () => tmux!.display('#{keypad_cursor_flag} #{mouse_button_flag}');
    // Focused with bracketed paste off: a paste comes as plain text.
    tmux.paste('one');
    await waitFor('the first paste', () => got().length === 1);
    expect(got()[0]).toBe('one');
    // The agent turns it on while focused: the next paste is bracketed, without refocusing.
    tmux.key('b');
    await waitFor('bracketed paste on', () => tmux!.capture().includes('mode b'));
    tmux.paste('two');
    await waitFor('the second paste', () => got().length === 2);
    expect(got()[1]).toBe('\x1b[200~two\x1b[201~');
    // And off again.
    tmux.key('B');
    await waitFor('bracketed paste off', () => tmux!.capture().includes('mode B'));
    tmux.paste('three');
    await waitFor('the third paste', () => got().length === 3);
    expect(got()[2]).toBe('three');
    // Cursor keys and drags, the same way.
    expect(flags()).toBe('0 0');
    tmux.key('c');
    await waitFor('application cursor keys on the outer terminal', () => flags() === '1 0');
    tmux.key('m');
    await waitFor('mouse drags on the outer terminal', () => flags() === '1 1');
    tmux.key('Up');
    await waitFor('the arrow key', () => got().length === 4);
    expect(got()[3]).toBe('\x1bOA');
    // Back to the dashboard: every mode off.
    tmux.key('C-]');
    await waitFor('the dashboard', () => tmux!.capture().includes('1-9 focus') && flags() === '0 0');
    expect(tmux.display('#{mouse_standard_flag} #{mouse_any_flag}')).toBe('0 0');
  });
});
