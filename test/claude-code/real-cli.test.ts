import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { claudePermissions } from '../../src/config/permissions.js';
import { findOption } from '../../src/detect/answer.js';
import { DEFAULT_SETTINGS, type AgentSpec } from '../../src/config/types.js';
import { HookChannel } from '../../src/hooks/channel.js';
import { SessionManager, type ManagerOptions, type StateChange } from '../../src/session/manager.js';
import { tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { canUnshareNet, CLAUDE_VERSIONS, ensureClaude } from './install.js';

// The real Claude Code CLI, offline: own network namespace with loopback only, a mock Messages
// API inside it, a throwaway HOME, and every variable of the safe config (see offline-claude.sh:
// CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL=1 among them).
const OFFLINE = resolve(import.meta.dirname, 'offline-claude.sh');

let managers: SessionManager[] = [];
let channels: HookChannel[] = [];
afterEach(async () => {
  await Promise.all(managers.map((m) => m.dispose(500)));
  for (const c of channels) c.close();
  managers = [];
  channels = [];
});

const netProblem = await canUnshareNet();

/** The pinned CLI for a version, installed once before the tests of a block, or why it cannot be had. */
function installedClaude(version: string): () => { bin: string } | { skip: string } {
  let got: { bin: string } | { skip: string } = { skip: netProblem ?? 'not installed yet' };
  beforeAll(async () => {
    if (!netProblem) got = await ensureClaude(version);
  }, 320_000);
  return () => got;
}

/**
 * A work directory, a throwaway HOME, and a program named `claude` (so agentmux adds its
 * settings) that runs the real one offline there.
 */
function offlineSetup(bin: string): { work: string; wrapper: string } {
  const work = tempDir('agentmux-cc-work-');
  const home = tempDir('agentmux-cc-home-');
  mkdirSync(join(home, '.claude'), { recursive: true });
  const wrapper = join(tempDir('agentmux-cc-bin-'), 'claude');
  writeFileSync(wrapper, `#!/bin/sh\nexec '${OFFLINE}' '${bin}' '${work}' '${home}' '${join(home, 'mock.log')}' "$@"\n`, { mode: 0o755 });
  return { work, wrapper };
}

/** Starts one agent `cc` under a manager (ended after the test), recording its state changes. */
function startAgent(spec: AgentSpec, options: Partial<ManagerOptions> = {}) {
  const manager = new SessionManager([spec], { settings: DEFAULT_SETTINGS, runDir: null, ...options });
  managers.push(manager);
  const changes: StateChange[] = [];
  manager.onStateChange((c) => changes.push(c));
  manager.startAll(() => ({ cols: 120, rows: 40 }));
  return { manager, changes, status: () => manager.statuses[0]!, screen: () => manager.agents[0]!.snapshot().lines.join('\n') };
}

describe.each(CLAUDE_VERSIONS)('real Claude Code %s through agentmux', (version) => {
  const claude = installedClaude(version);

  it.for([
    ['with hooks', true],
    ['from the screen alone', false],
  ] as const)('%s: types a task, sees working, then approval for the Bash command, answers yes, sees the file and idle', async ([, withHooks], ctx) => {
    const bin = claude();
    if ('skip' in bin) {
      ctx.skip(bin.skip);
      return;
    }
    const { work, wrapper } = offlineSetup(bin.bin);
    const hooks = new HookChannel();
    await hooks.listen();
    channels.push(hooks);
    const hookEvents: string[] = [];
    hooks.onEvent((e) => hookEvents.push(e.event));
    const { manager, changes, status, screen } = startAgent(
      { name: 'cc', argv: [wrapper, '--permission-mode', 'default'], cwd: work, env: { MOCK_DELAY_MS: '1500' }, kind: 'claude' },
      withHooks ? { hooks } : {},
    );

    await waitFor('claude to be idle at its input box', () => status().state === 'idle', 30_000).catch((e) => {
      throw new Error(`${(e as Error).message}; screen:\n${screen()}`);
    });
    manager.write('cc', 'please run-bash');
    await waitFor('the task typed', () => screen().includes('please run-bash'));
    manager.write('cc', '\r');

    // The whole dialog: on a loaded machine the first approval can be read while its options are still being drawn.
    const approval = await waitFor('approval', () => (status().state === 'approval' && status().prompt && findOption(status().prompt!, 'no') !== null ? status() : null), 30_000).catch((e) => {
      throw new Error(`${(e as Error).message}; states ${changes.map((c) => c.state).join(' > ')}; screen:\n${screen()}`);
    });
    expect(changes.map((c) => c.state)).toContain('working');
    expect(approval.prompt?.kind).toBe('permission');
    expect(approval.prompt?.subject).toEqual({ tool: 'Bash', command: 'echo hello-from-agent > hello-from-agent.txt' });
    expect(existsSync(join(work, 'hello-from-agent.txt'))).toBe(false);

    const yes = findOption(approval.prompt!, 'yes');
    expect(yes).not.toBeNull();
    expect(await manager.answer('cc', approval.prompt!, yes!)).toEqual({ ok: true, option: approval.prompt!.options[yes!]!.label });

    await waitFor('the command to run', () => existsSync(join(work, 'hello-from-agent.txt')), 15_000);
    await waitFor('idle after the turn', () => status().state === 'idle' && screen().includes('Done.'), 30_000);
    const after = changes.slice(changes.findIndex((c) => c.state === 'approval'));
    expect(after[0]!.state).toBe('approval');
    expect(after[after.length - 1]!.state).toBe('idle');
    expect(changes.some((c) => c.reason.startsWith('screen: '))).toBe(true);
    if (!withHooks) {
      expect(hookEvents).toEqual([]);
      return;
    }
    // The hooks reported over the socket, and they decided states alongside the screen.
    await waitFor('the Stop hook', () => hookEvents.includes('Stop'), 5000);
    expect(hookEvents, hookEvents.join(' ')).toEqual(expect.arrayContaining(['UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'Stop']));
    expect(changes.some((c) => c.reason.startsWith('hook: '))).toBe(true);
    expect(changes.some((c) => c.reason.startsWith('screen: '))).toBe(true);
  }, 120_000);
});

describe.each(CLAUDE_VERSIONS)('real Claude Code %s enforces agentmux rules itself', (version) => {
  const claude = installedClaude(version);

  it('an allowed Bash(npm test) runs with no prompt, another command still prompts, a denied one is refused', async (ctx) => {
    const bin = claude();
    if ('skip' in bin) {
      ctx.skip(bin.skip);
      return;
    }
    const { work, wrapper } = offlineSetup(bin.bin);
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'w', version: '1.0.0', scripts: { test: 'touch tested.txt' } }));
    const rules = claudePermissions({ allow: ['Bash(npm test)'], deny: ['Bash(touch denied.txt)'] }, work, (_l, _i, m) => new Error(m));
    const { manager, changes, status, screen } = startAgent({ name: 'cc', argv: [wrapper], cwd: work, env: { MOCK_DELAY_MS: '300' }, kind: 'claude', claudePermissions: rules, permissionMode: 'default' });
    const turn = async (task: string) => {
      await waitFor('idle', () => status().state === 'idle', 30_000).catch((e) => {
        throw new Error(`${(e as Error).message}; states ${changes.map((c) => c.state).join(' > ')}; screen:\n${screen()}`);
      });
      const before = changes.length;
      manager.write('cc', task);
      await waitFor('the task typed', () => screen().includes(task));
      manager.write('cc', '\r');
      await waitFor('the turn to start', () => changes.slice(before).some((c) => c.state === 'working'), 10_000);
      return before;
    };

    let from = await turn('run-bash: npm test');
    await waitFor('npm test to run', () => existsSync(join(work, 'tested.txt')), 20_000);
    await waitFor('idle after the turn', () => status().state === 'idle' && screen().includes('Done.'), 20_000);
    expect(changes.slice(from).map((c) => c.state)).not.toContain('approval');

    from = await turn('run-bash: touch other.txt');
    const asked = await waitFor('a prompt for a command outside the rules', () => (status().state === 'approval' ? status().prompt : null), 20_000);
    expect(asked.subject).toMatchObject({ tool: 'Bash', command: 'touch other.txt' });
    expect(await manager.answer('cc', asked, findOption(asked, 'no')!)).toMatchObject({ ok: true });

    from = await turn('run-bash: touch denied.txt');
    await waitFor('the turn to end', () => status().state === 'idle' && changes.slice(from).some((c) => c.state === 'idle'), 20_000);
    expect(changes.slice(from).map((c) => c.state)).not.toContain('approval');
    expect(existsSync(join(work, 'denied.txt'))).toBe(false);
    expect(existsSync(join(work, 'other.txt'))).toBe(false);
  }, 120_000);
});
