import { describe, expect, it } from 'vitest';
import { stateColor, stateLabel } from '../../src/tui/format.js';

describe("an agent's state word around its worktree.setup", () => {
  it('is setup while it runs, setup failed (red) when it failed, the usual words otherwise', () => {
    expect(stateLabel({ state: 'starting', exit: null, setup: true })).toBe('setup');
    expect(stateLabel({ state: 'exited', exit: { code: 3, setup: true } })).toBe('setup failed');
    expect(stateColor({ state: 'exited', exit: { code: 3, setup: true } })).toBe('red');
    expect(stateLabel({ state: 'starting', exit: null })).toBe('starting');
    expect(stateLabel({ state: 'exited', exit: { code: 3 } })).toBe('exited 3');
  });
});
