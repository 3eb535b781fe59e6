import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { plural } from '../lib/plural.js';
import { flagCount } from '../git/review.js';
import { fit } from './format.js';
import type { Rect } from './layout.js';
import type { ReviewComment } from '../git/review-comments.js';
import { askPanel, flagLine, overlapLine, repositoryFlags, type PanelLine } from './review-view.js';
import { commentText, diffRows, follow, type DiffRow } from './review-rows.js';
import type { ReviewState } from './ui-state.js';

const STATUS: Record<string, string> = { A: 'A', M: 'M', D: 'D', '?': 'N', R: 'R' };

function diffColor(line: string): { color?: string; dimColor?: boolean } {
  if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff ') || line.startsWith('index ')) return { dimColor: true };
  if (line.startsWith('+')) return { color: 'green' };
  if (line.startsWith('-')) return { color: 'red' };
  if (line.startsWith('@@')) return { color: 'cyan' };
  return {};
}

function PanelRow({ line, cursor }: { line: PanelLine; cursor: number | null }) {
  if (line.style === 'editor') {
    const chars = [...line.text];
    const at = cursor ?? chars.length;
    return (
      <Text wrap="truncate-start">
        <Text color="cyan">› </Text>
        {chars.slice(0, at).join('')}
        <Text inverse>{chars[at] ?? ' '}</Text>
        {chars.slice(at + 1).join('')}
      </Text>
    );
  }
  const style = line.style === 'title' ? { bold: true } : line.style === 'flag' ? { color: 'yellow' } : line.style === 'keys' ? { color: 'cyan' } : line.style === 'dim' ? { dimColor: true } : {};
  return (
    <Text wrap="truncate" {...style}>
      {line.text || ' '}
    </Text>
  );
}

/** A row of the diff; the cursor's row inverted across the panel's width. */
function DiffRowText({ row, cursor, width }: { row: DiffRow; cursor: boolean; width: number }) {
  const text = row.kind === 'comment' ? commentText(row) : row.text || ' ';
  const style = row.kind === 'comment' ? { color: row.comment.outdated ? 'yellow' : 'magenta' } : diffColor(row.text);
  return (
    <Text wrap="truncate" {...style} inverse={cursor}>
      {cursor ? text.padEnd(width) : text}
    </Text>
  );
}

export interface ReviewProps {
  review: ReviewState;
  rect: Rect;
  branch: string;
  base: string;
  /** The agent's review comments, kept until sent. */
  comments: readonly ReviewComment[];
  /** How many comments wait for the agent to be idle. */
  queued: number;
}

