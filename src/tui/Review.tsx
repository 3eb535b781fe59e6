import { Box, Text } from 'ink';
import { plural } from '../lib/plural.js';
import { flagCount } from '../git/review.js';
import { fit } from './format.js';
import type { Rect } from './layout.js';
import { askPanel, flagLine, overlapLine, repositoryFlags, type PanelLine } from './review-view.js';
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

/** An isolated agent's changes like a pull request: files with counts and flags, commits, the diff; or the question it asks. */
export function Review({ review: r, rect, branch, base }: { review: ReviewState; rect: Rect; branch: string; base: string }) {
  const c = r.changes;
  // Changes to the shared config and hooks concern the repository, not a file of the branch: shown on top.
  const repoFlags = repositoryFlags(r.flags);
  const shownRepo = repoFlags.slice(0, 3);
  // Inside the border: the header, the repository's flags, the lists and diff, the file's flags, the note.
  const file = c?.files[r.file];
  // A file other agents changed too says so under the diff, on a line of its own.
  const sharedWith = file ? r.overlaps?.get(file.path) : undefined;
  const body = Math.max(1, rect.height - 5 - shownRepo.length - (sharedWith ? 1 : 0));
  const left = Math.max(24, Math.min(48, Math.floor(rect.width * 0.38)));
  const right = rect.width - left - 3;
  const flagged = new Set(r.flags.map((f) => f.file));
  const diff = (r.diffs[r.file] ?? []).slice(r.scroll, r.scroll + body);
  const fileFlags = file ? r.flags.filter((f) => f.file === file.path) : [];
  const panel = r.ask ? askPanel(r.ask, { branch, base }, body) : null;
  const cursor = r.ask?.kind === 'commit-message' ? r.ask.editor.cursor : null;
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
      <Box flexDirection="row" height={body} flexShrink={0}>
        <Box flexDirection="column" width={left} overflowY="hidden">
          {(c?.files ?? []).map((f, i) => (
            <Text key={f.path} wrap="truncate" inverse={r.list === 'files' && i === r.file}>
              {STATUS[f.status] ?? f.status} {fit(f.path, left - 14).padEnd(left - 14)} <Text color="green">+{f.added}</Text> <Text color="red">−{f.removed}</Text>
              {flagged.has(f.path) ? <Text color="yellow"> ⚑</Text> : null}
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
            : diff.map((l, i) => (
                <Text key={i} wrap="truncate" {...diffColor(l)}>
                  {l || ' '}
                </Text>
              ))}
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
