import { cherryPick, commitWorktree, discard, mergeBranch } from '../git/actions.js';
import { lossSummary, readLoss, type Loss } from '../git/loss.js';
import { plural } from '../lib/plural.js';
import { readReview } from '../git/review.js';
import { sameTarget, type CommentTarget } from '../git/review-comments.js';
import type { Worktree } from '../model/agent.js';
import { bindingFor, OTHER, type Binding, type Mode } from './keymap.js';
import type { Key } from './keys.js';
import { LINE_KEYS, lineEditor } from './line-editor.js';
import type { CommentsPort } from './comments-port.js';
import type { ManagerPort } from './manager-port.js';
import { diffRows, firstLine, follow, rowComment, rowTarget, type DiffRow } from './review-rows.js';
import { overlapFirst } from './review-view.js';
import type { ReviewAsk, ReviewState, Store, UiAction, UiState } from './ui-state.js';

interface ReviewDeps {
  manager: ManagerPort;
  ui: Store<UiState, UiAction>;
  /** The session's review comments; none in tests that do not need them. */
  comments?: CommentsPort;
  /** An agent's files that other agents changed too → those agents (the host's overlaps). */
  overlaps?: (agent: string) => ReadonlyMap<string, readonly string[]>;
  /** A review action changed the worktree or its branch: the sidebar's figures and the overlaps are read again. */
  worktreeChanged?: (w: Worktree) => void;
}

function worktreeOf(deps: ReviewDeps, agent: string): Worktree | null {
  return deps.manager.session(agent)?.spec.worktree ?? null;
}

export type ReviewMode = Extract<Mode, 'review' | 'review-confirm' | 'review-commit' | 'review-message' | 'review-comment'>;

/** The keymap in force in the review: its own, or the one of the question it asks. */
export function reviewMode(review: ReviewState | null): ReviewMode {
  switch (review?.ask?.kind) {
    case 'merge-flags':
    case 'discard':
      return 'review-confirm';
    case 'commit-first':
      return 'review-commit';
    case 'commit-message':
      return 'review-message';
    case 'comment':
      return 'review-comment';
    default:
      return 'review';
  }
}

/** Reads the agent's changes, every file's diff and the flags, into the review (if it is still open). */
async function load(deps: ReviewDeps, w: Worktree): Promise<ReviewState | null> {
  const scope = deps.manager.session(w.agent)?.spec.scope ?? [];
  const read = await readReview(w, scope);
  // Whether each comment's line is still there, as the diff is now: for every client's review.
  deps.comments?.check(w.agent, new Map(read.changes.files.map((f, i) => [f.path, read.diffs[i]!.split('\n')])));
  const current = deps.ui.get().review;
  if (!current || current.agent !== w.agent) return null;
  const overlaps = deps.overlaps?.(w.agent) ?? new Map<string, readonly string[]>();
  const { files, diffs } = overlapFirst(read.changes.files, read.diffs, overlaps);
  const changes = { ...read.changes, files };
  const lines = diffs.map((d) => d.split('\n'));
  const next: ReviewState = {
    ...current,
    changes,
    diffs: lines,
    flags: read.flags,
    overlaps,
    file: Math.min(current.file, Math.max(0, changes.files.length - 1)),
    ...(current.list === 'diff' && !changes.files.length ? { list: 'files' as const } : {}),
    picked: current.picked.filter((p) => changes.commits.some((c) => c.sha === p)),
  };
  deps.ui.dispatch({ type: 'review', review: next });
  return next;
}

/**
 * Runs a review action in the background. Whatever fails (a worktree deleted by hand, git
 * missing) is said in the review: one agent's git work never takes the dashboard down.
 */
function background(deps: ReviewDeps, work: () => Promise<unknown>): void {
  void work().catch((err: unknown) => note(deps, err instanceof Error ? err.message : String(err), 'warn'));
}