/** An isolated agent's changes like a pull request: files with counts and flags, commits, the diff and the comments on it; or the question it asks. */
export function Review({ review: r, rect, branch, base, comments, queued }: ReviewProps) {
  const c = r.changes;
  // Changes to the shared config and hooks concern the repository, not a file of the branch: shown on top.
  const repoFlags = repositoryFlags(r.flags);
  const shownRepo = repoFlags.slice(0, 3);
  const onChange = comments.filter((x) => x.file === null).slice(0, 2);
  const file = c?.files[r.file];
  // A file other agents changed too says so under the diff, on a line of its own.
  const sharedWith = file ? r.overlaps?.get(file.path) : undefined;
  // Inside the border: the header, the repository's flags, the comments on the whole change, the lists and diff, the overlap line, the file's flags, the note.
  const body = Math.max(1, rect.height - 5 - shownRepo.length - onChange.length - (sharedWith ? 1 : 0));
  const left = Math.max(24, Math.min(48, Math.floor(rect.width * 0.38)));
  const right = rect.width - left - 3;
  const flagged = new Set(r.flags.map((f) => f.file));
  const lines = r.diffs[r.file];
  // Read anew only when the diff or the comments change, not with every frame of the dashboard.
  const rows = useMemo(() => (file ? diffRows(file.path, lines ?? [], comments) : []), [file, lines, comments]);
  // The cursor stays in view whatever the comments added above it meanwhile.
  const top = r.list === 'diff' ? follow(r.line, r.scroll, body) : r.scroll;
  const shownRows = rows.slice(top, top + body);
  const perFile = (path: string) => comments.filter((x) => x.file === path).length;
  const fileFlags = file ? r.flags.filter((f) => f.file === file.path) : [];
  const panel = r.ask ? askPanel(r.ask, { branch, base }, body) : null;
  const cursor = r.ask?.kind === 'commit-message' || r.ask?.kind === 'comment' ? r.ask.editor.cursor : null;
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height} borderStyle="round" borderColor="cyan">
      <Text wrap="truncate" bold>
        {r.agent} · {branch}
        {c ? <Text color="green"> +{c.added}</Text> : null}
        {c ? <Text color="red"> −{c.removed}</Text> : null}
        {c ? (
          <Text dimColor>
            {' '}
            · {plural(c.commits.length, 'commit')} · {plural(c.uncommitted, 'uncommitted file')} · {plural(flagCount(r.flags), 'flag')}
            {comments.length ? ` · ${plural(comments.length, 'comment')}` : ''}
            {queued ? ' · review queued' : ''}
            {r.overlaps?.size ? <Text color="red"> · ⚠ {plural(r.overlaps.size, 'file')} other agents changed too</Text> : null}
          </Text>
        ) : (
          <Text dimColor> · reading…</Text>
        )}
      </Text>
      {shownRepo.map((f) => (
        <Text key={f.file} wrap="truncate" color="yellow">
          {flagLine(f)}
        </Text>
      ))}
      {onChange.map((x) => (
        <Text key={x.id} wrap="truncate" color="magenta">
          ✎ on the whole change: {x.comment}
        </Text>
      ))}
      <Box flexDirection="row" height={body} flexShrink={0}>
        <Box flexDirection="column" width={left} overflowY="hidden">
          {(c?.files ?? []).map((f, i) => (
            <Text key={f.path} wrap="truncate" inverse={r.list !== 'commits' && i === r.file} dimColor={r.list === 'diff' && i === r.file}>
              {STATUS[f.status] ?? f.status} {fit(f.path, left - 14).padEnd(left - 14)} <Text color="green">+{f.added}</Text> <Text color="red">−{f.removed}</Text>
              {flagged.has(f.path) ? <Text color="yellow"> ⚑</Text> : null}
              {perFile(f.path) ? <Text color="magenta"> ✎{perFile(f.path)}</Text> : null}
              {r.overlaps?.has(f.path) ? <Text color="red"> ⚠</Text> : null}
            </Text>
          ))}
          {c && !c.files.length ? <Text dimColor>no changes yet</Text> : null}
          <Text> </Text>
          <Text underline>Commits</Text>
          {(c?.commits ?? []).map((k, i) => (
            <Text key={k.sha} wrap="truncate" inverse={r.list === 'commits' && i === r.commit}>
              {r.picked.includes(k.sha) ? '[x]' : '[ ]'} {k.sha} {k.subject}
            </Text>
          ))}
        </Box>
        <Text> </Text>
        <Box flexDirection="column" width={right} overflowY="hidden">
          {panel
            ? panel.map((l, i) => <PanelRow key={i} line={l} cursor={cursor} />)
            : shownRows.map((row, i) => <DiffRowText key={top + i} row={row} cursor={r.list === 'diff' && top + i === r.line} width={right} />)}
        </Box>
      </Box>
      {sharedWith ? (
        <Text wrap="truncate" color="red">
          {overlapLine(sharedWith)}
        </Text>
      ) : null}
      <Text wrap="truncate" color="yellow">
        {fileFlags.length ? `⚑ ${fileFlags.map((f) => f.detail).join(' · ')}` : ' '}
      </Text>
      <Text wrap="truncate" color={r.note?.tone === 'warn' ? 'red' : 'cyan'}>
        {r.note?.text ?? ' '}
      </Text>
    </Box>
  );
}
