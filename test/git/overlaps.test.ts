import { describe, expect, it } from 'vitest';
import { findOverlaps, overlapsKey } from '../../src/git/overlaps.js';
import { editedFile } from '../../src/hooks/signals.js';
import { overlapFirst } from '../../src/tui/review-view.js';

describe('overlaps between agents', () => {
  it('pairs the agents that changed the same file, each naming the others and the shared files', () => {
    const m = findOverlaps([
      { agent: 'api', files: ['/r/a.ts', '/r/b.ts'] },
      { agent: 'web', files: ['/r/b.ts', '/r/c.ts'] },
      { agent: 'docs', files: ['/r/README.md'] },
      { agent: 'ops', files: ['/r/b.ts', '/r/c.ts', '/r/c.ts'] },
    ]);
    expect([...m.keys()]).toEqual(['api', 'web', 'ops']);
    expect(m.get('api')).toEqual({ with: ['web', 'ops'], files: new Map([['/r/b.ts', ['web', 'ops']]]) });
    expect(m.get('web')).toEqual({
      with: ['api', 'ops'],
      files: new Map([
        ['/r/b.ts', ['api', 'ops']],
        ['/r/c.ts', ['ops']],
      ]),
    });
    expect(m.get('ops')!.with).toEqual(['api', 'web']);
    expect(m.has('docs')).toBe(false);
  });

  it('none without a shared file; the key tells a change from the same result', () => {
    const none = findOverlaps([
      { agent: 'a', files: ['/r/x'] },
      { agent: 'b', files: ['/r/y'] },
    ]);
    expect(none.size).toBe(0);
    const one = findOverlaps([
      { agent: 'a', files: ['/r/x'] },
      { agent: 'b', files: ['/r/x'] },
    ]);
    expect(overlapsKey(none)).not.toBe(overlapsKey(one));
    expect(overlapsKey(one)).toBe(
      overlapsKey(
        findOverlaps([
          { agent: 'a', files: ['/r/x'] },
          { agent: 'b', files: ['/r/x'] },
        ]),
      ),
    );
  });
});

describe('the file an edit names (Claude Code PostToolUse)', () => {
  const post = (tool_name: string, tool_input: Record<string, unknown>, event = 'PostToolUse') => ({ agent: 'a', event, payload: { tool_name, tool_input } });

  it('is the file_path of Edit, Write, MultiEdit, and the notebook of NotebookEdit', () => {
    expect(editedFile(post('Edit', { file_path: '/r/a.ts', old_string: 'x' }))).toBe('/r/a.ts');
    expect(editedFile(post('Write', { file_path: '/r/b.ts' }))).toBe('/r/b.ts');
    expect(editedFile(post('MultiEdit', { file_path: '/r/c.ts' }))).toBe('/r/c.ts');
    expect(editedFile(post('NotebookEdit', { notebook_path: '/r/n.ipynb' }))).toBe('/r/n.ipynb');
  });

  it('is nothing for reads, shell commands, or a call not yet made', () => {
    expect(editedFile(post('Read', { file_path: '/r/a.ts' }))).toBeNull();
    expect(editedFile(post('Bash', { command: 'sed -i s/a/b/ a.ts' }))).toBeNull();
    expect(editedFile(post('Edit', { file_path: '/r/a.ts' }, 'PreToolUse'))).toBeNull();
    expect(editedFile(post('Edit', {}))).toBeNull();
  });
});

describe('the review lists overlapping files first', () => {
  it('keeps each diff with its file, and the order otherwise', () => {
    const files = [{ path: 'a' }, { path: 'b' }, { path: 'c' }, { path: 'd' }];
    const { files: f, diffs } = overlapFirst(
      files,
      ['da', 'db', 'dc', 'dd'],
      new Map([
        ['c', ['web']],
        ['b', ['web']],
      ]),
    );
    expect(f.map((x) => x.path)).toEqual(['b', 'c', 'a', 'd']);
    expect(diffs).toEqual(['db', 'dc', 'da', 'dd']);
  });
});