/** `d`: opens the review of the selected agent, if it runs isolated. */
export function openReview(deps: ReviewDeps, index: number): void {
  const agent = deps.manager.statuses[index]?.name;
  const w = agent ? worktreeOf(deps, agent) : null;
  if (!agent || !w) {
    deps.ui.dispatch({ type: 'message', text: `${agent ?? 'this agent'} does not run isolated: give it "isolate": true (or --isolate) to review its changes`, tone: 'warn' });
    return;
  }
  deps.ui.dispatch({ type: 'review', review: { agent, changes: null, diffs: [], flags: [], file: 0, scroll: 0, list: 'files', line: 0, commit: 0, picked: [], ask: null, note: null } });
  background(deps, async () => {
    try {
      await load(deps, w);
    } catch (err) {
      note(deps, `cannot read the changes: ${(err as Error).message}`, 'warn');
    }
  });
}

/** Says how an action went: in the review, or on the dashboard's line once the review was left. */
function note(deps: ReviewDeps, text: string, tone: 'info' | 'warn' = 'info'): void {
  const r = deps.ui.get().review;
  if (r) deps.ui.dispatch({ type: 'review', review: { ...r, note: { text, tone } } });
  else deps.ui.dispatch({ type: 'message', text, tone });
}

function update(deps: ReviewDeps, patch: Partial<ReviewState>): void {
  const r = deps.ui.get().review;
  if (r) deps.ui.dispatch({ type: 'review', review: { ...r, ...patch } });
}

function ask(deps: ReviewDeps, question: ReviewAsk | null, text?: string): void {
  update(deps, { ask: question, ...(text ? { note: { text, tone: 'warn' as const } } : {}) });
}

/**
 * A key in the review. While it asks something, the key answers: `y` (or the question's own
 * keys) goes on, any other key says no; the commit message takes typing.
 */
export function reviewKey(deps: ReviewDeps, key: Key, page: number): void {
  const r = deps.ui.get().review;
  if (r) bindingFor(REVIEW_KEYS[reviewMode(r)], key.name)?.run({ ...deps, page }, key);
}

/** The default commit message: who made the changes and the first files. */
function defaultMessage(agent: string, files: readonly string[]): string {
  const shown = files.slice(0, 3).join(', ');
  return `Changes by ${agent}: ${shown}${files.length > 3 ? ` and ${files.length - 3} more` : ''}`;
}

/** What a review key works on: the review's seams, and how many diff lines a page is. */
type ReviewCtx = ReviewDeps & { page: number };
type ReviewKey = Binding<ReviewCtx>;

/** Runs a handler on the open review (and its worktree); nothing when it was closed meanwhile. */
function onReview(run: (c: ReviewCtx, r: ReviewState, w: Worktree | null, key: Key) => void): ReviewKey['run'] {
  return (c, key) => {
    const r = c.ui.get().review;
    if (r) run(c, r, worktreeOf(c, r.agent), key);
  };
}

const files = (r: ReviewState) => r.changes?.files.length ?? 0;
const commits = (r: ReviewState) => r.changes?.commits ?? [];

/** `m`: asked about what the worktree holds now, not what it held when the review opened. */
const merge = onReview((c, _r, w) => {
  if (!w) return;
  note(c, 'reading the changes again…');
  background(c, async () => {
    const fresh = await load(c, w);
    if (!fresh?.changes) return;
    if (fresh.flags.length) return ask(c, { kind: 'merge-flags', flags: fresh.flags }, `the review shows ${plural(fresh.flags.length, 'flag')}: y merges anyway, any other key cancels`);
    return afterFlags(c, w);
  });
});

const cherry = onReview((c, r, w) => {
  if (!w) return;
  // Oldest first, as they were made.
  const picked = [...commits(r)]
    .reverse()
    .filter((x) => r.picked.includes(x.sha))
    .map((x) => x.sha);
  if (!picked.length) return note(c, 'choose commits first: tab to the commits, space to choose', 'warn');
  note(c, `cherry-picking ${plural(picked.length, 'commit')} onto ${w.base}…`);
  background(c, async () => {
    const res = await cherryPick(w, picked);
    note(c, res.ok ? `cherry-picked ${plural(picked.length, 'commit')} onto ${w.base}` : `not cherry-picked: ${res.reason}`, res.ok ? 'info' : 'warn');
    c.worktreeChanged?.(w);
    update(c, { picked: [] });
    await load(c, w);
  });
});

