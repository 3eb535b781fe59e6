import { render } from 'ink-testing-library';
import { stripVTControlCharacters as plain } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ReviewComment } from '../../src/git/review-comments.js';
import { KEYMAP } from '../../src/tui/bindings.js';
import { hints } from '../../src/tui/keymap.js';
import { Review } from '../../src/tui/Review.js';
import { commentText, diffRows, firstLine, follow, rowComment, rowTarget } from '../../src/tui/review-rows.js';
import { Sidebar } from '../../src/tui/Sidebar.js';
import type { ReviewState } from '../../src/tui/ui-state.js';

const DIFF = ['diff --git a/app.txt b/app.txt', '--- a/app.txt', '+++ b/app.txt', '@@ -1,3 +1,4 @@', ' a', '-b', '+B changed', ' c', '+d added'];
const on = (line: number, text: string, comment: string, extra: Partial<ReviewComment> = {}): ReviewComment => ({
  id: line,
  file: 'app.txt',
  anchor: { side: 'new', line, text },
  comment,
  outdated: false,
  ...extra,
});

describe('the review diff with comments (rows)', () => {
  it('puts each comment under its line, and the whole file’s and lost lines’ at the top', () => {
    const comments = [
      on(2, 'B changed', 'use a constant'),
      on(9, 'gone', 'was here', { outdated: true }),
      { id: 20, file: 'app.txt', anchor: null, comment: 'whole file', outdated: false },
      { id: 21, file: 'other.txt', anchor: null, comment: 'elsewhere', outdated: false },
      { id: 22, file: null, anchor: null, comment: 'whole change', outdated: false },
    ];
    const rows = diffRows('app.txt', DIFF, comments);
    const shown = rows.map((r) => (r.kind === 'line' ? r.text : commentText(r)));
    expect(shown).toEqual(['✎ on the whole file: whole file', '✎ outdated, line 9 was "gone": was here', ...DIFF.slice(0, 7), '  ✎ use a constant', ...DIFF.slice(7)]);
    expect(firstLine(rows)).toBe(6); // " a", the first line of the file
    // c on a comment under its line edits it, anchored on the line as it reads now.
    expect(rowTarget('app.txt', rows[9])).toEqual({ file: 'app.txt', anchor: { side: 'new', line: 2, text: 'B changed' } });
    expect(rowComment('app.txt', rows[8], comments)?.comment).toBe('use a constant');
    expect(rowTarget('app.txt', rows[2])).toBeNull(); // a header
    expect(rowTarget('app.txt', rows[1])).toEqual({ file: 'app.txt', anchor: { side: 'new', line: 9, text: 'gone' } });
  });

  it('shows an outdated comment under the line now at its place, with what the line held', () => {
    const rows = diffRows('app.txt', DIFF, [on(2, 'B once', 'use a constant', { outdated: true })]);
    expect(rows.map((r) => (r.kind === 'comment' ? commentText(r) : null)).filter(Boolean)).toEqual(['  ✎ outdated, line 2 was "B once": use a constant']);
    expect(rows.findIndex((r) => r.kind === 'comment')).toBe(7);
  });

  it('scrolls only as far as the cursor needs', () => {
    expect(follow(5, 0, 10)).toBe(0);
    expect(follow(12, 0, 10)).toBe(3);
    expect(follow(2, 5, 10)).toBe(2);
  });
});

describe('the review view and its keys', () => {
  const review: ReviewState = {
    agent: 'w',
    changes: { baseCommit: 'x', commits: [], files: [{ path: 'app.txt', added: 2, removed: 1, status: 'M' }], added: 2, removed: 1, uncommitted: 1, uncommittedFiles: ['app.txt'] },
    diffs: [DIFF],
    flags: [],
    file: 0,
    scroll: 0,
    list: 'diff',
    line: 6,
    commit: 0,
    picked: [],
    ask: null,
    note: null,
  };

  it('shows the comments beside their lines, their count, the whole change’s, and a queued review', () => {
    const comments = [on(2, 'B changed', 'use a constant'), { id: 9, file: null, anchor: null, comment: 'run the linter', outdated: false }];
    const frame = plain(render(<Review review={review} rect={{ x: 0, y: 0, width: 120, height: 20 }} branch="agentmux/w" base="main" comments={comments} queued={3} />).lastFrame()!);
    expect(frame).toContain('0 flags · 2 comments · review queued');
    expect(frame).toContain('✎ on the whole change: run the linter');
    expect(frame).toMatch(/M app\.txt\s+\+2 −1 ✎1/);
    expect(frame).toMatch(/\+B changed\s+│\n.*✎ use a constant/);
  });

  it('types a comment in the editor, with the line it is about', () => {
    const ask = { kind: 'comment' as const, target: { file: 'app.txt', anchor: { side: 'new' as const, line: 2, text: 'B changed' } }, editor: { text: 'use a const', cursor: 11 }, editing: false };
    const frame = plain(render(<Review review={{ ...review, ask }} rect={{ x: 0, y: 0, width: 120, height: 20 }} branch="agentmux/w" base="main" comments={[]} queued={0} />).lastFrame()!);
    expect(frame).toContain('Comment on app.txt, line 2:');
    expect(frame).toContain('   B changed');
    expect(frame).toContain('› use a const');
    expect(frame).toContain('enter save · esc cancel');
  });

  it('lists its keys in the hints, the comment editor’s too', () => {
    expect(hints(KEYMAP.review)).toBe('↓/↑ move · enter lines · tab files/commits · space choose · PgUp scroll · c comment · x delete · s send · m merge · p cherry-pick · D discard · esc/q/d back');
    expect(hints(KEYMAP['review-comment'])).toBe('enter save · esc cancel · ←/→ move · ctrl+u clear');
  });

  it('says in the sidebar that a review is queued, first, and how many comments are kept', () => {
    const frame = plain(
      render(
        <Sidebar
          statuses={[{ name: 'w', state: 'working', since: 0, reason: '', exit: null }]}
          selected={0}
          rect={{ x: 0, y: 0, width: 46, height: 5 }}
          now={1000}
          detail={() => ({ text: 'agentmux/w +4 −1', warn: '⚑1', review: 'review queued', comments: '✎2' })}
        />,
      ).lastFrame()!,
    );
    expect(frame).toContain('review queued agentmux/w +4 −1 ⚑1 ✎2');
  });
});
