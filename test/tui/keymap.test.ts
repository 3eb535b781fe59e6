import { describe, expect, it } from 'vitest';
import { KEYMAP, lookup, type Mode } from '../../src/tui/keymap.js';

describe('keymap', () => {
  it('gives every key at most one meaning per mode', () => {
    for (const [mode, bindings] of Object.entries(KEYMAP)) {
      const keys = bindings.flatMap((b) => b.keys);
      expect(new Set(keys).size, mode).toBe(keys.length);
    }
  });

  it('never takes the keys Claude Code uses on the dashboard (they are typed in focus)', () => {
    for (const mode of ['dashboard', 'approval'] as Mode[]) {
      for (const key of ['ctrl+b', 'ctrl+r', 'shift+tab', 'escape']) expect(lookup(mode, key), `${mode} ${key}`).toBeNull();
    }
  });

  it('answers only while the selected agent waits; digits focus otherwise', () => {
    expect(lookup('approval', 'y')).toBe('answer-yes');
    expect(lookup('approval', 'a')).toBe('answer-always');
    expect(lookup('approval', 'n')).toBe('answer-no');
    // A digit always focuses, even while the selected agent waits: options other than y/a/n take o first.
    expect(lookup('approval', '2')).toBe('focus-number');
    expect(lookup('approval', 'o')).toBe('option-prefix');
    expect(lookup('option-pick', '2')).toBe('answer-number');
    expect(lookup('confirm-option', 'y')).toBe('option-confirm');
    expect(lookup('confirm-option', 'a')).toBeNull();
    expect(lookup('dashboard', '2')).toBe('focus-number');
    expect(lookup('dashboard', 'y')).toBeNull();
    expect(lookup('dashboard', 'tab')).toBe('next-attention');
    expect(lookup('focus', 'q')).toBeNull(); // focus sends everything to the agent
  });
});
