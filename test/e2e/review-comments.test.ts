import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';
import { GIT_ID, repo, sh } from '../helpers/git.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

// Changes app.txt and new.txt, prints while <control>/work exists, edits app.txt's line 2 on
// <control>/edit, and logs every read of its input (JSON lines) to <log>.
const AGENT = join(ROOT, 'test', 'e2e', 'review-agent.mjs');

let tmux: Tmux | null = null;
killTmuxAfterEach();

const screen = () => tmux!.capture();
const type = (text: string) => {
  for (const ch of text) tmux!.key(ch === ' ' ? 'Space' : ch);
};
/** What the agent read from its input, every byte, in order. */
const received = (log: string) =>
  existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as string)
        .join('')
    : '';
const reviewEvents = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((e) => e.event === 'review')
    : [];

describe('comments in the review, sent to the agent (issue: comments in the review)', () => {
  it('comments on lines and a file, marks one outdated, queues the review while the agent works, types it when idle', async () => {
    const dir = await repo();
    const control = tempDir();
    const log = join(tempDir(), 'received.jsonl');
    const events = join(tempDir(), 'events.jsonl');
    writeFileSync(join(control, 'work'), '');
    writeFileSync(join(dir, 'agentmux.json'), JSON.stringify({ agents: [{ name: 'w', command: [process.execPath, AGENT, log, control], kind: 'shell', isolate: true }] }));
    await sh(dir, 'echo /agentmux.json >> .git/info/exclude');
    tmux = new Tmux();
    tmux.start({ cols: 160, rows: 40, cwd: dir, env: { XDG_STATE_HOME: tempDir(), ...GIT_ID } });
    tmux.typeLine(`node ${BIN} --events ${events}`);
    await waitFor('the agent working', () => /1 w\s+working/.test(screen()), 10_000);

    tmux.key('d');
    await waitFor('the review', () => screen().includes('w · agentmux/w +4 −1 · 0 commits · 2 uncommitted files'), 10_000);
    expect(screen()).toContain('c comment · x delete · s send · m merge · p cherry-pick · D discard · esc/q/d back');
    // Into app.txt's diff: the cursor starts on its first line (" a"); two down is "+B changed".
    tmux.key('Enter');
    tmux.key('j');
    tmux.key('j');
    tmux.key('c');
    await waitFor('the comment editor', () => screen().includes('Comment on app.txt, line 2:'));
    expect(screen()).toContain('   B changed');
    type('use a constant');
    tmux.key('Enter');
    await waitFor('the comment under its line', () => /\+B changed\s+│\n.* {2}✎ use a constant/.test(screen()));
    // Past the comment and " c": "+d added", line 4.
    for (const k of ['j', 'j', 'j']) tmux.key(k);
    tmux.key('c');
    await waitFor('the editor on line 4', () => screen().includes('Comment on app.txt, line 4:'));
    type('needs a test');
    tmux.key('Enter');
    await waitFor('the second comment', () => /\+d added\s+│\n.* {2}✎ needs a test/.test(screen()));
    // Back to the files: a comment on the whole of new.txt.
    tmux.key('h');
    tmux.key('j');
    tmux.key('c');
    await waitFor('the editor on the file', () => screen().includes('Comment on the whole file new.txt:'));
    type('add a header');
    tmux.key('Enter');
    await waitFor('three comments', () => screen().includes('0 flags · 3 comments') && screen().includes('✎ on the whole file: add a header'));
    expect(screen()).toMatch(/M app\.txt\s+\+2 −1 ✎2/);

    // The agent changes the commented line: the comment is kept, marked outdated, when the review is read again.
    writeFileSync(join(control, 'edit'), '');
    await waitFor('the line changed', () => readFileSync(join(dir, '.agentmux', 'worktrees', 'w', 'app.txt'), 'utf8').includes('B edited again'));
    tmux.key('q');
    await waitFor('the dashboard', () => !screen().includes('uncommitted files'));
    expect(screen()).toMatch(/agentmux\/w.* ✎3/);
    tmux.key('d');
    await waitFor('the outdated comment', () => /\+B edited again\s+│\n.* {2}✎ outdated, line 2 was "B changed": use a constant/.test(screen()), 10_000);
    expect(screen()).toContain('  ✎ needs a test');
    // A comment made and deleted (x) is not sent.
    tmux.key('Enter');
    tmux.key('j');
    tmux.key('c');
    await waitFor('the editor on a removed line', () => screen().includes('Comment on app.txt, line 2 (removed):'));
    type('why remove b');
    tmux.key('Enter');
    await waitFor('the comment on the removed line', () => /-b\s+│\n.* {2}✎ why remove b/.test(screen()));
    tmux.key('x');
    await waitFor('deleted', () => screen().includes('comment deleted') && !screen().includes('why remove b'));

    // s while the agent works: queued, nothing typed.
    tmux.key('s');
    await waitFor('queued', () => screen().includes('review queued: it is typed into w when w is idle'), 10_000);
    expect(screen()).toMatch(/review queued agentmux\/w/);
    expect(screen()).not.toContain('uncommitted files'); // back on the dashboard
    expect(received(log)).toBe('');
    expect(reviewEvents(events)).toEqual([]);

    // The agent stops working while you type into it (focused): its input may hold your line, so
    // the review waits; once you leave it, idle, the review is typed in, whole, then one Enter.
    tmux.key('Enter');
    await waitFor('focused', () => screen().includes('every key goes to the agent'));
    rmSync(join(control, 'work'));
    await waitFor('the agent idle', () => /1 w\s+idle/.test(screen()), 15_000);
    expect(received(log)).toBe('');
    expect(screen()).toMatch(/review queued agentmux\/w/);
    tmux.key('C-]');
    await waitFor('the review typed in', () => received(log).endsWith('\r'), 10_000);
    expect(received(log)).toBe(
      `\x1b[200~${[
        'Review comments on your changes (3 comments):',
        '',
        '1. app.txt, line 2: `B changed` (outdated: the line has changed since)',
        '   use a constant',
        '2. app.txt, line 4: `d added`',
        '   needs a test',
        '3. new.txt (the whole file)',
        '   add a header',
        '',
        'Address these review comments, then stop.',
      ].join('\n')}\x1b[201~\r`,
    );
    await waitFor('the events line', () => reviewEvents(events).length === 1);
    expect(reviewEvents(events)[0]).toMatchObject({ v: 1, event: 'review', agent: 'w', comments: 3 });
    await waitFor('said on the status line and in the sidebar', () => screen().includes('review sent to w: 3 comments') && /review sent agentmux\/w/.test(screen()));
    expect(screen()).not.toMatch(/✎\d/); // sent: none kept

    // s while the agent is idle: typed at once (a comment on the whole change).
    await waitFor('the agent idle again', () => /1 w\s+idle/.test(screen()), 15_000);
    tmux.key('d');
    await waitFor('the review', () => screen().includes('2 uncommitted files'), 10_000);
    tmux.key('C');
    await waitFor('the editor on the change', () => screen().includes('Comment on the whole change (agentmux/w):'));
    type('run the linter');
    tmux.key('Enter');
    await waitFor('the comment on the change', () => screen().includes('✎ on the whole change: run the linter'));
    const before = received(log).length;
    tmux.key('s');
    await waitFor('typed at once', () => received(log).length > before && received(log).endsWith('\r'), 10_000);
    expect(received(log).slice(before)).toBe(
      `\x1b[200~${['Review comments on your changes (1 comment):', '', '1. The whole change', '   run the linter', '', 'Address these review comments, then stop.'].join('\n')}\x1b[201~\r`,
    );
    await waitFor('the second events line', () => reviewEvents(events).length === 2);
    expect(reviewEvents(events)[1]).toMatchObject({ event: 'review', agent: 'w', comments: 1 });
  }, 90_000);
});
