import { plural } from '../lib/plural.js';
import type { Flag } from '../git/review-types.js';
import type { ReviewAsk } from './ui-state.js';

/**
 * The review's files with those other agents changed too first (merging one will conflict with
 * the other), each keeping its diff; otherwise in their order. Pure.
 */
export function overlapFirst<F extends { path: string }, D>(files: readonly F[], diffs: readonly D[], shared: ReadonlyMap<string, unknown>): { files: F[]; diffs: D[] } {
  const order = files.map((_, i) => i).sort((a, b) => Number(shared.has(files[b]!.path)) - Number(shared.has(files[a]!.path)) || a - b);
  return { files: order.map((i) => files[i]!), diffs: order.map((i) => diffs[i]!) };
}

/** The line under the diff for a file other agents changed too. */
export function overlapLine(others: readonly string[]): string {
  return `⚠ also changed by ${others.join(', ')}: merging one will conflict with the other`;
}

export interface PanelLine {
  text: string;
  style?: 'title' | 'flag' | 'keys' | 'dim' | 'editor';
}

/** The flags that concern the repository rather than a changed file (its shared config and hooks). */
export function repositoryFlags(flags: readonly Flag[]): Flag[] {
  return flags.filter((f) => f.kind === 'repo-config' || f.kind === 'hook');
}

export function flagLine(f: Flag): string {
  return `⚑ ${f.file}: ${f.detail}`;
}

/** At most `room` of the items, the rest counted: "… and 12 more". */
function some(items: readonly string[], room: number, indent = '  '): PanelLine[] {
  const shown = items.length > room ? items.slice(0, Math.max(0, room - 1)) : items;
  const lines: PanelLine[] = shown.map((text) => ({ text: `${indent}${text}` }));
  if (shown.length < items.length) lines.push({ text: `${indent}… and ${items.length - shown.length} more`, style: 'dim' });
  return lines;
}

/**
 * What the review shows in place of the diff while it asks something: the question, exactly
 * what it is about (the flags, the files), and the keys that answer it. `rows` is the room.
 */
export function askPanel(ask: ReviewAsk, where: { branch: string; base: string }, rows: number): PanelLine[] {
  const room = Math.max(1, rows - 4);
  switch (ask.kind) {
    case 'merge-flags':
      return [
        { text: `Merge ${where.branch} into ${where.base}? The review shows ${plural(ask.flags.length, 'flag')}:`, style: 'title' },
        ...some(ask.flags.map(flagLine), room, '').map((l) => ({ ...l, style: l.style ?? ('flag' as const) })),
        { text: '' },
        { text: 'y merge anyway · any other key cancels', style: 'keys' },
      ];
    case 'commit-first':
      return [
        { text: `${where.branch} has ${plural(ask.files.length, 'uncommitted file')}, which a merge of the branch leaves out:`, style: 'title' },
        ...some(ask.files, room - 2),
        { text: '' },
        { text: 'c commit them first (you edit the message), then merge', style: 'keys' },
        ...(ask.commits ? [{ text: `m merge the ${plural(ask.commits, 'commit')} without them`, style: 'keys' as const }] : []),
        { text: 'any other key cancels', style: 'keys' },
      ];
    case 'commit-message':
      return [
        { text: `Commit the ${plural(ask.files.length, 'uncommitted file')} in ${where.branch}'s worktree, then merge it into ${where.base}.`, style: 'title' },
        { text: 'Commit message:' },
        { text: ask.editor.text, style: 'editor' },
        { text: '' },
        { text: 'enter commit and merge · esc cancel', style: 'keys' },
      ];
    case 'comment': {
      const { file, anchor } = ask.target;
      const on = file === null ? `the whole change (${where.branch})` : anchor ? `${file}, line ${anchor.line}${anchor.side === 'old' ? ' (removed)' : ''}` : `the whole file ${file}`;
      return [
        { text: `${ask.editing ? 'Edit the comment' : 'Comment'} on ${on}:`, style: 'title' },
        ...(anchor ? [{ text: `  ${anchor.side === 'old' ? '-' : ' '}${anchor.text}`, style: 'dim' as const }] : []),
        { text: ask.editor.text, style: 'editor' },
        { text: '' },
        { text: `enter save${ask.editing ? ' (empty: delete it)' : ''} · esc ${ask.editing ? 'leave it as it was' : 'cancel'}`, style: 'keys' },
        { text: 'The comments are kept until s sends them all to the agent as one message.', style: 'dim' },
      ];
    }
    case 'discard': {
      const { uncommitted, ignored, unmergedCommits } = ask.loss;
      const kinds = [uncommitted.length, ignored.length].filter(Boolean).length || 1;
      const each = Math.max(1, Math.floor((room - 1 - kinds) / kinds));
      return [
        { text: `Discard ${where.branch} and its worktree? This deletes:`, style: 'title' },
        ...(uncommitted.length ? [{ text: `${plural(uncommitted.length, 'uncommitted file')}:` }, ...some(uncommitted, each)] : []),
        ...(ignored.length ? [{ text: `${plural(ignored.length, 'ignored file')} (.gitignore'd, not in git status):` }, ...some(ignored, each)] : []),
        ...(unmergedCommits ? [{ text: `${plural(unmergedCommits, 'commit')} not merged into ${where.base}` }] : []),
        { text: '' },
        { text: 'y lose them · any other key keeps them', style: 'keys' },
      ];
    }
  }
}
