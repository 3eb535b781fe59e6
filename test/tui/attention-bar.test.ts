import { describe, expect, it } from 'vitest';
import type { ParsedPrompt } from '../../src/model/screen.js';
import type { AgentStatus } from '../../src/model/status.js';
import { approvalBarLines, wrap } from '../../src/tui/approval-bar.js';
import { nextAttention } from '../../src/tui/attention.js';
import { controlByte, detachKeyProblem } from '../../src/config/detach-key.js';

const st = (name: string, state: AgentStatus['state'], since: number): AgentStatus => ({ name, state, since, reason: '', exit: null });

describe('attention queue', () => {
  const statuses = [st('a', 'working', 0), st('b', 'idle', 50), st('c', 'approval', 300), st('d', 'stalled', 10), st('e', 'approval', 100)];

  it('takes the longest waiting approval first, then the next one', () => {
    expect(nextAttention(statuses, new Map(), 0)).toBe(4);
    expect(nextAttention(statuses, new Map(), 4)).toBe(2);
  });

  it('then stalled, then idle agents not looked at since they became idle', () => {
    const noApprovals = statuses.map((s) => (s.state === 'approval' ? { ...s, state: 'working' as const } : s));
    expect(nextAttention(noApprovals, new Map(), 0)).toBe(3);
    const onlyIdle = noApprovals.map((s) => (s.state === 'stalled' ? { ...s, state: 'working' as const } : s));
    expect(nextAttention(onlyIdle, new Map(), 0)).toBe(1);
    expect(nextAttention(onlyIdle, new Map([['b', 60]]), 0)).toBeNull();
  });

  it("takes an agent's own alert (a bell, a notification) after stalled and before idle, oldest first", () => {
    const quiet = [st('a', 'working', 0), st('b', 'idle', 50), { ...st('c', 'working', 0), alert: { at: 500, text: '' } }, { ...st('d', 'idle', 0), alert: { at: 200, text: 'done' } }];
    expect(nextAttention(quiet, new Map(), 0)).toBe(3);
    expect(nextAttention(quiet, new Map(), 3)).toBe(2);
    // Once looked at (the mark gone), idle comes next.
    expect(
      nextAttention(
        quiet.map(({ alert: _, ...s }) => s),
        new Map([['d', 600]]),
        0,
      ),
    ).toBe(1);
    expect(nextAttention([...quiet, st('e', 'stalled', 10)], new Map(), 0)).toBe(4);
  });
});

describe('approval bar', () => {
  const prompt: ParsedPrompt = {
    kind: 'permission',
    question: 'Do you want to proceed?',
    subject: { tool: 'Bash', command: `npm run build -- ${'--flag '.repeat(12)}&& rm -rf dist` },
    options: [
      { label: 'Yes', number: 1, keys: ['1'] },
      { label: 'Yes, and don’t ask again for: npm run *', number: 2, keys: ['2'] },
      { label: 'No', number: 3, keys: ['3'] },
    ],
    selected: 0,
  };

  it('wraps without cutting anything off', () => {
    const text = 'one two three four five six seven';
    expect(wrap(text, 10).join(' ')).toBe(text);
    expect(wrap('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('shows who waits, the whole command, and each option with its keys', () => {
    const lines = approvalBarLines('build', prompt, 44, { text: 'not sent: the prompt changed since it was shown', tone: 'warn' });
    const text = lines.map((l) => l.text);
    expect(text[0]).toBe('build needs you · Do you want to proceed?');
    expect(text.join(' ').replace(/\s+/g, ' ')).toContain(`Bash: npm run build -- ${'--flag '.repeat(12)}&& rm -rf dist`);
    expect(text).toContain('❯ y/o1 Yes');
    expect(text.some((t) => t.startsWith('  a/o2 Yes, and don’t ask again'))).toBe(true);
    expect(text).toContain('  n/o3 No');
    expect(lines[lines.length - 1]).toMatchObject({ style: 'warn' });
    for (const t of text) expect(t.length).toBeLessThanOrEqual(44);
  });
});

describe('approval bar, hostile text (issue 13)', () => {
  it('spells out bidi overrides, zero-width and control characters instead of passing them on', () => {
    const prompt: ParsedPrompt = {
      kind: 'confirm',
      question: 'Run shell command?\u202e',
      subject: { command: 'npm test \u202ex fr- mr\u200b\x1b[2J' },
      options: [{ label: 'Yes\u2066', keys: ['y\r'] }],
      selected: 0,
    };
    const text = approvalBarLines('a', prompt, 200, null)
      .map((l) => l.text)
      .join('\n');
    expect(text).toContain('npm test ‹U+202E›x fr- mr‹U+200B›‹U+001B›[2J');
    expect(text).toContain('Run shell command?‹U+202E›');
    expect(text).toContain('Yes‹U+2066›');
    expect(text).not.toMatch(/[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\u001b]/u);
  });
});

describe('detach key', () => {
  it('is a ctrl key that sends one byte, and never one the agents use', () => {
    expect(controlByte('ctrl+]')).toBe('\x1d');
    expect(controlByte('ctrl+\\')).toBe('\x1c');
    expect(detachKeyProblem('ctrl+]')).toBeNull();
    expect(detachKeyProblem('ctrl+b')).toMatch(/used by the agents/);
    expect(detachKeyProblem('alt+x')).toMatch(/must be ctrl\+<key>/);
  });
});
