import { describe, expect, it } from 'vitest';
import { matchesGlob } from '../../src/lib/glob.js';
import { reviewFlags } from '../../src/git/review-flags.js';

const diff = (...added: string[]) => ['--- a/x', '+++ b/x', '@@ -1 +1 @@', ...added.map((l) => `+${l}`), '-old'].join('\n');
const file = (path: string, status = 'M') => ({ path, added: 1, removed: 1, status });

describe('review flags', () => {
  it('matches scope globs', () => {
    expect(matchesGlob('src/api/users.ts', 'src/api/**')).toBe(true);
    expect(matchesGlob('src/api/v2/users.ts', 'src/api/**')).toBe(true);
    expect(matchesGlob('src/web/app.ts', 'src/api/**')).toBe(false);
    expect(matchesGlob('test/api/a.test.ts', 'test/**/*.test.ts')).toBe(true);
    expect(matchesGlob('README.md', '*.{md,txt}')).toBe(true);
    expect(matchesGlob('docs/README.md', '*.md')).toBe(false);
    expect(matchesGlob('src/a.ts', 'src/')).toBe(true);
  });

  it('flags files outside the scope', () => {
    expect(reviewFlags(file('src/web/app.ts'), diff('x'), ['src/api/**', 'test/api/**'])).toEqual([
      { file: 'src/web/app.ts', kind: 'outside-scope', detail: 'outside the scope (src/api/**, test/api/**)' },
    ]);
    expect(reviewFlags(file('src/api/a.ts'), diff('x'), ['src/api/**'])).toEqual([]);
    expect(reviewFlags(file('anything.ts'), diff('x'), [])).toEqual([]);
  });

  it('flags added TODO/FIXME/XXX/HACK, skipped or focused tests, deleted tests', () => {
    const kinds = (f: ReturnType<typeof reviewFlags>) => f.map((x) => x.kind);
    expect(kinds(reviewFlags(file('a.ts'), diff('// TODO: later', '// FIXME', 'x // XXX', 'HACK()'), []))).toEqual(['todo', 'todo', 'todo', 'todo']);
    expect(kinds(reviewFlags(file('a.test.ts'), diff("it.skip('a', () => {})", "describe.only('b')", "xit('c')"), []))).toEqual([
      'focused-or-skipped-test',
      'focused-or-skipped-test',
      'focused-or-skipped-test',
    ]);
    expect(kinds(reviewFlags(file('test/api/users.test.ts', 'D'), '', []))).toEqual(['deleted-test']);
    expect(kinds(reviewFlags(file('src/a.ts', 'D'), '', []))).toEqual([]);
    // Only added lines count: a removed TODO is not flagged.
    expect(reviewFlags(file('a.ts'), '--- a/x\n+++ b/x\n-// TODO gone', [])).toEqual([]);
  });

  it('flags likely secrets by their well-known shapes', () => {
    const secrets = ['-----BEGIN RSA PRIVATE KEY-----', 'AKIAABCDEFGHIJKLMNOP', `ghp_${'a'.repeat(36)}`, `sk-ant-api03-${'b'.repeat(30)}`, `xoxb-${'1'.repeat(12)}`, `sk_live_${'c'.repeat(24)}`];
    const found = reviewFlags(file('config.ts'), diff(...secrets), []).map((f) => f.detail);
    expect(found).toEqual([
      'looks like a private key',
      'looks like an AWS access key',
      'looks like a GitHub token',
      'looks like an Anthropic API key',
      'looks like a Slack token',
      'looks like a Stripe key',
    ]);
    expect(reviewFlags(file('a.ts'), diff('const key = process.env.API_KEY'), [])).toEqual([]);
  });
});
