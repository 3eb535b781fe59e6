import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/config/types.js';
import type { AgentSpec } from '../../src/model/agent.js';
import { HookChannel } from '../../src/hooks/channel.js';
import { SessionManager, type ManagerOptions } from '../../src/session/manager.js';
import type { StateChange } from '../../src/model/status.js';
import { tempDir } from '../helpers/cli.js';
import { canUnshareNet, ensureClaude } from './install.js';

// The real Claude Code CLI, offline: own network namespace with loopback only, a mock Messages
// API inside it, a throwaway HOME, and every variable of the safe config (see offline-claude.sh:
// CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL=1 among them).
const OFFLINE = resolve(import.meta.dirname, 'offline-claude.sh');

let managers: SessionManager[] = [];
let channels: HookChannel[] = [];
let disposers: (() => void)[] = [];

/** Ends every agent, channel and helper a test started (call once per test file). */
export function cleanUpAfterEach(): void {
  afterEach(async () => {
    for (const d of disposers) d();
    await Promise.all(managers.map((m) => m.dispose(500)));
    for (const c of channels) c.close();
    managers = [];
    channels = [];
    disposers = [];
  });
}

/** Runs `dispose` after the test. */
export function afterTest(dispose: () => void): void {
  disposers.push(dispose);
}

const netProblem = await canUnshareNet();

/** The pinned CLI for a version, installed once before the tests of a block, or why it cannot be had. */
export function installedClaude(version: string): () => { bin: string } | { skip: string } {
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
export function offlineSetup(bin: string): { work: string; wrapper: string; mockLog: string } {
  const work = tempDir('agentmux-cc-work-');
  const home = tempDir('agentmux-cc-home-');
  mkdirSync(join(home, '.claude'), { recursive: true });
  const wrapper = join(tempDir('agentmux-cc-bin-'), 'claude');
  writeFileSync(wrapper, `#!/bin/sh\nexec '${OFFLINE}' '${bin}' '${work}' '${home}' '${join(home, 'mock.log')}' "$@"\n`, { mode: 0o755 });
  return { work, wrapper, mockLog: join(home, 'mock.log') };
}

/** A listening hook channel, closed after the test. */
export async function openChannel(): Promise<HookChannel> {
  const hooks = new HookChannel();
  await hooks.listen();
  channels.push(hooks);
  return hooks;
}

/** Starts one agent `cc` under a manager (ended after the test), recording its state changes. */
export function startAgent(spec: AgentSpec, options: Partial<ManagerOptions> = {}) {
  const manager = new SessionManager([spec], { settings: DEFAULT_SETTINGS, runDir: null, ...options });
  managers.push(manager);
  const changes: StateChange[] = [];
  manager.onStateChange((c) => changes.push(c));
  manager.startAll(() => ({ cols: 120, rows: 40 }));
  return { manager, changes, status: () => manager.statuses[0]!, screen: () => manager.agents[0]!.snapshot().lines.join('\n') };
}
