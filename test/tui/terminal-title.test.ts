import { describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../src/model/status.js';
import { terminalTitle, titleBytes } from '../../src/tui/terminal-title.js';

const st = (state: AgentStatus['state']): AgentStatus => ({ name: state, state, since: 0, reason: '', exit: null });

describe("the outer terminal's title", () => {
  it('says how many need you first, else what is busy, else that all is quiet', () => {
    expect(terminalTitle([st('approval'), st('approval'), st('working'), st('stalled')])).toBe('agentmux · 2 need you');
    expect(terminalTitle([st('approval'), st('idle')])).toBe('agentmux · 1 need you');
    expect(terminalTitle([st('working'), st('starting'), st('working'), st('working'), st('idle')])).toBe('agentmux · 4 working');
    expect(terminalTitle([st('working'), st('stalled'), st('idle')])).toBe('agentmux · 1 working · 1 stalled');
    expect(terminalTitle([st('stalled'), st('exited')])).toBe('agentmux · 1 stalled');
    expect(terminalTitle([st('idle'), st('exited'), st('idle')])).toBe('agentmux · all idle');
    expect(terminalTitle([st('exited'), st('exited')])).toBe('agentmux · all exited');
    expect(terminalTitle([])).toBe('agentmux · all exited');
  });

  it('is written with OSC 2, nothing in it able to end the sequence', () => {
    expect(titleBytes('agentmux · 4 working')).toBe('\x1b]2;agentmux · 4 working\x07');
    expect(titleBytes('a\x07b\x1b\\c\x9cd')).toBe('\x1b]2;a b \\c d\x07');
  });
});
