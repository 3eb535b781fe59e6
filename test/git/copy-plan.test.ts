import { describe, expect, it } from 'vitest';
import { mayHold, parseInclude, planCopies, type TreeEntry } from '../../src/git/copy-plan.js';

describe('.worktreeinclude', () => {
  it('takes one pattern a line, without comments, blank lines or surrounding spaces', () => {
    expect(parseInclude('# secrets\n.env\n\n  config/*.local.json  \r\n#node_modules/\n')).toEqual(['.env', 'config/*.local.json']);
  });

  it('names the line of a broken glob', () => {
    expect(parseInclude('.env\n\nsrc/{a,b\n')).toEqual({ line: 3, error: 'not a valid glob: "{" at character 5 is never closed' });
  });
});

describe('which directories the walk reads', () => {
  it('only those a pattern can reach into', () => {
    expect(mayHold('', ['.env'])).toBe(true);
    expect(mayHold('node_modules', ['.env'])).toBe(false);
    expect(mayHold('config', ['config/*.json'])).toBe(true);
    expect(mayHold('configs', ['config/*.json'])).toBe(false);
    expect(mayHold('packages/a', ['packages/'])).toBe(true);
    expect(mayHold('src/deep', ['**/.env'])).toBe(true);
    expect(mayHold('', [])).toBe(false);
  });
});

describe('the copy plan', () => {
  const entries: TreeEntry[] = [
    { path: '.env', type: 'file' },
    { path: 'app.txt', type: 'file' },
    { path: 'config/dev.local.json', type: 'file' },
    { path: 'config/prod.json', type: 'file' },
    { path: 'pkg/.env', type: 'file' },
    { path: '.env.shared', type: 'symlink', link: { text: 'config/dev.local.json', inside: true } },
    { path: '.env.home', type: 'symlink', link: { text: '../../home/.env', inside: false } },
    { path: '.env.abs', type: 'symlink', link: { text: '/repo/config/prod.json', inside: true } },
  ];

  it('copies what the patterns match and the worktree lacks, and never overwrites', () => {
    const plan = planCopies(entries, ['.env', 'config/*.local.json', 'app.txt'], (p) => p === 'app.txt');
    expect(plan.steps).toEqual([
      { kind: 'file', path: '.env' },
      { kind: 'file', path: 'config/dev.local.json' },
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it('matches from the repository root: **/ for every depth', () => {
    expect(planCopies(entries, ['**/.env'], () => false).steps.map((s) => s.path)).toEqual(['.env', 'pkg/.env']);
  });

  it('copies a relative link inside the repository as a link, and skips links leading out or written absolute', () => {
    const plan = planCopies(entries, ['.env*'], () => false);
    expect(plan.steps).toEqual([
      { kind: 'file', path: '.env' },
      { kind: 'symlink', path: '.env.shared', text: 'config/dev.local.json' },
    ]);
    expect(plan.skipped).toEqual([
      { path: '.env.home', why: 'a symbolic link leading out of the repository' },
      { path: '.env.abs', why: 'a symbolic link to an absolute path (it would lead back into your tree)' },
    ]);
  });

  it('copies nothing without patterns', () => {
    expect(planCopies(entries, [], () => false)).toEqual({ steps: [], skipped: [] });
  });
});