const discardKey = onReview((c, r, w) => {
  if (!w) return;
  const running = c.manager.statuses.find((s) => s.name === r.agent)?.state !== 'exited';
  if (running) return note(c, `${r.agent} is still running: end it first (x on the dashboard)`, 'warn');
  background(c, async () => {
    const loss = await readLoss(w);
    const summary = lossSummary(loss);
    if (summary) return ask(c, { kind: 'discard', loss, summary }, `discard would lose ${summary}: y to lose it, any other key keeps it`);
    return doDiscard(c, w, null);
  });
});

/**
 * The keys of a line being typed in the review (the commit message, a comment): the line
 * editor's, with `enter` and `esc` doing what that line is for.
 */
function editorKeys(kind: 'commit-message' | 'comment', enter: Pick<ReviewKey, 'help' | 'short' | 'run'>, escape: Pick<ReviewKey, 'help' | 'run'>): readonly ReviewKey[] {
  return LINE_KEYS.map(({ run: edit, disabled: _, ...b }): ReviewKey => {
    if (b.keys.includes('enter')) return { ...b, ...enter };
    if (b.keys.includes('escape')) return { ...b, ...escape };
    return {
      ...b,
      run: onReview((c, r, _w, key) => {
        const a = r.ask;
        if (a?.kind !== kind) return;
        const editor = edit(a.editor, key);
        if (typeof editor !== 'string') update(c, { ask: { ...a, editor } });
      }),
    };
  });
}

/** The commit message being typed: enter commits and merges. */
const MESSAGE_KEYS = editorKeys(
  'commit-message',
  {
    help: 'commit with this message, then merge',
    short: 'commit and merge',
    run: onReview((c, r) => {
      if (r.ask?.kind !== 'commit-message') return;
      if (!r.ask.editor.text.trim()) return note(c, 'the commit message is empty: type one, or esc', 'warn');
      commitThenMerge(c, r.ask.editor.text);
    }),
  },
  { help: 'commit nothing, merge nothing', run: onReview((c) => update(c, { ask: null, note: { text: 'not committed, not merged', tone: 'info' } })) },
);

/** A comment being typed: enter keeps it (an empty one deletes the comment it had). */
const COMMENT_KEYS = editorKeys(
  'comment',
  {
    help: 'save the comment (empty: delete it)',
    short: 'save',
    run: onReview((c, r) => {
      const a = r.ask;
      if (a?.kind !== 'comment' || !c.comments) return;
      const text = a.editor.text.trim();
      if (!text) {
        const removed = c.comments.remove(r.agent, a.target);
        return update(c, { ask: null, note: { text: removed ? 'comment deleted' : 'no comment made', tone: 'info' } });
      }
      c.comments.put(r.agent, a.target, text);
      update(c, { ask: null, note: { text: `comment ${a.editing ? 'saved' : 'added'}: s sends the comments to ${r.agent}`, tone: 'info' } });
    }),
  },
  { help: 'leave the comment as it was', run: onReview((c) => update(c, { ask: null, note: { text: 'comment not changed', tone: 'info' } })) },
);

/** The chosen file and its diff's rows, the comments among them (what the cursor and scrolling count). */
function rowsOf(c: ReviewCtx, r: ReviewState): { file: string; rows: DiffRow[] } | null {
  const file = r.changes?.files[r.file]?.path;
  if (file === undefined) return null;
  return { file, rows: diffRows(file, r.diffs[r.file] ?? [], c.comments?.list(r.agent) ?? []) };
}

const rowCount = (c: ReviewCtx, r: ReviewState) => rowsOf(c, r)?.rows.length ?? 0;

/** Moves the diff's cursor `by` rows; the diff scrolls with it. */
function moveLine(c: ReviewCtx, r: ReviewState, by: number): void {
  const line = Math.max(0, Math.min(rowCount(c, r) - 1, r.line + by));
  update(c, { line, scroll: follow(line, r.scroll, c.page) });
}

