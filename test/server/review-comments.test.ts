import { describe, expect, it } from 'vitest';
import { REVIEW_CLOSING } from '../../src/git/review-comments.js';
import type { AgentStatus, StateChange } from '../../src/model/status.js';
import { ReviewComments } from '../../src/server/review-comments.js';

/** The manager as the comments see it: one agent whose state the test sets, and what was typed into it. */
function fakeAgents(state: AgentStatus['state']) {
  const listeners = new Set<(c: StateChange) => void>();
  const typed: { name: string; text: string; paste: boolean }[] = [];
  const agents = {
    statuses: [{ name: 'w', state, since: 0, reason: '', exit: null }] as AgentStatus[],
    type: (name: string, text: string, opts: { paste?: boolean } = {}) => void typed.push({ name, text, paste: Boolean(opts.paste) }),
    onStateChange: (l: (c: StateChange) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    become(next: AgentStatus['state']) {
      const prev = agents.statuses[0]!.state;
      agents.statuses = [{ ...agents.statuses[0]!, state: next }];
      for (const l of listeners) l({ ts: 0, agent: 'w', state: next, prev, reason: '' });
    },
  };
  return { agents, typed };
}

const line = (n: number, text: string) => ({ file: 'app.txt', anchor: { side: 'new' as const, line: n, text } });

function store(state: AgentStatus['state']) {
  const { agents, typed } = fakeAgents(state);
  const sent: number[] = [];
  const returned: number[] = [];
  const comments = new ReviewComments(agents, { sent: (_a, n) => sent.push(n), returned: (_a, n) => returned.push(n) });
  return { agents, typed, sent, returned, comments };
}

describe('review comments kept by the session', () => {
  it('keeps one comment per line, file or change: c on a commented line edits it, an empty delete removes it', () => {
    const { comments } = store('idle');
    let changes = 0;
    comments.subscribe(() => changes++);
    comments.put('w', line(2, 'B changed'), 'use a constant');
    comments.put('w', { file: 'app.txt', anchor: null }, 'whole file');
    comments.put('w', { file: null, anchor: null }, 'whole change');
    comments.put('w', line(2, 'B changed'), 'use a named constant');
    expect(comments.list('w').map((c) => c.comment)).toEqual(['use a named constant', 'whole file', 'whole change']);
    expect(comments.remove('w', { file: 'app.txt', anchor: null })).toBe(true);
    expect(comments.remove('w', { file: 'app.txt', anchor: null })).toBe(false);
    expect(comments.list('w')).toHaveLength(2);
    expect(comments.list('other')).toEqual([]);
    expect(changes).toBe(5);
  });

  it('marks comments outdated against the diff as it is now, and back when the line is restored', () => {
    const { comments } = store('idle');
    comments.put('w', line(2, 'B changed'), 'x');
    const diff = (second: string) => new Map([['app.txt', ['@@ -1,2 +1,2 @@', ' a', `+${second}`]]]);
    comments.check('w', diff('B edited'));
    expect(comments.list('w')[0]!.outdated).toBe(true);
    // Edited without looking at the new text: still outdated. Anchored on the line as it is now: current.
    comments.put('w', line(2, 'B changed'), 'y');
    expect(comments.list('w')[0]!.outdated).toBe(true);
    comments.put('w', line(2, 'B edited'), 'y');
    expect(comments.list('w')[0]!.outdated).toBe(false);
    comments.check('w', diff('B edited'));
    expect(comments.list('w')[0]!.outdated).toBe(false);
  });

  it('types the review at once into an idle agent, pasted, and says so once', () => {
    const { comments, typed, sent } = store('idle');
    expect(comments.send('w')).toBe('empty');
    comments.put('w', line(2, 'B changed'), 'use a constant');
    expect(comments.send('w')).toBe('typed');
    expect(typed).toHaveLength(1);
    expect(typed[0]!.paste).toBe(true);
    expect(typed[0]!.text).toContain('app.txt, line 2: `B changed`\n   use a constant');
    expect(typed[0]!.text.endsWith(REVIEW_CLOSING)).toBe(true);
    expect(sent).toEqual([1]);
    expect(comments.list('w')).toEqual([]);
    expect(comments.status('w')).toEqual({ pending: 0, queued: 0, sent: 1 });
  });

  it('queues the review while the agent works and types it once, when it is next idle', () => {
    const { agents, comments, typed, sent } = store('working');
    comments.put('w', line(2, 'B changed'), 'one');
    expect(comments.send('w')).toBe('queued');
    // Comments made and sent while it waits join the same message.
    comments.put('w', { file: null, anchor: null }, 'two');
    expect(comments.send('w')).toBe('queued');
    expect(typed).toEqual([]);
    expect(comments.status('w')).toEqual({ pending: 0, queued: 2, sent: 0 });
    agents.become('approval');
    expect(typed).toEqual([]);
    agents.become('idle');
    expect(typed).toHaveLength(1);
    expect(typed[0]!.text).toMatch(/\(2 comments\)[\s\S]*two[\s\S]*one/);
    expect(sent).toEqual([2]);
    expect(comments.status('w')).toEqual({ pending: 0, queued: 0, sent: 2 });
    // Once: working on it and idle again types nothing more, and the "sent" word goes.
    agents.become('working');
    agents.become('idle');
    expect(typed).toHaveLength(1);
    expect(comments.status('w').sent).toBe(0);
  });

  it('waits while someone types into the idle agent, and goes when they leave it', () => {
    const { agents, typed } = fakeAgents('working');
    let focused = true;
    const comments = new ReviewComments(agents, { sent: () => {}, returned: () => {}, held: () => focused });
    comments.put('w', line(2, 'B changed'), 'one');
    expect(comments.send('w')).toBe('queued');
    agents.become('idle');
    expect(typed).toEqual([]);
    comments.release('w'); // still focused
    expect(typed).toEqual([]);
    focused = false;
    comments.release('w');
    expect(typed).toHaveLength(1);
    comments.release('w');
    expect(typed).toHaveLength(1);
    // Idle and nobody typing: at once.
    comments.put('w', line(3, 'c'), 'two');
    expect(comments.send('w')).toBe('typed');
    focused = true;
    comments.put('w', line(3, 'c'), 'three');
    expect(comments.send('w')).toBe('queued');
  });

  it('keeps a queued review as comments when the agent exits before it is idle', () => {
    const { agents, comments, typed, returned } = store('working');
    comments.put('w', line(2, 'B changed'), 'one');
    comments.send('w');
    comments.put('w', line(3, 'c'), 'later');
    agents.become('exited');
    expect(typed).toEqual([]);
    expect(returned).toEqual([1]);
    expect(comments.list('w').map((c) => c.comment)).toEqual(['one', 'later']);
    expect(comments.status('w')).toEqual({ pending: 2, queued: 0, sent: 0 });
  });
});
