import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cherryPick, discard, mergeBranch } from '../../src/git/actions.js';
import { worktreesCommand } from '../../src/git/cli.js';
import { readLoss } from '../../src/git/loss.js';
import { ensureWorktree } from '../../src/git/worktree.js';
import type { Worktree } from '../../src/model/agent.js';
import { tempDir } from '../helpers/cli.js';
import { GIT_ID, sh, userState } from '../helpers/git.js';

// agentmux's merges commit as the user.
Object.assign(process.env, GIT_ID);

/**
 * Random git states of the user's repository and of an agent's worktree, against the review's
 * actions. What must hold: no action throws; an action that refuses changes nothing of the
 * user's (files, index, HEAD, the operation in progress); one that merges keeps every file the
 * user had not committed; discard deletes only files it named; prune deletes nothing unnamed.
 */

const userArb = fc.record({
  op: fc.constantFrom('none', 'none', 'merge', 'cherry-pick', 'rebase', 'revert', 'bisect'),
  dirty: fc.boolean(),
  staged: fc.boolean(),
  untracked: fc.boolean(),
  ignored: fc.boolean(),
  baseMoved: fc.boolean(),
  onOtherBranch: fc.boolean(),
});
const agentArb = fc.record({
  commits: fc.integer({ min: 0, max: 2 }),
  touchesUserFile: fc.boolean(),
  uncommitted: fc.boolean(),
  newDir: fc.boolean(),
  ignored: fc.boolean(),
  deleted: fc.boolean(),
  branchExists: fc.boolean(),
});
const actionArb = fc.constantFrom('merge', 'cherry-pick', 'discard', 'discard-confirmed', 'prune');

type User = typeof userArb extends fc.Arbitrary<infer T> ? T : never;
type Agent = typeof agentArb extends fc.Arbitrary<infer T> ? T : never;

/** Files under `root` (not .git), each with its hash. */
function files(root: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(root)) return out;
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (d === root && (e === '.git' || e === '.agentmux')) continue;
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else out.set(relative(root, p), createHash('sha1').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(root);
  return out;
}

async function setUp(agent: Agent, user: User): Promise<{ dir: string; w: Worktree | null; userFiles: string[]; shas: string[] }> {
  const dir = tempDir('agentmux-fuzz-');
  await sh(dir, 'git init -q -b main && printf "a\\nb\\n" > app.txt && echo c > conflict.txt && printf ".env\\nnode_modules/\\n" > .gitignore && git add . && git commit -qm init');
  if (agent.branchExists) {
    await sh(dir, 'git branch agentmux/w');
    return { dir, w: null, userFiles: [], shas: [] };
  }
  const w = await ensureWorktree(dir, 'w');
  for (let i = 0; i < agent.commits; i++) {
    const touch = i === 0 && agent.touchesUserFile ? 'echo agent >> app.txt && ' : '';
    await sh(w.path, `${touch}echo ${i} > agent-${i}.txt && git add -A && git commit -qm agent-${i}`);
  }
  const shas = agent.commits ? (await sh(w.path, `git log --format=%h -${agent.commits}`)).split('\n').reverse() : [];
  if (agent.uncommitted) await sh(w.path, 'echo wip >> conflict.txt');
  if (agent.newDir) await sh(w.path, 'mkdir -p newdir/deep && echo 1 > newdir/a.txt && echo 2 > newdir/deep/b.txt');
  if (agent.ignored) await sh(w.path, 'echo SECRET=1 > .env && mkdir -p node_modules/x && echo 1 > node_modules/x/i.js');
  if (agent.deleted) rmSync(w.path, { recursive: true, force: true });

  // The user's own work, begun after the agent's worktree was made.
  if (user.baseMoved) await sh(dir, 'echo user > user-commit.txt && git add user-commit.txt && git commit -qm user');
  const conflicting = 'git checkout -qb side && echo side > conflict.txt && git commit -qam side && git checkout -q main && echo main > conflict.txt && git commit -qam main';
  if (user.op === 'merge') await sh(dir, `${conflicting}; git merge side >/dev/null 2>&1; echo resolved > conflict.txt && git add conflict.txt`);
  if (user.op === 'cherry-pick') await sh(dir, `${conflicting}; git cherry-pick side >/dev/null 2>&1; echo mine > conflict.txt && git add conflict.txt`);
  if (user.op === 'rebase') await sh(dir, `${conflicting}; git checkout -q side && git rebase main >/dev/null 2>&1; true`);
  if (user.op === 'revert') await sh(dir, 'echo r1 > conflict.txt && git commit -qam r1 && echo r2 > conflict.txt && git commit -qam r2 && git revert --no-edit HEAD~1 >/dev/null 2>&1; true');
  if (user.op === 'bisect') await sh(dir, 'git bisect start');
  if (user.onOtherBranch && user.op === 'none') await sh(dir, 'git checkout -qb elsewhere');
  const userFiles: string[] = [];
  if (user.dirty) {
    await sh(dir, 'echo dirty >> app.txt');
    userFiles.push('app.txt');
  }
  if (user.staged) {
    await sh(dir, 'echo staged > staged.txt && git add staged.txt');
    userFiles.push('staged.txt');
  }
  if (user.untracked) {
    await sh(dir, 'mkdir -p mine && echo u > mine/untracked.txt');
    userFiles.push('mine/untracked.txt');
  }
  if (user.ignored) {
    await sh(dir, 'echo KEY=1 > .env && mkdir -p node_modules && echo 1 > node_modules/m.js');
    userFiles.push('.env', 'node_modules/m.js');
  }
  return { dir, w, userFiles, shas };
}