const down = onReview((c, r) => {
  if (r.list === 'diff') return moveLine(c, r, 1);
  if (r.list === 'files') return update(c, { file: Math.min(files(r) - 1, r.file + 1), scroll: 0, line: 0 });
  update(c, { commit: Math.min(commits(r).length - 1, r.commit + 1) });
});

const up = onReview((c, r) => {
  if (r.list === 'diff') return moveLine(c, r, -1);
  if (r.list === 'files') return update(c, { file: Math.max(0, r.file - 1), scroll: 0, line: 0 });
  update(c, { commit: Math.max(0, r.commit - 1) });
});

/** From the files, into the chosen file's diff: the cursor on its first line (or where it was). */
const intoDiff = onReview((c, r) => {
  if (r.list !== 'files') return;
  const d = rowsOf(c, r);
  if (!d?.rows.length) return note(c, 'no file to read: nothing has changed yet', 'warn');
  const line = r.line > 0 && r.line < d.rows.length ? r.line : firstLine(d.rows);
  update(c, { list: 'diff', line, scroll: follow(line, r.scroll, c.page) });
});

/** Opens the comment editor on a target: with its comment, when it has one. */
function editComment(c: ReviewCtx, r: ReviewState, target: CommentTarget): void {
  const had = c.comments?.list(r.agent).find((x) => sameTarget(x, target));
  const text = had ? 'edit the comment: enter saves (emptied, deletes it), esc leaves it' : 'type the comment: enter saves, esc cancels';
  update(c, { ask: { kind: 'comment', target, editor: lineEditor(had?.comment ?? ''), editing: Boolean(had) }, note: { text, tone: 'info' } });
}

const comment = onReview((c, r) => {
  if (!c.comments) return note(c, 'comments are not kept here', 'warn');
  if (r.list === 'commits') return note(c, 'comments go on a file or a line: tab to the files (C comments on the whole change)', 'warn');
  const d = rowsOf(c, r);
  if (!d) return note(c, 'no file to comment on yet: C comments on the whole change', 'warn');
  if (r.list === 'files') return editComment(c, r, { file: d.file, anchor: null });
  const target = rowTarget(d.file, d.rows[r.line]);
  if (!target) return note(c, 'choose a line of the diff (added, removed or unchanged) to comment on', 'warn');
  editComment(c, r, target);
});

const deleteComment = onReview((c, r) => {
  if (!c.comments) return;
  const d = rowsOf(c, r);
  if (!d || r.list === 'commits') return note(c, 'no comment here', 'warn');
  const list = c.comments.list(r.agent);
  const had = r.list === 'files' ? list.find((x) => sameTarget(x, { file: d.file, anchor: null })) : rowComment(d.file, d.rows[r.line], list);
  if (!had || !c.comments.remove(r.agent, had)) return note(c, 'no comment here', 'warn');
  update(c, { line: Math.max(0, Math.min(r.line, rowCount(c, r) - 1)), note: { text: 'comment deleted', tone: 'info' } });
});

/** `s`: the comments as one message to the agent, judged outdated or not on the changes as they are now. */
const send = onReview((c, r, w) => {
  const comments = c.comments;
  if (!comments || !w) return;
  if (!comments.list(r.agent).length) return note(c, 'no comments to send: c comments on the chosen line or file, C on the whole change', 'warn');
  note(c, 'reading the changes again…');
  background(c, async () => {
    await load(c, w);
    const res = comments.send(r.agent);
    if (res === 'empty') return note(c, 'no comments to send', 'warn');
    // Back to the dashboard, to watch the agent work on them (the server says when it is typed).
    if (c.ui.get().review?.agent === r.agent) c.ui.dispatch({ type: 'review', review: null });
    if (res === 'queued') c.ui.dispatch({ type: 'message', text: `review queued: it is typed into ${r.agent} when ${r.agent} is idle`, tone: 'info' });
  });
});

