import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { Tmux } from '../helpers/tmux.js';

// The package as a user gets it: packed from the built dist/, installed from the tarball into a
// prefix of its own, run from there (no clone, no devDependencies, no build on install).

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
const { DEMO_AGENTS } = (await import(join(ROOT, 'dist', 'demo', 'demo-scenarios.js'))) as { DEMO_AGENTS: { name: string }[] };

/** npm's environment without what an enclosing `npm test` exported (npm_config_*, npm_package_*). */
const npmEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_'))) as Record<string, string>;
const npm = (args: string[], cwd: string) => execa('npm', args, { cwd, env: npmEnv, extendEnv: false, timeout: 45_000 });

const prefix = join(tempDir('agentmux-prefix-'), 'global');
const installed = join(prefix, 'lib', 'node_modules', pkg.name);
const command = join(prefix, 'bin', 'agentmux');
let packed: { filename: string; size: number; files: { path: string }[] };
let tmux: Tmux | null = null;

beforeAll(async () => {
  const out = tempDir('agentmux-pack-');
  // dist/ is built already (the e2e tests need it): pack it as it is rather than build again.
  const pack = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', out], ROOT);
  [packed] = JSON.parse(pack.stdout) as (typeof packed)[];
  // Offline-capable: `npm ci` left every dependency in npm's cache.
  await npm(['install', '-g', '--prefix', prefix, join(out, packed.filename), '--no-audit', '--no-fund', '--prefer-offline'], out);
}, 60_000);

afterAll(() => tmux?.kill());

describe(`the ${pkg.name} package, installed from its tarball`, () => {
  it('holds the command and what it runs, and no sources, tests or source maps', () => {
    const files = packed.files.map((f) => f.path);
    for (const f of files) expect(f).toMatch(/^(bin\/|dist\/|package\.json$|README\.md$|LICENSE$)/);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    // The programs agentmux starts by path, found beside the bundle at run time.
    for (const f of ['bin/agentmux.js', 'bin/package.json', 'dist/agentmux.mjs', 'dist/attach.cjs', 'dist/session/watchdog.js', 'dist/demo/simulated-claude.js']) expect(files).toContain(f);
  });

  it('installs the runtime dependencies only: the bundle carries the rest, nothing is built', () => {
    const modules = join(installed, 'node_modules');
    for (const dep of Object.keys(pkg.dependencies)) expect(existsSync(join(modules, dep)), dep).toBe(true);
    for (const dep of Object.keys(pkg.devDependencies)) expect(existsSync(join(modules, dep)), dep).toBe(false);
  });

  it('`agentmux --version` prints the package version', async () => {
    const r = await execa(command, ['--version'], { cwd: tempDir(), reject: false, timeout: 15_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(pkg.version);
    expect(r.exitCode).toBe(0);
  });

  it('`agentmux demo` runs from there in tmux, with its watchdog, and quits cleanly', async () => {
    tmux = new Tmux();
    tmux.start({ cols: 160, rows: 48, cwd: tempDir(), env: { XDG_STATE_HOME: tempDir('agentmux-state-') } });
    tmux.typeLine(`${command} demo`);
    await waitFor(
      'the sidebar and a live pane for every demo agent',
      () => {
        const s = tmux!.capture();
        return (
          DEMO_AGENTS.every((a, i) => new RegExp(`${i + 1} ${a.name}\\s+(starting|working|approval|idle|stalled)`).test(s) && s.includes(`${i + 1} ${a.name} · `)) &&
          (s.match(/Claude Code/g) ?? []).length >= DEMO_AGENTS.length
        );
      },
      10_000,
    );
    // The simulated agents and the watchdog run from the installed package (a watchdog that
    // failed to load would have exited: agentmux starts it silently).
    const cmds = tmux.processes().map((p) => p.cmd);
    expect(cmds.filter((c) => c.includes(join(installed, 'dist', 'demo', 'simulated-claude.js')))).toHaveLength(DEMO_AGENTS.length);
    expect(cmds.some((c) => c.includes(join(installed, 'dist', 'session', 'watchdog.js')))).toBe(true);

    // Detached and attached again: the attach client (its own CommonJS file) from the package too.
    tmux.key('q');
    await waitFor('the quit question', () => /still running\. Quit and end (it|them)\? y yes · d detach/.test(tmux!.capture()));
    tmux.key('d');
    await waitFor('detached', () => tmux!.capture().includes('detached from demo'));
    tmux.typeLine(`${command} attach demo`);
    await waitFor('the dashboard again', () => DEMO_AGENTS.every((a, i) => tmux!.capture().includes(`${i + 1} ${a.name} · `)), 10_000);
    tmux.key('q');
    await waitFor('the quit question', () => /still running\. Quit and end (it|them)\? y yes · d detach/.test(tmux!.capture()));
    tmux.key('y');
    const after = await waitFor('the shell prompt back', () => {
      const s = tmux!.capture();
      return s
        .split('\n')
        .filter((l) => l.trim() !== '')
        .pop() === '$'
        ? s
        : null;
    });
    expect(after).not.toMatch(/error|warn|\bat .*\.m?js:\d+/i);
    await waitFor('no agentmux, demo or watchdog process left', () => tmux!.processes().length === 0, 5000).catch(() => {
      throw new Error(`processes left: ${JSON.stringify(tmux!.processes())}`);
    });
  });
});