/** The status lines of the user's own paths (what `git status` says of each). */
async function statusOf(dir: string, paths: readonly string[]): Promise<string> {
  if (!paths.length) return '';
  return sh(dir, `git status --porcelain --ignored -uall -- ${paths.map((p) => `'${p}'`).join(' ')}`);
}

describe('fuzz: git states against the review’s actions (issue 13)', () => {
  it('never throws, never changes what the user did not ask to change', async () => {
    await fc.assert(
      fc.asyncProperty(agentArb, userArb, actionArb, async (agent, user, action) => {
        const { dir, w, userFiles, shas } = await setUp(agent, user);
        try {
          const before = await userState(dir);
          if (!w) {
            // A branch of that name that is the user's: refused, and left as it was.
            const sha = await sh(dir, 'git rev-parse agentmux/w');
            await expect(ensureWorktree(dir, 'w')).rejects.toThrow(/a branch agentmux\/w already exists and agentmux did not make it/);
            expect(await sh(dir, 'git rev-parse agentmux/w')).toBe(sha);
            expect(await userState(dir)).toBe(before);
            return;
          }
          const hashes = files(dir);
          const statuses = await statusOf(dir, userFiles);
          const worktreeBefore = files(w.path);
          let changedUserRepo = false;
          if (action === 'merge' || action === 'cherry-pick') {
            const r = action === 'merge' ? await mergeBranch(w) : await cherryPick(w, shas);
            if (r.ok) {
              changedUserRepo = true;
              // Only into a repository with nothing of the user's in progress.
              expect(user.op).toBe('none');
              expect(agent.deleted && action === 'merge').toBe(false);
            }
          } else if (action === 'discard') {
            const loss = await readLoss(w);
            const r = await discard(w, { agentRunning: false });
            const anything = loss.uncommitted.length + loss.ignored.length + loss.unmergedCommits > 0;
            expect(r.ok).toBe(!anything);
            if (!r.ok) expect(files(w.path)).toEqual(worktreeBefore);
          } else if (action === 'discard-confirmed') {
            const loss = await readLoss(w);
            // Every file that goes is named: not tracked-and-unchanged means listed.
            if (!agent.deleted) {
              const tracked = new Set((await sh(w.path, 'git ls-files -z')).split('\0').filter(Boolean));
              const named = new Set([...loss.uncommitted, ...loss.ignored]);
              for (const f of worktreeBefore.keys()) if (!tracked.has(f) || (await sh(w.path, `git status --porcelain -- '${f}'`))) expect(named, f).toContain(f);
            }
            expect(await discard(w, { agentRunning: false, confirmedLoss: loss })).toEqual({ ok: true });
            expect(existsSync(w.path)).toBe(false);
          } else {
            const lines: string[] = [];
            expect(await worktreesCommand(dir, true, (s) => lines.push(s))).toBe(0);
            // A worktree holding anything (ignored files too) stays whole; a clean merged one may go.
            if (!agent.deleted && (agent.uncommitted || agent.newDir || agent.ignored)) expect(files(w.path), lines.join('')).toEqual(worktreeBefore);
          }
          if (!changedUserRepo) {
            expect(await userState(dir)).toBe(before);
          } else {
            // The user's own uncommitted, new and ignored files are exactly as they were.
            const after = files(dir);
            for (const f of userFiles) expect(after.get(f), f).toBe(hashes.get(f));
            expect(await statusOf(dir, userFiles)).toBe(statuses);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: Number(process.env.AGENTMUX_FUZZ_RUNS ?? 40) },
    );
  }, 300_000);
});

describe('fuzz helpers', () => {
  it('setUp makes what it says (a spot check)', async () => {
    const { dir, w } = await setUp(
      { commits: 1, touchesUserFile: false, uncommitted: true, newDir: true, ignored: true, deleted: false, branchExists: false },
      { op: 'merge', dirty: false, staged: false, untracked: true, ignored: true, baseMoved: false, onOtherBranch: false },
    );
    expect(existsSync(join(dir, '.git', 'MERGE_HEAD'))).toBe(true);
    expect([...files(w!.path).keys()].sort()).toEqual(['.env', '.gitignore', 'agent-0.txt', 'app.txt', 'conflict.txt', 'newdir/a.txt', 'newdir/deep/b.txt', 'node_modules/x/i.js']);
    mkdirSync(join(dir, 'x'));
    writeFileSync(join(dir, 'x', 'y'), '');
    expect(files(dir).has('x/y')).toBe(true);
  });
});