/** The review's keys, per question it may be asking. Actions run git in the background and say how it went. */
export const REVIEW_KEYS: Record<ReviewMode, readonly ReviewKey[]> = {
  review: [
    { keys: ['down', 'j'], help: 'next file, commit, or line of the diff', short: 'move', shortKeys: ['down', 'up'], run: down },
    { keys: ['up', 'k'], help: 'previous file, commit, or line of the diff', run: up },
    { keys: ['enter', 'right', 'l'], help: "into the chosen file's diff: a cursor on its lines", short: 'lines', shortKeys: ['enter'], run: intoDiff },
    {
      keys: ['left', 'h'],
      help: 'from the diff back to the files',
      run: onReview((c, r) => {
        if (r.list === 'diff') update(c, { list: 'files' });
      }),
    },
    { keys: ['tab'], help: 'switch between the files and the commits', short: 'files/commits', run: onReview((c, r) => update(c, { list: r.list === 'commits' ? 'files' : 'commits' })) },
    {
      keys: [' '],
      help: 'choose a commit for cherry-pick',
      short: 'choose',
      run: onReview((c, r) => {
        const sha = commits(r)[r.commit]?.sha;
        if (sha) update(c, { picked: r.picked.includes(sha) ? r.picked.filter((p) => p !== sha) : [...r.picked, sha] });
      }),
    },
    { keys: ['pageup'], help: 'scroll the diff up', short: 'scroll', run: onReview((c, r) => (r.list === 'diff' ? moveLine(c, r, -c.page) : update(c, { scroll: Math.max(0, r.scroll - c.page) }))) },
    {
      keys: ['pagedown'],
      help: 'scroll the diff down',
      run: onReview((c, r) => (r.list === 'diff' ? moveLine(c, r, c.page) : update(c, { scroll: Math.min(Math.max(0, rowCount(c, r) - c.page), r.scroll + c.page) }))),
    },
    { keys: ['c'], help: "comment on the diff's chosen line (on the files: the file); edit it if it has one", short: 'comment', run: comment },
    {
      keys: ['C'],
      help: 'comment on the whole change (edits the one it has)',
      run: onReview((c, r) => (c.comments ? editComment(c, r, { file: null, anchor: null }) : note(c, 'comments are not kept here', 'warn'))),
    },
    { keys: ['x', 'delete'], help: "delete the comment on the chosen line (on the files: the whole file's)", short: 'delete', shortKeys: ['x'], run: deleteComment },
    { keys: ['s'], help: 'send every comment to the agent as one message (queued until it is idle)', short: 'send', run: send },
    { keys: ['m'], help: 'merge the branch into its base branch (asks about flags, uncommitted files)', short: 'merge', run: merge },
    { keys: ['p'], help: 'cherry-pick the chosen commits onto the base branch', short: 'cherry-pick', run: cherry },
    { keys: ['D'], help: 'discard the worktree and branch (asks; says what would be lost)', short: 'discard', run: discardKey },
    { keys: ['escape', 'q', 'd'], help: 'back to the dashboard', short: 'back', run: (c) => c.ui.dispatch({ type: 'review', review: null }) },
  ],
  // The review asks (merge despite its flags? lose what discard lists?): y, and any other key is no.
  'review-confirm': [
    {
      keys: ['y'],
      help: 'yes: merge despite the flags, or lose what discard lists',
      short: 'yes',
      run: onReview((c, r, w) => {
        const q = r.ask;
        if (!w || !q) return;
        if (q.kind === 'merge-flags') return afterFlags(c, w);
        if (q.kind === 'discard') background(c, () => doDiscard(c, w, q.loss));
      }),
    },
    {
      keys: [OTHER],
      help: 'no: nothing is merged or discarded',
      short: 'cancels',
      run: onReview((c, r) => update(c, { ask: null, note: { text: r.ask?.kind === 'discard' ? 'kept: nothing was discarded' : 'not merged', tone: 'info' } })),
    },
  ],
  // The worktree holds uncommitted files that a merge of the branch would leave out.
  'review-commit': [
    {
      keys: ['c'],
      help: 'commit them first (you edit the message), then merge',
      short: 'commit them, then merge',
      run: onReview((c, r) => {
        if (r.ask?.kind !== 'commit-first') return;
        const msg = defaultMessage(r.agent, r.ask.files);
        update(c, { ask: { kind: 'commit-message', files: r.ask.files, editor: lineEditor(msg) }, note: { text: 'the commit message: enter commits and merges, esc cancels', tone: 'info' } });
      }),
    },
    {
      keys: ['m'],
      help: 'merge the commits without them',
      short: 'merge the commits only',
      run: onReview((c, r, w) => {
        if (!w || r.ask?.kind !== 'commit-first') return;
        if (!r.ask.commits) return note(c, `${w.branch} has no commits to merge without them: c commits them first`, 'warn');
        ask(c, null);
        doMerge(c, w);
      }),
    },
    { keys: [OTHER], help: 'neither: nothing is merged', short: 'cancels', run: onReview((c) => update(c, { ask: null, note: { text: 'not merged', tone: 'info' } })) },
  ],
  'review-message': MESSAGE_KEYS,
  'review-comment': COMMENT_KEYS,
};

