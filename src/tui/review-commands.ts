import { cherryPick, commitWorktree, discard, mergeBranch } from '../git/actions.js';
import { lossSummary, readLoss, type Loss } from '../git/loss.js';
import { plural } from '../lib/plural.js';
import { readReview } from '../git/review.js';
import type { Worktree } from '../model/agent.js';
import type { SessionManager } from '../session/manager.js';
import { lookup, type Command, type Mode } from './keymap.js';
import type { Key } from './keys.js';
import { editLine, lineEditor } from './line-editor.js';
import type { ReviewAsk, ReviewState, Store, UiAction, UiState } from './ui-state.js';

interface ReviewDeps {
  manager: SessionManager;
  ui: Store<UiState, UiAction>;
}

function worktreeOf(deps: ReviewDeps, agent: string): Worktree | null {
  return deps.manager.session(agent)?.spec.worktree ?? null;
}

/** The keymap in force in the review: its own, or the one of the question it asks. */
export function reviewMode(review: ReviewState | null): Mode {
  switch (review?.ask?.kind) {
    case 'merge-flags':
    case 'discard':
      return 'review-confirm';
    case 'commit-first':
      return 'review-commit';
    case 'commit-message':
      return 'review-message';
    default:
      return 'review';
  }
}

/** Reads the agent's changes, every file's diff and the flags, into the review (if it is still open). */
async function load(deps: ReviewDeps, w: Worktree): Promise<ReviewState | null> {
  const scope = deps.manager.session(w.agent)?.spec.scope ?? [];
  const { changes, diffs, flags } = await readReview(w, scope);
  const current = deps.ui.get().review;
  if (!current || current.agent !== w.agent) return null;
  const next: ReviewState = {
    ...current,
    changes,
    diffs: diffs.map((d) => d.split('\n')),
    flags,
    file: Math.min(current.file, Math.max(0, changes.files.length - 1)),
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
  deps.ui.dispatch({ type: 'review', review: { agent, changes: null, diffs: [], flags: [], file: 0, scroll: 0, list: 'files', commit: 0, picked: [], ask: null, note: null } });
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
  if (!r) return;
  const question = r.ask;
  if (question?.kind === 'commit-message') {
    const result = editLine(question.editor, key);
    if (result === 'cancel') return update(deps, { ask: null, note: { text: 'not committed, not merged', tone: 'info' } });
    if (result !== 'enter') return update(deps, { ask: { ...question, editor: result } });
    if (!question.editor.text.trim()) return note(deps, 'the commit message is empty: type one, or esc', 'warn');
    return commitThenMerge(deps, question.editor.text);
  }
  const command = lookup(reviewMode(r), key.name);
  if (question) {
    if (!command) return update(deps, { ask: null, note: { text: question.kind === 'discard' ? 'kept: nothing was discarded' : 'not merged', tone: 'info' } });
    return reviewCommand(deps, command, page);
  }
  if (command === 'cancel') return deps.ui.dispatch({ type: 'review', review: null });
  if (command) reviewCommand(deps, command, page);
}

/** The default commit message: who made the changes and the first files. */
function defaultMessage(agent: string, files: readonly string[]): string {
  const shown = files.slice(0, 3).join(', ');
  return `Changes by ${agent}: ${shown}${files.length > 3 ? ` and ${files.length - 3} more` : ''}`;
}

/** The review's keys. Actions run git in the background and say how it went. */
export function reviewCommand(deps: ReviewDeps, command: Command, page: number): void {
  const r = deps.ui.get().review;
  if (!r) return;
  const w = worktreeOf(deps, r.agent);
  const files = r.changes?.files.length ?? 0;
  const commits = r.changes?.commits ?? [];
  switch (command) {
    case 'review-next':
      return r.list === 'files' ? update(deps, { file: Math.min(files - 1, r.file + 1), scroll: 0 }) : update(deps, { commit: Math.min(commits.length - 1, r.commit + 1) });
    case 'review-prev':
      return r.list === 'files' ? update(deps, { file: Math.max(0, r.file - 1), scroll: 0 }) : update(deps, { commit: Math.max(0, r.commit - 1) });
    case 'review-switch':
      return update(deps, { list: r.list === 'files' ? 'commits' : 'files' });
    case 'review-pick': {
      const sha = commits[r.commit]?.sha;
      if (!sha) return;
      return update(deps, { picked: r.picked.includes(sha) ? r.picked.filter((p) => p !== sha) : [...r.picked, sha] });
    }
    case 'review-page-up':
      return update(deps, { scroll: Math.max(0, r.scroll - page) });
    case 'review-page-down':
      return update(deps, { scroll: Math.min(Math.max(0, (r.diffs[r.file]?.length ?? 0) - page), r.scroll + page) });
    case 'review-merge':
      if (!w) return;
      note(deps, 'reading the changes again…');
      // Asked about what the worktree holds now, not what it held when the review opened.
      return background(deps, async () => {
        const fresh = await load(deps, w);
        if (!fresh?.changes) return;
        if (fresh.flags.length) return ask(deps, { kind: 'merge-flags', flags: fresh.flags }, `the review shows ${plural(fresh.flags.length, 'flag')}: y merges anyway, any other key cancels`);
        return afterFlags(deps, w);
      });
    case 'review-yes': {
      const q = r.ask;
      if (!w || !q) return;
      if (q.kind === 'merge-flags') return afterFlags(deps, w);
      if (q.kind === 'discard') return background(deps, () => doDiscard(deps, w, q.loss));
      return;
    }
    case 'review-commit': {
      if (r.ask?.kind !== 'commit-first') return;
      const msg = defaultMessage(r.agent, r.ask.files);
      return update(deps, { ask: { kind: 'commit-message', files: r.ask.files, editor: lineEditor(msg) }, note: { text: 'the commit message: enter commits and merges, esc cancels', tone: 'info' } });
    }
    case 'review-merge-only':
      if (!w || r.ask?.kind !== 'commit-first') return;
      if (!r.ask.commits) return note(deps, `${w.branch} has no commits to merge without them: c commits them first`, 'warn');
      ask(deps, null);
      return doMerge(deps, w);
    case 'review-cherry-pick': {
      if (!w) return;
      // Oldest first, as they were made.
      const picked = [...commits]
        .reverse()
        .filter((c) => r.picked.includes(c.sha))
        .map((c) => c.sha);
      if (!picked.length) return note(deps, 'choose commits first: tab to the commits, space to choose', 'warn');
      note(deps, `cherry-picking ${plural(picked.length, 'commit')} onto ${w.base}…`);
      return background(deps, async () => {
        const res = await cherryPick(w, picked);
        note(deps, res.ok ? `cherry-picked ${plural(picked.length, 'commit')} onto ${w.base}` : `not cherry-picked: ${res.reason}`, res.ok ? 'info' : 'warn');
        update(deps, { picked: [] });
        await load(deps, w);
      });
    }
    case 'review-discard': {
      if (!w) return;
      const running = deps.manager.statuses.find((s) => s.name === r.agent)?.state !== 'exited';
      if (running) return note(deps, `${r.agent} is still running: end it first (x on the dashboard)`, 'warn');
      return background(deps, async () => {
        const loss = await readLoss(w);
        const summary = lossSummary(loss);
        if (summary) return ask(deps, { kind: 'discard', loss, summary }, `discard would lose ${summary}: y to lose it, any other key keeps it`);
        return doDiscard(deps, w, null);
      });
    }
    default:
      return;
  }
}

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
  deps.ui.dispatch({ type: 'review', review: null });
  deps.ui.dispatch({ type: 'message', text: `discarded ${w.branch} and its worktree` });
}
