// What agentmux's hooks cost Claude Code: the real CLI, offline (test/claude-code/offline-claude.sh:
// its own loopback-only network namespace, a mock API, a throwaway HOME), is given a task whose
// answer is a Bash call; the time from Enter to Claude drawing its permission prompt is measured
// with agentmux's hooks (every event posted to agentmux, PreToolUse answered "ask") and without
// any, in the same run. Claude waits for each hook before it goes on (UserPromptSubmit,
// PreToolUse, PermissionRequest come before the prompt), so the difference is what they cost it.
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HookChannel } from '../dist/hooks/channel.js';
import { HOOK_EVENTS, writeClaudeSettings } from '../dist/hooks/claude-settings.js';
import { median, round } from './stats.js';

const root = resolve(import.meta.dirname, '..');
const OFFLINE = join(root, 'test', 'claude-code', 'offline-claude.sh');
const VERSION = '2.1.331';

/** The pinned CLI from the tests' cache (installed there when missing), or why it cannot be had. */
function claudeBinary() {
  const dir = join(process.env.AGENTMUX_CLAUDE_CACHE ?? join(tmpdir(), 'agentmux-claude-code'), VERSION);
  const bin = join(dir, 'node_modules', '.bin', 'claude');
  const works = () => {
    try {
      return execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, DISABLE_AUTOUPDATER: '1' } }).startsWith(VERSION);
    } catch {
      return false;
    }
  };
  if (existsSync(bin) && works()) return { bin };
  try {
    execFileSync('unshare', process.getuid?.() === 0 ? ['-n', 'true'] : ['-r', '-n', 'true'], { stdio: 'ignore' });
  } catch {
    return { skip: 'no network namespace here (unshare -n)' };
  }
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `@anthropic-ai/claude-code@${VERSION}`], { stdio: 'ignore', timeout: 300_000 });
  } catch {
    return { skip: `npm install @anthropic-ai/claude-code@${VERSION} failed` };
  }
  return works() ? { bin } : { skip: `claude ${VERSION} does not run` };
}

/** Resolves once `check(screen text)` holds after a write of Claude's, or rejects after `ms`. */
function until(term, onWrite, check, what, ms) {
  return new Promise((resolvePromise, reject) => {
    const text = () => {
      const b = term.buffer.active;
      let s = '';
      for (let y = 0; y < term.rows; y++) s += `${b.getLine(b.baseY + y)?.translateToString(true) ?? ''}\n`;
      return s;
    };
    const timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms; screen:\n${text()}`)), ms);
    const test = () => {
      if (!check(text())) return false;
      clearTimeout(timer);
      resolvePromise(performance.now());
      return true;
    };
    if (!test()) onWrite.push(test);
  });
}

/** One fresh Claude, one task: ms from Enter to its permission prompt on screen. */
async function oneTurn(bin, settings) {
  const work = mkdtempSync(join(tmpdir(), 'agentmux-bench-cc-work-'));
  const home = mkdtempSync(join(tmpdir(), 'agentmux-bench-cc-home-'));
  mkdirSync(join(home, '.claude'), { recursive: true });
  const args = [bin, work, home, join(home, 'mock.log')];
  if (settings) args.push('--settings', settings);
  // Claude Code 2.1.331 starts in auto mode, which asks for nothing: the prompt is the default mode's.
  args.push('--permission-mode', 'default');
  const term = new xterm.Terminal({ cols: 120, rows: 40, allowProposedApi: true });
  const p = pty.spawn(OFFLINE, args, { cols: 120, rows: 40, cwd: work, env: { ...process.env, MOCK_DELAY_MS: '0' } });
  const onWrite = [];
  p.onData((d) =>
    term.write(d, () => {
      for (const f of onWrite.splice(0)) if (!f()) onWrite.push(f);
    }),
  );
  try {
    await until(term, onWrite, (s) => (/^❯/m.test(s) && s.includes('shift+tab to cycle')) || s.includes('? for shortcuts'), 'idle', 60_000);
    const task = 'run-bash: touch bench.txt';
    p.write(task);
    await until(term, onWrite, (s) => s.includes(task), 'the task typed', 10_000);
    const t0 = performance.now();
    p.write('\r');
    const t1 = await until(term, onWrite, (s) => s.includes('Do you want to proceed?'), 'the permission prompt', 30_000);
    return t1 - t0;
  } finally {
    p.kill('SIGKILL');
    term.dispose();
  }
}

export async function hookCost({ rounds }) {
  const got = claudeBinary();
  const figure = `Claude Code ${VERSION}: Enter to permission prompt (ms)`;
  if (got.skip) return [{ figure: `${figure}: skipped, ${got.skip}`, agentmux: '-', reference: '-', goal: '-', met: true }];
  const hooks = new HookChannel();
  await hooks.listen();
  hooks.setDecider(() => ({ decision: 'ask', reason: 'agentmux: bench' }));
  let events = 0;
  hooks.onEvent(() => events++);
  const httpSettings = writeClaudeSettings(hooks.dir, 'bench', { hooks: hooks.endpoint('bench') });
  // The former design, for comparison: a command hook per event that starts Node (here one that
  // only reads the event and exits, so this is the least it cost).
  const commandSettings = join(hooks.dir, 'command-settings.json');
  const command = `${JSON.stringify(process.execPath)} -e "process.stdin.resume();process.stdin.on('end',()=>process.exit(0))"`;
  writeFileSync(commandSettings, JSON.stringify({ hooks: Object.fromEntries(HOOK_EVENTS.map((e) => [e, [{ matcher: '', hooks: [{ type: 'command', command, timeout: 5 }] }]])) }));
  const withHooks = [];
  const without = [];
  const withCommand = [];
  try {
    // Alternated, so that whatever else the machine does falls on each alike.
    for (let i = 0; i < rounds; i++) {
      withHooks.push(await oneTurn(got.bin, httpSettings));
      without.push(await oneTurn(got.bin, null));
      withCommand.push(await oneTurn(got.bin, commandSettings));
    }
  } finally {
    hooks.close();
  }
  if (!events) throw new Error('no hook event reached agentmux: the figure would not measure the hooks');
  const w = median(withHooks);
  const wo = median(without);
  const wc = median(withCommand);
  // Each round's own difference: a Claude that happened to start on a busy moment counts once.
  const delay = median(withHooks.map((t, i) => t - without[i]));
  return [
    { figure: `${figure}, with / without hooks`, agentmux: round(w), reference: round(wo), ratio: round(w / wo, 2), goal: '-', met: true },
    { figure: 'delay agentmux hooks add to Claude Code, median of rounds (ms)', agentmux: round(delay), reference: '-', goal: '<= 5 ms', met: delay <= 5 },
    { figure: 'the same with a command hook starting Node (the former way)', agentmux: round(wc), reference: round(wo), ratio: round(wc / wo, 2), goal: '-', met: true },
  ];
}
