import { describe, expect, it } from 'vitest';
import { KEYMAP } from '../../src/tui/bindings.js';
import { bindingFor, hints, OTHER, type Mode } from '../../src/tui/keymap.js';

const help = (mode: Mode, key: string) => bindingFor(KEYMAP[mode], key)?.help ?? null;

describe('keymap', () => {
  it('gives every key at most one meaning per screen', () => {
    for (const [mode, bindings] of Object.entries(KEYMAP)) {
      const keys = bindings.flatMap((b) => b.keys);
      expect(new Set(keys).size, mode).toBe(keys.length);
    }
  });

  it('describes every binding, and every screen says how to leave it or type in it', () => {
    for (const [mode, bindings] of Object.entries(KEYMAP)) {
      expect(bindings.length, mode).toBeGreaterThan(0);
      for (const b of bindings) expect(b.help.length, `${mode} ${b.keys.join('/')}`).toBeGreaterThan(2);
    }
  });

  it('never takes the keys Claude Code uses on the dashboard (they are typed in focus)', () => {
    for (const mode of ['dashboard', 'approval'] as Mode[]) {
      for (const key of ['ctrl+b', 'ctrl+r', 'shift+tab', 'escape']) expect(bindingFor(KEYMAP[mode], key), `${mode} ${key}`).toBeNull();
    }
  });

  it('answers only while the selected agent waits; digits focus otherwise', () => {
    expect(help('approval', 'y')).toBe('answer yes');
    expect(help('approval', 'a')).toBe("answer yes, and don't ask again");
    expect(help('approval', 'n')).toBe('answer no');
    // A digit always focuses, even while the selected agent waits: options other than y/a/n take o first.
    expect(bindingFor(KEYMAP.approval, '2')).toBe(bindingFor(KEYMAP.dashboard, '2'));
    expect(help('approval', '2')).toBe('focus agent 1-9');
    expect(help('approval', 'o')).toMatch(/pick any other option/);
    expect(help('option-pick', '2')).toBe('pick that option of the prompt');
    expect(help('confirm-option', 'y')).toMatch(/^send the option/);
    expect(help('confirm-option', 'a')).toBe('send nothing');
    expect(help('dashboard', 'y')).toBeNull();
    expect(help('dashboard', 'tab')).toMatch(/waited longest/);
    // Focus sends everything to the agent but its own few keys.
    expect(bindingFor(KEYMAP.focus, 'q')?.keys).toEqual([OTHER]);
  });

  it('builds the status-line hints from the same rows', () => {
    expect(hints(KEYMAP.focus, 'ctrl+]')).toBe('every key goes to the agent · ctrl+] back to the dashboard · PgUp history');
    expect(hints(KEYMAP.focus, 'ctrl+a')).toContain('ctrl+a back to the dashboard');
    expect(hints(KEYMAP['new-agent'])).toBe('tab/↓ next field · shift+tab/↑ previous · space/←/→ change a choice · enter next / start · esc cancel');
    expect(hints(KEYMAP['review-message'])).toBe('enter commit and merge · esc cancel · ←/→ move · ctrl+u clear');
    expect(hints(KEYMAP.history)).toBe('PgUp/PgDn/↑/↓ scroll · / search · n/N next match up/down · esc back to live · any other key goes to the agent');
    expect(hints(KEYMAP['review-confirm'])).toBe('y yes · any other key cancels');
    expect(hints(KEYMAP['option-pick'])).toBe('the option’s digit picks it · any other key cancels');
  });
});
