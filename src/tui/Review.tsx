import { Box, Text } from 'ink';
import { fit } from './format.js';
import type { Rect } from './layout.js';
import type { ReviewState } from './ui-state.js';

const STATUS: Record<string, string> = { A: 'A', M: 'M', D: 'D', '?': 'N', R: 'R' };

function diffColor(line: string): { color?: string; dimColor?: boolean } {
  if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff ') || line.startsWith('index ')) return { dimColor: true };
  if (line.startsWith('+')) return { color: 'green' };
  if (line.startsWith('-')) return { color: 'red' };
  if (line.startsWith('@@')) return { color: 'cyan' };
  return {};
}

/** An isolated agent's changes like a pull request: files with counts and flags, commits, the diff. */
export function Review({ review: r, rect, branch }: { review: ReviewState; rect: Rect; branch: string }) {
  const inner = rect.height - 2;
  const left = Math.max(24, Math.min(48, Math.floor(rect.width * 0.38)));
  const right = rect.width - left - 3;
  const c = r.changes;
  const flagged = new Set(r.flags.map((f) => f.file));
  const file = c?.files[r.file];
  const diff = (r.diffs[r.file] ?? []).slice(r.scroll, r.scroll + inner - 3);
  const fileFlags = file ? r.flags.filter((f) => f.file === file.path) : [];
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height} borderStyle="round" borderColor="cyan">
      <Text wrap="truncate" bold>
        {r.agent} · {branch}
        {c ? <Text color="green"> +{c.added}</Text> : null}
        {c ? <Text color="red"> −{c.removed}</Text> : null}
        {c ? <Text dimColor> · {c.commits.length} commits · {c.uncommitted} uncommitted · {r.flags.length} flags</Text> : <Text dimColor> · reading…</Text>}
      </Text>
      <Box flexDirection="row" height={inner - 2}>
        <Box flexDirection="column" width={left} overflowY="hidden">
          {(c?.files ?? []).map((f, i) => (
            <Text key={f.path} wrap="truncate" inverse={r.list === 'files' && i === r.file}>
              {STATUS[f.status] ?? f.status} {fit(f.path, left - 14).padEnd(left - 14)} <Text color="green">+{f.added}</Text> <Text color="red">−{f.removed}</Text>
              {flagged.has(f.path) ? <Text color="yellow"> ⚑</Text> : null}
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
          {diff.map((l, i) => (
            <Text key={i} wrap="truncate" {...diffColor(l)}>
              {l || ' '}
            </Text>
          ))}
        </Box>
      </Box>
      <Text wrap="truncate" color="yellow">
        {fileFlags.length ? `⚑ ${fileFlags.map((f) => f.detail).join(' · ')}` : ' '}
      </Text>
      <Text wrap="truncate" color={r.note?.tone === 'warn' ? 'red' : 'cyan'}>
        {r.note?.text ?? ' '}
      </Text>
    </Box>
  );
}
