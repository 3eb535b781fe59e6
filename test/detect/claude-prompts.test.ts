import { describe, expect, it } from 'vitest';
import { findOption } from '../../src/detect/answer.js';
import { detectClaude } from '../../src/detect/claude.js';
import { captureBytes, replay } from '../helpers/replay.js';

/** Prompts recorded from the real CLI (scripts/capture-claude-screen.sh), both versions. */
describe.each(['2.1.197', '2.1.331'])('claude %s prompts', (version) => {
  const detect = async (name: string) => detectClaude((await replay([captureBytes('claude', version, `${name}.ansi.txt`)])).snap);

  it('Write: the file to create', async () => {
    const d = await detect('permission-write');
    expect(d.state).toBe('approval');
    expect(d.prompt).toMatchObject({ kind: 'permission', question: 'Do you want to create notes.txt?', subject: { tool: 'Write', file: 'notes.txt' }, selected: 0 });
    expect(d.prompt!.options[findOption(d.prompt!, 'yes')!]!.label).toBe('Yes');
    expect(d.prompt!.options[findOption(d.prompt!, 'no')!]!.label).toBe('No');
  });

  it('Edit: the file to edit, and the allow-all-edits option', async () => {
    const d = await detect('permission-edit');
    expect(d.prompt).toMatchObject({ kind: 'permission', question: 'Do you want to make this edit to edit-me.txt?', subject: { tool: 'Edit', file: 'edit-me.txt' } });
    expect(d.prompt!.options[findOption(d.prompt!, 'always')!]!.label).toMatch(/allow all edits|accept edits/);
  });

  it('WebFetch: the URL, with no hint line under the options', async () => {
    const d = await detect('permission-fetch');
    expect(d.state).toBe('approval');
    expect(d.prompt).toMatchObject({ kind: 'permission', question: 'Do you want to allow Claude to fetch this content?', subject: { tool: 'WebFetch', text: 'https://docs.example.com/guide' } });
    expect(d.prompt!.options[findOption(d.prompt!, 'always')!]!.label).toBe("Yes, and don't ask again for docs.example.com");
    expect(d.prompt!.options[findOption(d.prompt!, 'no')!]!.label).toMatch(/^No, and tell Claude/);
  });

  it('AskUserQuestion: a question menu with its choices', async () => {
    const d = await detect('question-menu');
    expect(d.state).toBe('approval');
    expect(d.prompt).toMatchObject({ kind: 'question', question: 'Which database should we use?', selected: 0 });
    expect(d.prompt!.options.map((o) => o.label).slice(0, 2)).toEqual(['Postgres', 'SQLite']);
  });

  it('plan approval: "Exit plan mode?"', async () => {
    const d = await detect('plan-approval');
    expect(d.state).toBe('approval');
    expect(d.prompt).toMatchObject({ kind: 'plan', question: 'Exit plan mode?' });
    expect(d.prompt!.options[findOption(d.prompt!, 'yes')!]!.label).toMatch(/^Yes/);
  });

  it('a new MCP server in the project', async () => {
    const d = await detect('dialog-mcp-server');
    expect(d.state).toBe('approval');
    expect(d.prompt).toMatchObject({ kind: 'mcp-server', subject: { text: 'notes' } });
    expect(d.prompt!.options.map((o) => o.label)).toContain('Use this MCP server');
    const use = d.prompt!.options[findOption(d.prompt!, 'yes')!]!;
    expect(use.label).toBe('Use this MCP server');
    // Numbered options are picked by their digit; un-numbered ones (2.1.3xx) by arrows from the highlight.
    if (use.number !== undefined) expect(use.keys).toEqual([String(use.number)]);
    else expect(use.keys).toEqual([`${'\x1b[A'.repeat(d.prompt!.selected!)}\r`]);
    expect(d.prompt!.options[findOption(d.prompt!, 'no')!]!.label).toBe('Continue without using this MCP server');
  });
});

describe('claude MCP tool permission', () => {
  it('2.1.197 names the tool as permission rules do, with its arguments', async () => {
    const d = detectClaude((await replay([captureBytes('claude', '2.1.197', 'permission-mcp.ansi.txt')])).snap);
    expect(d.prompt).toMatchObject({ kind: 'permission', question: 'Do you want to proceed?', subject: { tool: 'mcp__notes__add_note', text: 'text: "remember the milk"' } });
  });

  it('2.1.331 names the server and shows the framed arguments', async () => {
    const d = detectClaude((await replay([captureBytes('claude', '2.1.331', 'permission-mcp.ansi.txt')])).snap);
    expect(d.prompt).toMatchObject({ kind: 'permission', subject: { tool: 'mcp__notes', text: 'Add Note Tool\ntext: "remember the milk"' } });
    expect(findOption(d.prompt!, 'always')).toBe(1);
  });
});
