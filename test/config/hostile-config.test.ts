import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchesGlob } from '../../src/lib/glob.js';
import { DirectoryError } from '../../src/session/make-dir.js';
import { createRunDir } from '../../src/session/transcript.js';
import { formSpec, newForm } from '../../src/tui/new-agent-form.js';
import { runCli, tempDir } from '../helpers/cli.js';

/** Runs the built CLI on a config (or with flags), expecting one clear line and exit 2, at once. */
async function refused(config: unknown, args: string[] = []) {
  const dir = tempDir();
  writeFileSync(join(dir, 'agentmux.json'), typeof config === 'string' ? config : JSON.stringify(config));
  const started = Date.now();
  const r = await runCli(args, { cwd: dir });
  expect(Date.now() - started).toBeLessThan(5000);
  expect(r.exitCode).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  return lines[0]!;
}

const agent = (extra: Record<string, unknown> = {}) => ({ agents: [{ name: 'a', command: 'bash', ...extra }] });

describe('hostile configs are refused at load, in one line (issue 14.10-14.14)', () => {
  it('a glob that never closes, in scope or in a rule; the matcher itself is total', async () => {
    expect(await refused(agent({ scope: ['src/{a'] }))).toMatch(/agents\[0\]\.scope\[0\]: not a valid glob: "\{" at character 5 is never closed$/);
    expect(await refused(agent({ permissions: { allow: ['Edit(src/{a)'] } }))).toMatch(/agents\[0\]\.permissions\.allow\[0\]: not a valid glob/);
    expect(matchesGlob('src/{a', 'src/{a')).toBe(true);
    expect(matchesGlob('src/b', 'src/{a')).toBe(false);
    expect(matchesGlob('src/x.ts', 'src/{x,y}.ts')).toBe(true);
  });

  it('durations too long for a timer, and a rule reaching outside with ..', async () => {
    expect(await refused({ ...agent(), stallAfter: '600h' })).toMatch(/stallAfter: must be a duration .*at most a week/);
    expect(await refused({ ...agent(), notify: { commandTimeout: 2_200_000 } })).toMatch(/notify\.commandTimeout: .*at most a week/);
    expect(await refused({ ...agent(), notify: { remind: ['2m', '597h'] } })).toMatch(/notify\.remind\[1\]: .*at most a week/);
    expect(await refused(agent({ permissions: { allow: ['Edit(../**)'] } }))).toMatch(/permissions\.allow\[0\]: "Edit\(\.\.\/\*\*\)" reaches outside the agent's directory/);
  });

  it('names git cannot take, names differing only by case, an empty program, bad env', async () => {
    for (const name of ['a..b', 'x.lock', 'a.']) expect(await refused({ agents: [{ name, command: 'bash', isolate: true }] })).toMatch(/agents\[0\]\.name: must not/);
    expect(
      await refused({
        agents: [
          { name: 'api', command: 'bash' },
          { name: 'API', command: 'bash' },
        ],
      }),
    ).toMatch(/agents\[1\]\.name: duplicate name "API" \(also agents\[0\]\)$/);
    expect(await refused(agent({ command: [''] }))).toMatch(/agents\[0\]\.command: must start with the program/);
    expect(await refused(agent({ env: { 'A=B': '1' } }))).toMatch(/agents\[0\]\.env/);
    expect(await refused(agent({ env: { A: 'x\u0000y' } }))).toMatch(/agents\[0\]\.env\.A: must not contain a NUL character$/);
  });

  it('a worktree directory outside the repository, and names the dashboard form refuses the same way', async () => {
    expect(await refused({ ...agent(), worktreeDir: '/tmp/trees' })).toMatch(/worktreeDir: must be relative to the repository/);
    expect(await refused({ ...agent(), worktreeDir: '../trees' })).toMatch(/worktreeDir: must stay inside the repository/);
    expect(await refused({ ...agent(), worktreeDir: '.agentmux/../../trees' })).toMatch(/worktreeDir: must stay inside the repository/);
    const dir = tempDir();
    const form = (name: string, taken: string[] = [], scope = '') => formSpec({ ...newForm(dir), values: [name, 'bash', dir, 'no', scope, 'default', ''] }, taken, { PATH: process.env.PATH }, dir);
    expect(form('a..b')).toEqual({ error: 'name: must not contain ".." (it names a git branch)' });
    expect(form('x.lock')).toEqual({ error: 'name: must not end with "." or ".lock" (it names a git branch)' });
    expect(form('API', ['api'])).toEqual({ error: 'name: "API" is taken' });
    expect(form('ok', [], 'src/{a')).toEqual({ error: 'scope: "src/{a": "{" at character 5 is never closed' });
    expect(form('ok', [], 'src/**')).toMatchObject({ name: 'ok', scope: ['src/**'] });
  });

  it('a detach key shells or Claude Code use', async () => {
    for (const key of ['ctrl+a', 'ctrl+e', 'ctrl+k', 'ctrl+l', 'ctrl+o', 'ctrl+t', 'ctrl+u', 'ctrl+w']) {
      expect(await refused({ ...agent(), keys: { detach: key } })).toMatch(new RegExp(`keys\\.detach: ${key.replace('+', '\\+')} is used by the agents`));
    }
  });

  it('a config that is a device, a FIFO or huge is refused at once, never read', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(await refused(agent(), ['--config', '/dev/zero'])).toBe('agentmux: /dev/zero: not a regular file');
    expect(await refused(agent(), ['--config', fifo])).toBe(`agentmux: ${fifo}: not a regular file`);
    expect(await refused(agent(), ['--events', fifo])).toBe(`agentmux: --events ${fifo}: a FIFO or socket would block agentmux: give a regular file`);
    const big = join(dir, 'big.json');
    writeFileSync(big, `{"agents":[${' '.repeat(2 << 20)}]}`);
    expect(await refused(agent(), ['--config', big])).toMatch(/big\.json: too large for a config file/);
  });

  it('--record where no directory can be, and a state directory that cannot be made (issue 14.8)', async () => {
    expect(await refused(agent(), ['--record', '/proc/1/nope'])).toBe('agentmux: --record /proc/1/nope: cannot create /proc/1/nope (ENOENT)');
    expect(await refused(agent(), ['--record', '/etc/passwd'])).toBe('agentmux: --record /etc/passwd: /etc/passwd is not a directory');
    expect(() => createRunDir({ XDG_STATE_HOME: '/dev/null/x' }, 'run')).toThrow(DirectoryError);
    expect(() => createRunDir({ XDG_STATE_HOME: '/dev/null/x' }, 'run')).toThrow(/^the state directory \(XDG_STATE_HOME\) \/dev\/null\/x\/agentmux\/runs\/run: \/dev\/null is not a directory$/);
  });

  it('a byte order mark shifts no column', async () => {
    expect(await refused('\uFEFF{ "agents": [ { "name": "a", "command": "bash" } ], x }')).toMatch(
      /agentmux\.json: line 1, column 53: invalid JSON: expected a property name in double quotes, found "x"$/,
    );
  });
});
