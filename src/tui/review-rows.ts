import { lineAnchors, sameTarget, type CommentTarget, type LineAnchor, type ReviewComment } from '../git/review-comments.js';

/**
 * A row of the review's diff: a line of the diff (and the line of the file it stands for, if
 * any), or a comment. A comment shows under its line; one on the whole file, or whose line is no
 * longer in the diff, shows at the top. `line`: the line a comment shows under (null at the top).
 */
export type DiffRow = { kind: 'line'; text: string; anchor: LineAnchor | null } | { kind: 'comment'; comment: ReviewComment; line: LineAnchor | null };

/** One file's diff as rows, with the comments on it (pure; the cursor and scrolling count these rows). */
export function diffRows(file: string, diff: readonly string[], comments: readonly ReviewComment[]): DiffRow[] {
  const mine = comments.filter((c) => c.file === file);
  const anchors = lineAnchors(diff);
  const at = (c: ReviewComment, a: LineAnchor | null) => a && c.anchor && c.anchor.side === a.side && c.anchor.line === a.line;
  const placed = new Set<ReviewComment>();
  const body: DiffRow[] = [];
  diff.forEach((text, i) => {
    const anchor = anchors[i] ?? null;
    body.push({ kind: 'line', text, anchor });
    for (const c of mine) {
      if (placed.has(c) || !at(c, anchor)) continue;
      placed.add(c);
      body.push({ kind: 'comment', comment: c, line: anchor });
    }
  });
  const top: DiffRow[] = mine.filter((c) => !placed.has(c)).map((comment) => ({ kind: 'comment', comment, line: null }));
  // The whole file's comment first, then the ones whose line is gone.
  top.sort((a, b) => Number(a.kind === 'comment' && a.comment.anchor !== null) - Number(b.kind === 'comment' && b.comment.anchor !== null));
  return [...top, ...body];
}

/** What `c` at a row comments on: a line of the file (for a comment under its line: that line as it is now). */
export function rowTarget(file: string, row: DiffRow | undefined): CommentTarget | null {
  if (!row) return null;
  if (row.kind === 'comment') return row.line ? { file, anchor: row.line } : { file: row.comment.file, anchor: row.comment.anchor };
  return row.anchor ? { file, anchor: row.anchor } : null;
}

/** The comment a row shows or its line has, if any. */
export function rowComment(file: string, row: DiffRow | undefined, comments: readonly ReviewComment[]): ReviewComment | null {
  if (!row) return null;
  if (row.kind === 'comment') return row.comment;
  return row.anchor ? (comments.find((c) => sameTarget(c, { file, anchor: row.anchor })) ?? null) : null;
}

/** The first row that stands for a line of the file (where the cursor starts), else 0. */
export function firstLine(rows: readonly DiffRow[]): number {
  const i = rows.findIndex((r) => r.kind === 'line' && r.anchor);
  return Math.max(0, i);
}

/** The scroll that keeps the cursor's row in a page of `page` rows, moving as little as it can. */
export function follow(cursor: number, scroll: number, page: number): number {
  if (cursor < scroll) return cursor;
  if (cursor >= scroll + page) return cursor - page + 1;
  return scroll;
}

/** How a comment row reads: the comment, and for an outdated one what its line held. */
export function commentText(row: Extract<DiffRow, { kind: 'comment' }>): string {
  const c = row.comment;
  if (!c.anchor) return `✎ on the whole file: ${c.comment}`;
  const was = c.outdated ? `outdated, line ${c.anchor.line} was "${c.anchor.text}": ` : '';
  if (row.line) return `  ✎ ${was}${c.comment}`;
  return `✎ ${was || `line ${c.anchor.line}: `}${c.comment}`;
}
