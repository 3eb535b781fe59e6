import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolateSpec } from '../../src/git/isolate.js';
import { WorktreeStats } from '../../src/git/stats.js';
import type { AgentSpec } from '../../src/model/agent.js';
import { tempDir } from '../helpers/cli.js';
import { repo, sh } from '../helpers/git.js';

const agent = (cwd: string, more: Partial<AgentSpec> = {}): AgentSpec => ({ name: 'w', argv: ['sh'], cwd, env: {}, kind: 'shell', isolate: true, ...more });

describe('a new worktree gets the files the copy patterns name', () => {
  it('copies untracked and ignored files from .worktreeinclude, never overwriting, never leaving the repository', async () => {
    const dir = await repo();
    const outside = tempDir('agentmux-outside-');
    writeFileSync(join(outside, 'secret'), 'not yours\n');
    await sh(dir, 'printf ".env\\nnode_modules/\\n" > .gitignore && git add .gitignore && git commit -qm ignore');
    writeFileSync(join(dir, '.env'), 'TOKEN=1\n');
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'config', 'dev.local.json'), '{}\n');
    writeFileSync(join(dir, 'config', 'other.json'), '{}\n');
    symlinkSync('config/dev.local.json', join(dir, '.env.link'));
    symlinkSync(join(outside, 'secret'), join(dir, '.env.out'));
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'x', 'index.js'), '1\n');
    writeFileSync(join(dir, '.worktreeinclude'), '# local files\n.env*\nconfig/*.local.json\napp.txt\n');
    writeFileSync(join(dir, 'app.txt'), 'changed by the user\n');

    const spec = await isolateSpec(agent(dir));
    const wt = spec.worktree!.path;
    expect(readFileSync(join(wt, '.env'), 'utf8')).toBe('TOKEN=1\n');
    expect(readFileSync(join(wt, 'config', 'dev.local.json'), 'utf8')).toBe('{}\n');
    expect(existsSync(join(wt, 'config', 'other.json'))).toBe(false);
    expect(existsSync(join(wt, 'node_modules'))).toBe(false);
    // The committed app.txt is the branch's: the user's uncommitted change is not copied over it.
    expect(readFileSync(join(wt, 'app.txt'), 'utf8')).toBe('a\nb\nc\n');
    expect(readlinkSync(join(wt, '.env.link'))).toBe('config/dev.local.json');
    expect(() => lstatSync(join(wt, '.env.out'))).toThrow();
    // An ignored file stays ignored in the worktree: not a change of the agent's.
    expect(await sh(wt, 'git status --porcelain --ignored')).toMatch(/^!! \.env$/m);
  });

  it('an explicit worktree.copy replaces .worktreeinclude; an existing worktree is not copied into again', async () => {
    const dir = await repo();
    writeFileSync(join(dir, '.env'), 'A\n');
    writeFileSync(join(dir, 'local.txt'), 'L\n');
    writeFileSync(join(dir, '.worktreeinclude'), '.env\n');
    const spec = await isolateSpec(agent(dir), undefined, { copy: ['local.txt'] });
    const wt = spec.worktree!.path;
    expect(existsSync(join(wt, 'local.txt'))).toBe(true);
    expect(existsSync(join(wt, '.env'))).toBe(false);
    rmSync(join(wt, 'local.txt'));
    await isolateSpec(agent(dir), undefined, { copy: ['local.txt'] });
    expect(existsSync(join(wt, 'local.txt'))).toBe(false);
  });

  it("the agent's own copy list replaces the global one, and a broken .worktreeinclude is one line before anything is made", async () => {
    const dir = await repo();
    writeFileSync(join(dir, 'a.txt'), 'a\n');
    writeFileSync(join(dir, 'b.txt'), 'b\n');
    const spec = await isolateSpec(agent(dir, { worktreePrep: { copy: ['b.txt'] } }), undefined, { copy: ['a.txt'], setup: 'true' });
    expect(existsSync(join(spec.worktree!.path, 'b.txt'))).toBe(true);
    expect(existsSync(join(spec.worktree!.path, 'a.txt'))).toBe(false);
    expect(spec.setup?.line).toBe('true');

    const other = await repo();
    writeFileSync(join(other, '.worktreeinclude'), '.env\nsrc/{a\n');
    await expect(isolateSpec(agent(other))).rejects.toThrow(/\.worktreeinclude: line 2: not a valid glob: "\{" at character 5 is never closed$/);
    expect(existsSync(join(other, '.agentmux'))).toBe(false);
  });

  it("copies are not the agent's changes: two worktrees given the same file do not overlap on it", async () => {
    const dir = await repo();
    writeFileSync(join(dir, 'local.txt'), 'mine\n');
    const a = (await isolateSpec(agent(dir, { name: 'a' }), undefined, { copy: ['local.txt'] })).worktree!;
    const b = (await isolateSpec(agent(dir, { name: 'b' }), undefined, { copy: ['local.txt'] })).worktree!;
    writeFileSync(join(a.path, 'app.txt'), 'by a\n');
    writeFileSync(join(b.path, 'app.txt'), 'by b\n');
    const stats = new WorktreeStats();
    await stats.refresh(a);
    await stats.refresh(b);
    expect(stats.get('a')!.files.map((f) => f.path)).toEqual(['app.txt', 'local.txt']);
    expect(stats.overlap('a')?.with).toEqual(['b']);
    expect([...stats.overlapFiles('a')]).toEqual([['app.txt', ['b']]]);
    stats.dispose();
  });
});
