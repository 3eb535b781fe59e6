import { describe, expect, it } from 'vitest';
import { formatReview, isOutdated, lineAnchors, REVIEW_CLOSING, sameTarget, type ReviewComment } from '../../src/git/review-comments.js';

const DIFF = ['diff --git a/app.txt b/app.txt', 'index 1..2 100644', '--- a/app.txt', '+++ b/app.txt', '@@ -1,3 +1,4 @@', ' a', '-b', '+B changed', ' c', '+d added', '\\ No newline at end of file'];

const comment = (c: Partial<ReviewComment>): ReviewComment => ({ id: 1, file: 'app.txt', anchor: null, comment: 'x', outdated: false, ...c });

describe('review comments', () => {
  it('knows which line of which side each diff line stands for, and that headers stand for none', () => {
    expect(lineAnchors(DIFF)).toEqual([
      null,
      null,
      null,
      null,
      null,
      { side: 'new', line: 1, text: 'a' },
      { side: 'old', line: 2, text: 'b' },
      { side: 'new', line: 2, text: 'B changed' },
      { side: 'new', line: 3, text: 'c' },
      { side: 'new', line: 4, text: 'd added' },
      null,
    ]);
    // A second hunk starts its own count; "+++" and "---" before a hunk are headers.
    expect(lineAnchors(['--- a/x', '+++ b/x', '@@ -10 +12,2 @@', '+p', ' q'])).toEqual([null, null, null, { side: 'new', line: 12, text: 'p' }, { side: 'new', line: 13, text: 'q' }]);
  });

  it('calls a comment outdated when its line no longer reads the same at that place', () => {
    const onLine2 = { file: 'app.txt', anchor: { side: 'new' as const, line: 2, text: 'B changed' } };
    expect(isOutdated(onLine2, DIFF)).toBe(false);
    expect(
      isOutdated(
        onLine2,
        DIFF.map((l) => (l === '+B changed' ? '+B edited again' : l)),
      ),
    ).toBe(true);
    // The line moved down (a line added above it): no longer at that place.
    expect(isOutdated(onLine2, ['@@ -1,3 +1,5 @@', '+new first', ' a', '-b', '+B changed'])).toBe(true);
    // The file shows no change any more.
    expect(isOutdated(onLine2, undefined)).toBe(true);
    // Removed lines are judged on the old side.
    expect(isOutdated({ file: 'app.txt', anchor: { side: 'old', line: 2, text: 'b' } }, DIFF)).toBe(false);
    // A comment on a whole file, or on the whole change, has no line to lose.
    expect(isOutdated({ file: 'app.txt', anchor: null }, undefined)).toBe(false);
  });

  it('tells targets apart by file, side and line, not by text', () => {
    const a = { file: 'f', anchor: { side: 'new' as const, line: 2, text: 'one' } };
    expect(sameTarget(a, { file: 'f', anchor: { side: 'new', line: 2, text: 'two' } })).toBe(true);
    expect(sameTarget(a, { file: 'f', anchor: { side: 'old', line: 2, text: 'one' } })).toBe(false);
    expect(sameTarget(a, { file: 'f', anchor: null })).toBe(false);
    expect(sameTarget({ file: null, anchor: null }, { file: null, anchor: null })).toBe(true);
    expect(sameTarget({ file: 'f', anchor: null }, { file: null, anchor: null })).toBe(false);
  });

  it('formats one message an agent can act on: each comment with its file, line and text, then the closing line', () => {
    const text = formatReview([
      comment({ id: 3, file: 'new.txt', comment: 'add a header' }),
      comment({ id: 1, anchor: { side: 'new', line: 4, text: 'd added' }, comment: 'needs a test' }),
      comment({ id: 2, anchor: { side: 'new', line: 2, text: 'B changed' }, comment: 'use a constant', outdated: true }),
      comment({ id: 4, file: null, comment: 'run the linter' }),
      comment({ id: 5, anchor: { side: 'old', line: 2, text: 'b' }, comment: 'why remove b?' }),
    ]);
    expect(text).toBe(
      [
        'Review comments on your changes (5 comments):',
        '',
        '1. The whole change',
        '   run the linter',
        '2. app.txt, line 2: `B changed` (outdated: the line has changed since)',
        '   use a constant',
        '3. app.txt, line 2 (a removed line): `b`',
        '   why remove b?',
        '4. app.txt, line 4: `d added`',
        '   needs a test',
        '5. new.txt (the whole file)',
        '   add a header',
        '',
        'Address these review comments, then stop.',
      ].join('\n'),
    );
    expect(text.split('\n').pop()).toBe(REVIEW_CLOSING);
  });

  it('types no control characters: a line of the diff cannot end a paste or press keys', () => {
    const text = formatReview([comment({ anchor: { side: 'new', line: 1, text: 'x\x1b[201~\rrm -rf ~\x07' }, comment: 'odd\u009b line\ttab' })]);
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(text).toContain('`x[201~rm -rf ~`');
    expect(text).toContain('odd line  tab');
    expect(formatReview([comment({})])).toContain('(1 comment)');
  });
});
