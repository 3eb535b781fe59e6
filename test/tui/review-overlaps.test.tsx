import { render } from 'ink-testing-library';
import { stripVTControlCharacters as plain } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../src/model/status.js';
import { Review } from '../../src/tui/Review.js';
import { Sidebar } from '../../src/tui/Sidebar.js';
import type { ReviewState } from '../../src/tui/ui-state.js';

const review = (overlaps: ReviewState['overlaps']): ReviewState => ({
  agent: 'api',
  changes: {
    baseCommit: 'abc',
    commits: [],
    files: [
      { path: 'src/shared.ts', added: 2, removed: 0, status: 'M' },
      { path: 'src/own.ts', added: 1, removed: 0, status: '?' },
    ],
    added: 3,
    removed: 0,
    uncommitted: 2,
    uncommittedFiles: ['src/own.ts', 'src/shared.ts'],
  },
  diffs: [['+shared'], ['+own']],
  flags: [],
  ...(overlaps ? { overlaps } : {}),
  file: 0,
  scroll: 0,
  list: 'files',
  commit: 0,
  picked: [],
  ask: null,
  note: null,
});

describe('overlaps on screen', () => {
  it('the review marks a file other agents changed too and names them under the diff', () => {
    const rect = { x: 0, y: 0, width: 120, height: 16 };
    const frame = plain(render(<Review review={review(new Map([['src/shared.ts', ['web', 'docs']]]))} rect={rect} branch="agentmux/api" base="main" comments={[]} queued={0} />).lastFrame()!);
    expect(frame).toContain('· ⚠ 1 file other agents changed too');
    expect(frame).toMatch(/M src\/shared\.ts\s+\+2 −0 ⚠/);
    expect(frame).not.toMatch(/N src\/own\.ts.*⚠/);
    expect(frame).toContain('⚠ also changed by web, docs: merging one will conflict with the other');
    expect(frame.split('\n').length).toBeLessThanOrEqual(rect.height);

    const none = plain(render(<Review review={review(undefined)} rect={rect} branch="agentmux/api" base="main" comments={[]} queued={0} />).lastFrame()!);
    expect(none).not.toContain('⚠');
  });

  it('the sidebar shows ⚠ and the other agent on the second line, also for an agent without a worktree', () => {
    const s = (name: string): AgentStatus => ({ name, state: 'idle', since: 0, reason: 'test', exit: null });
    const detail = (name: string) => (name === 'api' ? { text: 'agentmux/api +3 −0', warn: '⚠ web' } : { text: '', warn: '⚠ api' });
    const frame = plain(render(<Sidebar statuses={[s('api'), s('web')]} selected={0} rect={{ x: 0, y: 0, width: 40, height: 8 }} now={1000} detail={detail} />).lastFrame()!);
    expect(frame).toMatch(/agentmux\/api \+3 −0 ⚠ web/);
    expect(frame).toMatch(/│\s+⚠ api\s+│/);
  });
});
