import { KEYMAP } from './bindings.js';
import { keysLabel, type Mode } from './keymap.js';

/** Every screen with keys, in the order the help shows them. */
const TITLES: Record<Mode, string> = {
  dashboard: 'Dashboard',
  approval: 'When the selected agent waits on a prompt',
  'option-pick': 'After o (pick another option)',
  'confirm-option': 'When an option would change the permission mode',
  focus: 'Focused on an agent',
  history: "An agent's history (PgUp while focused)",
  'history-search': 'Typing a history search (/)',
  'approvals-log': 'The approval decisions (L)',
  help: 'This help',
  review: 'Reviewing an isolated agent (d)',
  'review-confirm': 'When the review asks (merge with flags, discard)',
  'review-commit': 'When a merge finds uncommitted files',
  'review-message': 'Typing the commit message',
  'review-comment': 'Typing a review comment (c, C)',
  'approval-mode': 'Choosing an approval mode (m)',
  'new-agent': 'In the new-agent form (c)',
  'confirm-quit': 'When asked to quit',
  'confirm-kill': 'When asked to end an agent',
};

export type HelpLine = { kind: 'title'; text: string } | { kind: 'key'; keys: string; text: string } | { kind: 'gap' };

/** One screen's section: its title, a line per binding, a gap. The approval screen lists only what it adds to the dashboard's. */
function section(mode: Mode, detachKey: string): HelpLine[] {
  const rows = KEYMAP[mode].filter((b) => mode !== 'approval' || !KEYMAP.dashboard.includes(b));
  return [{ kind: 'title', text: TITLES[mode] }, ...rows.map((b): HelpLine => ({ kind: 'key', keys: keysLabel(b.keys, detachKey), text: b.help })), { kind: 'gap' }];
}

/** The lines of keys a help this tall shows on each page (inside its border and title). */
export function helpHeight(rect: { height: number }): number {
  return Math.max(1, rect.height - 3);
}

/** How many columns of keys fit side by side in a width. */
export function helpColumns(width: number): number {
  return width >= 140 ? 2 : 1;
}

/**
 * The help laid out in pages of columns of `height` lines: a section moves to the next column
 * rather than start at a column's foot, and one taller than a column continues in the next.
 */
export function helpPages(width: number, height: number, detachKey: string): HelpLine[][][] {
  const per = helpColumns(width);
  const columns: HelpLine[][] = [[]];
  for (const mode of Object.keys(TITLES) as Mode[]) {
    let lines = section(mode, detachKey);
    let column = columns[columns.length - 1]!;
    if (column.length && column.length + lines.length > height) columns.push((column = []));
    while (lines.length) {
      const room = Math.max(1, height - column.length);
      column.push(...lines.slice(0, room));
      lines = lines.slice(room);
      if (lines.length) columns.push((column = []));
    }
  }
  const pages: HelpLine[][][] = [];
  for (let i = 0; i < columns.length; i += per) pages.push(columns.slice(i, i + per));
  return pages;
}
