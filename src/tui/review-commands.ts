import { cherryPick, discard, discardLoss, mergeBranch } from '../git/actions.js';
import { fileDiff, readChanges } from '../git/changes.js';
import { reviewFlags } from '../git/review-flags.js';
import type { Worktree } from '../git/worktree.js';
import type { SessionManager } from '../session/manager.js';
import type { Command } from './keymap.js';
import type { ReviewState, Store, UiAction, UiState } from './ui-state.js';

interface ReviewDeps {
  manager: SessionManager;
  ui: Store<UiState, UiAction>;
}

function worktreeOf(deps: ReviewDeps, agent: string): Worktree | null {
  return deps.manager.session(agent)?.spec.worktree ?? null;
}

/** Reads the agent's changes, every file's diff and the flags, into the review. */
async function load(deps: ReviewDeps, w: Worktree): Promise<void> {
  const changes = await readChanges(w);
  const scope = deps.manager.session(w.agent)?.spec.scope ?? [];
  const diffs: string[][] = [];
  const flags = [];
  for (const f of changes.files) {
    const diff = await fileDiff(w, changes.baseCommit, f);
    diffs.push(diff.split('\n'));
    flags.push(...reviewFlags(f, diff, scope));
  }
  const current = deps.ui.get().review;
  if (!current || current.agent !== w.agent) return;
  deps.ui.dispatch({
    type: 'review',
    review: { ...current, changes, diffs, flags, file: Math.min(current.file, Math.max(0, changes.files.length - 1)), picked: current.picked.filter((p) => changes.commits.some((c) => c.sha === p)) },
  });
}

/** `d`: opens the review of the selected agent, if it runs isolated. */
export function openReview(deps: ReviewDeps, index: number): void {
  const agent = deps.manager.statuses[index]?.name;
  const w = agent ? worktreeOf(deps, agent) : null;
  if (!agent || !w) {
    deps.ui.dispatch({ type: 'message', text: `${agent ?? 'this agent'} does not run isolated: give it "isolate": true (or --isolate) to review its changes`, tone: 'warn' });
    return;
  }
  deps.ui.dispatch({ type: 'review', review: { agent, changes: null, diffs: [], flags: [], file: 0, scroll: 0, list: 'files', commit: 0, picked: [], confirmLoss: null, note: null } });
  void load(deps, w).catch((err) => note(deps, `cannot read the changes: ${(err as Error).message}`, 'warn'));
}

function note(deps: ReviewDeps, text: string, tone: 'info' | 'warn' = 'info'): void {
  const r = deps.ui.get().review;
  if (r) deps.ui.dispatch({ type: 'review', review: { ...r, note: { text, tone } } });
}

function update(deps: ReviewDeps, patch: Partial<ReviewState>): void {
  const r = deps.ui.get().review;
  if (r) deps.ui.dispatch({ type: 'review', review: { ...r, ...patch } });
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
      note(deps, `merging ${w.branch} into ${w.base}…`);
      void mergeBranch(w).then((m) => {
        note(deps, m.ok ? `merged ${w.branch} into ${w.base} (${m.how})${m.uncommitted ? `; ${m.uncommitted} uncommitted files stay in the worktree` : ''}` : `not merged: ${m.reason}`, m.ok ? 'info' : 'warn');
        return load(deps, w);
      });
      return;
    case 'review-cherry-pick': {
      if (!w) return;
      // Oldest first, as they were made.
      const picked = [...commits].reverse().filter((c) => r.picked.includes(c.sha)).map((c) => c.sha);
      if (!picked.length) return note(deps, 'choose commits first: tab to the commits, space to choose', 'warn');
      void cherryPick(w, picked).then((res) => {
        note(deps, res.ok ? `cherry-picked ${picked.length} commit${picked.length === 1 ? '' : 's'} onto ${w.base}` : `not cherry-picked: ${res.reason}`, res.ok ? 'info' : 'warn');
        update(deps, { picked: [] });
        return load(deps, w);
      });
      return;
    }
    case 'review-discard': {
      if (!w) return;
      const running = deps.manager.statuses.find((s) => s.name === r.agent)?.state !== 'exited';
      if (running) return note(deps, `${r.agent} is still running: end it first (x on the dashboard)`, 'warn');
      void discardLoss(w).then((loss) => {
        if (loss) return update(deps, { confirmLoss: loss, note: { text: `discard would lose ${loss}: y to lose it, any other key keeps it`, tone: 'warn' } });
        return doDiscard(deps, w, null);
      });
      return;
    }
    case 'review-yes':
      if (w && r.confirmLoss) void doDiscard(deps, w, r.confirmLoss);
      return;
    default:
      return;
  }
}

async function doDiscard(deps: ReviewDeps, w: Worktree, loss: string | null): Promise<void> {
  const running = deps.manager.statuses.find((s) => s.name === w.agent)?.state !== 'exited';
  const res = await discard(w, { agentRunning: running, confirmedLoss: loss });
  if (!res.ok) return update(deps, { confirmLoss: null, note: { text: res.reason, tone: 'warn' } });
  deps.ui.dispatch({ type: 'review', review: null });
  deps.ui.dispatch({ type: 'message', text: `discarded ${w.branch} and its worktree` });
}
