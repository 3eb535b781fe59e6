import { describe, expect, it } from 'vitest';
import { detectClaude } from '../../src/detect/claude.js';
import { approvalBarLines } from '../../src/tui/approval-bar.js';
import { replay } from '../helpers/replay.js';

// Issue 12.4: what the approval bar shows is read whole, however the agent's terminal wraps it.
const dialog = (lines: string[]) => lines.join('\r\n');

describe('Claude Code prompts read whole (issue 12.4)', () => {
  it('an option label the terminal wrapped is read in full, not cut at the wrap', async () => {
    // 40 columns: "2. Yes, and don’t ask again for: npm version *" wraps after "npm".
    const { snap } = await replay(
      [
        dialog([
          ' Bash command',
          '',
          '   npm version patch',
          '   Bump the version',
          '',
          ' Do you want to proceed?',
          ' ❯ 1. Yes',
          '   2. Yes, and don’t ask again for: npm version *',
          '   3. No',
          '',
          ' Esc to cancel · Tab to amend',
        ]),
      ],
      40,
      20,
    );
    expect(snap.wrapped?.some(Boolean)).toBe(true);
    const d = detectClaude(snap);
    expect(d.state).toBe('approval');
    expect(d.prompt!.options.map((o) => o.label)).toEqual(['Yes', 'Yes, and don’t ask again for: npm version *', 'No']);
    const bar = approvalBarLines('cc', d.prompt!, 80, null).map((l) => l.text);
    expect(bar).toContain('  a/o2 Yes, and don’t ask again for: npm version *');
  });

  it('a file prompt names the path shown under the header, not only the base name in the question', async () => {
    const { snap } = await replay([
      dialog([
        ' Create file',
        ' docs/notes.md',
        '╌'.repeat(60),
        '  1 hello',
        '╌'.repeat(60),
        ' Do you want to create notes.md?',
        ' ❯ 1. Yes',
        '   2. Yes, allow all edits during this session (shift+tab)',
        '   3. No',
        '',
        ' Esc to cancel · Tab to amend',
      ]),
    ]);
    const d = detectClaude(snap);
    expect(d.prompt?.subject).toEqual({ tool: 'Write', file: 'docs/notes.md' });
    // Outside the agent's scope: the bar says so before you answer.
    const bar = approvalBarLines('cc', d.prompt!, 100, null, { cwd: '/w', scope: ['src/**'] }).map((l) => l.text);
    expect(bar).toContain('Write: docs/notes.md');
    expect(bar).toContain("⚑ outside cc's scope (src/**)");
    expect(
      approvalBarLines('cc', d.prompt!, 100, null, { cwd: '/w', scope: ['docs/**'] })
        .map((l) => l.text)
        .join('\n'),
    ).not.toContain('outside');
    // An absolute path inside the agent's directory is shown relative to it.
    expect(approvalBarLines('cc', { ...d.prompt!, subject: { tool: 'Write', file: '/w/docs/notes.md' } }, 100, null, { cwd: '/w' }).map((l) => l.text)).toContain('Write: docs/notes.md');
  });

  it('a long command drawn with a gutter is read without it', async () => {
    const { snap } = await replay([
      dialog([
        ' Bash command',
        '╌'.repeat(60),
        ' │ printf "%s\\n" one two three',
        ' │ | sort',
        '╌'.repeat(60),
        ' Do you want to proceed?',
        ' ❯ 1. Yes',
        '   2. No',
        '',
        ' Esc to cancel · Tab to amend',
      ]),
    ]);
    const d = detectClaude(snap);
    expect(d.prompt?.subject?.command).toBe('printf "%s\\n" one two three\n| sort');
  });

  it('does not offer a for a prompt that has no such option', async () => {
    const { snap } = await replay([dialog([' Bash command', '', '   make', '   Build', '', ' Do you want to proceed?', ' ❯ 1. Yes', '   2. No', '', ' Esc to cancel'])]);
    const bar = approvalBarLines('cc', detectClaude(snap).prompt!, 80, null).map((l) => l.text);
    expect(bar.some((l) => /^. a\//.test(l))).toBe(false);
  });
});
