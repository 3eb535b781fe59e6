/**
 * Review comments (pure): where a comment is anchored in a diff, whether its line has changed
 * since, and the one message that hands them all to the agent.
 */

/** A line of a file's diff: in the new file (added or unchanged) or, for a removed line, in the old one. */
export interface LineAnchor {
  side: 'new' | 'old';
  /** 1-based, in that side's file. */
  line: number;
  /** The line's text as it was when the comment was made (without the diff's mark). */
  text: string;
}

/** What a comment is on: a line of a file, a whole file (anchor null), or the whole change (file null). */
export interface CommentTarget {
  file: string | null;
  anchor: LineAnchor | null;
}

export interface ReviewComment extends CommentTarget {
  id: number;
  comment: string;
  /** Its line is no longer at that place with that text (see isOutdated). */
  outdated: boolean;
}

/** The closing line of a review message: what the agent is asked to do. */
export const REVIEW_CLOSING = 'Address these review comments, then stop.';

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** Each line of one file's diff, with the line it stands for (null: a header, not a line of the file). */
export function lineAnchors(diff: readonly string[]): (LineAnchor | null)[] {
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  return diff.map((l) => {
    const h = HUNK.exec(l);
    if (h) {
      inHunk = true;
      oldLine = Number(h[1]);
      newLine = Number(h[2]);
      return null;
    }
    if (l.startsWith('diff --git ')) inHunk = false;
    if (!inHunk) return null;
    const text = l.slice(1);
    if (l.startsWith('+')) return { side: 'new', line: newLine++, text };
    if (l.startsWith('-')) return { side: 'old', line: oldLine++, text };
    if (l.startsWith(' ')) {
      oldLine++;
      return { side: 'new', line: newLine++, text };
    }
    return null; // "\ No newline at end of file"
  });
}

export function sameTarget(a: CommentTarget, b: CommentTarget): boolean {
  if (a.file !== b.file) return false;
  if (!a.anchor || !b.anchor) return a.anchor === b.anchor;
  return a.anchor.side === b.anchor.side && a.anchor.line === b.anchor.line;
}

/**
 * Whether a comment's line has changed since it was made: that line (side and number) of the
 * file's current diff no longer holds its text, or the file shows no change any more. Comments
 * on a whole file or the whole change are never outdated. `diff`: the file's diff now, as lines.
 */
export function isOutdated(c: CommentTarget, diff: readonly string[] | undefined): boolean {
  if (!c.anchor) return false;
  if (!diff) return true;
  const a = c.anchor;
  return !lineAnchors(diff).some((x) => x && x.side === a.side && x.line === a.line && x.text === a.text);
}

/** Text fit to type into an agent: no control characters (a line could otherwise end a paste, or press keys). */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, '').replace(/\t/g, '  ');
}

function where(c: ReviewComment): string {
  if (c.file === null) return 'The whole change';
  if (!c.anchor) return `${clean(c.file)} (the whole file)`;
  const removed = c.anchor.side === 'old' ? ' (a removed line)' : '';
  return `${clean(c.file)}, line ${c.anchor.line}${removed}: \`${clean(c.anchor.text)}\``;
}

/**
 * The message that sends the comments to the agent: for each the file, the line and its text,
 * and the comment; then one closing line. Outdated comments say so (their line has changed).
 * The comments on the whole change come first, then by file and line.
 */
export function formatReview(comments: readonly ReviewComment[]): string {
  const order = [...comments].sort((a, b) => {
    if (a.file !== b.file) return a.file === null ? -1 : b.file === null ? 1 : a.file < b.file ? -1 : 1;
    return (a.anchor?.line ?? 0) - (b.anchor?.line ?? 0) || (a.anchor?.side === 'old' ? 1 : 0) - (b.anchor?.side === 'old' ? 1 : 0);
  });
  const items = order.map((c, i) => {
    const note = c.outdated ? ' (outdated: the line has changed since)' : '';
    return `${i + 1}. ${where(c)}${note}\n   ${clean(c.comment)}`;
  });
  const n = comments.length;
  return [`Review comments on your changes (${n === 1 ? '1 comment' : `${n} comments`}):`, '', ...items, '', REVIEW_CLOSING].join('\n');
}