/** After the flags (none, or merged anyway): uncommitted files are asked about, else the merge. */
function afterFlags(deps: ReviewDeps, w: Worktree): void {
  const r = deps.ui.get().review;
  const c = r?.changes;
  if (!c) return;
  if (c.uncommitted) {
    const what = `${w.branch} has ${plural(c.uncommitted, 'uncommitted file')}, which a merge leaves out`;
    return ask(
      deps,
      { kind: 'commit-first', files: c.uncommittedFiles, commits: c.commits.length },
      `${what}: c commits them first${c.commits.length ? `, m merges the ${plural(c.commits.length, 'commit')} only` : ''}, any other key cancels`,
    );
  }
  ask(deps, null);
  doMerge(deps, w);
}

function commitThenMerge(deps: ReviewDeps, message: string): void {
  const r = deps.ui.get().review;
  const w = r ? worktreeOf(deps, r.agent) : null;
  if (!w) return;
  update(deps, { ask: null, note: { text: `committing in ${w.branch}…`, tone: 'info' } });
  background(deps, async () => {
    const res = await commitWorktree(w, message);
    if (!res.ok) {
      note(deps, res.reason, 'warn');
      await load(deps, w);
      return;
    }
    await load(deps, w);
    doMerge(deps, w, 'committed, then ');
  });
}

function doMerge(deps: ReviewDeps, w: Worktree, prefix = ''): void {
  note(deps, `${prefix}merging ${w.branch} into ${w.base}…`);
  background(deps, async () => {
    const m = await mergeBranch(w);
    deps.worktreeChanged?.(w);
    const left = m.ok && m.uncommitted ? `; ${plural(m.uncommitted, 'uncommitted file')} ${m.uncommitted === 1 ? 'stays' : 'stay'} in the worktree` : '';
    note(deps, m.ok ? `${prefix}merged ${w.branch} into ${w.base} (${m.how})${left}` : `not merged: ${m.reason}`, m.ok ? 'info' : 'warn');
    await load(deps, w).catch(() => null);
  });
}

async function doDiscard(deps: ReviewDeps, w: Worktree, loss: Loss | null): Promise<void> {
  const running = deps.manager.statuses.find((s) => s.name === w.agent)?.state !== 'exited';
  const res = await discard(w, { agentRunning: running, confirmedLoss: loss });
  if (!res.ok) {
    // The worktree changed since the question: ask again about what it holds now.
    const summary = res.loss ? lossSummary(res.loss) : null;
    if (res.loss && summary) return ask(deps, { kind: 'discard', loss: res.loss, summary }, `it changed meanwhile: discard would now lose ${summary}: y to lose it, any other key keeps it`);
    return update(deps, { ask: null, note: { text: res.reason, tone: 'warn' } });
  }
  deps.worktreeChanged?.(w);
  deps.ui.dispatch({ type: 'review', review: null });
  deps.ui.dispatch({ type: 'message', text: `discarded ${w.branch} and its worktree` });
}
