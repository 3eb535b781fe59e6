import { execa } from 'execa';
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { HookChannel, type HookEvent } from '../../src/hooks/channel.js';
import { claudeHookSettings, hookCommandPath, withSettings } from '../../src/hooks/claude-settings.js';
import { isClaudeProgram } from '../../src/kinds/claude.js';
import { hookSignal } from '../../src/hooks/signals.js';
import { waitFor } from '../helpers/poll.js';

let channels: HookChannel[] = [];
afterEach(() => {
  for (const c of channels) c.close();
  channels = [];
});

async function open() {
  const c = new HookChannel();
  await c.listen();
  channels.push(c);
  const got: HookEvent[] = [];
  c.onEvent((e) => got.push(e));
  return { c, got };
}

/** Runs the built hook program as Claude Code would: the event's JSON on stdin. */
function runHook(payload: object, env: Record<string, string>) {
  return execa(process.execPath, [hookCommandPath()], { input: JSON.stringify(payload), env: { PATH: process.env.PATH ?? '', ...env }, extendEnv: false, reject: false });
}

describe('hook channel', () => {
  it('lives in a private directory', async () => {
    const { c } = await open();
    expect(statSync(c.dir).mode & 0o777).toBe(0o700);
  });

  it('receives an event from the real hook program, which prints nothing and exits 0', async () => {
    const { c, got } = await open();
    const r = await runHook({ hook_event_name: 'PermissionRequest', tool_name: 'Bash', tool_input: { command: 'make build' } }, { ...c.env('api'), AGENTMUX_AGENT: 'api' });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    await waitFor('the event', () => got.length === 1);
    expect(got[0]).toMatchObject({ agent: 'api', event: 'PermissionRequest' });
    expect(hookSignal(got[0]!)).toMatchObject({ state: 'approval', prompt: { subject: { tool: 'Bash', command: 'make build' } } });
  });

  it('ignores a message without this run’s token', async () => {
    const { c, got } = await open();
    const r = await runHook({ hook_event_name: 'Stop' }, { AGENTMUX_HOOK_SOCKET: c.socketPath, AGENTMUX_HOOK_TOKEN: 'forged', AGENTMUX_AGENT: 'api' });
    expect(r.exitCode).toBe(0);
    await runHook({ hook_event_name: 'Stop' }, { ...c.env('api'), AGENTMUX_AGENT: 'api' });
    await waitFor('the genuine event', () => got.length >= 1);
    expect(got.map((e) => `${e.agent}:${e.event}`)).toEqual(['api:Stop']);
  });

  it('gives each agent its own token: one agent’s hooks cannot speak for another', async () => {
    const { c, got } = await open();
    // web's token, claiming to be api: dropped.
    await runHook({ hook_event_name: 'PermissionRequest', tool_name: 'Bash', tool_input: { command: 'rm -rf x' } }, { ...c.env('web'), AGENTMUX_AGENT: 'api' });
    await runHook({ hook_event_name: 'Stop' }, { ...c.env('web'), AGENTMUX_AGENT: 'web' });
    await waitFor('the genuine event', () => got.length >= 1);
    expect(got.map((e) => `${e.agent}:${e.event}`)).toEqual(['web:Stop']);
    expect(c.env('api').AGENTMUX_HOOK_TOKEN).not.toBe(c.env('web').AGENTMUX_HOOK_TOKEN);
    expect(c.env('api').AGENTMUX_HOOK_TOKEN).toBe(c.env('api').AGENTMUX_HOOK_TOKEN);
  });

  it('answers PreToolUse with agentmux’s decision in Claude Code’s format, and prints nothing without one', async () => {
    const { c } = await open();
    const env = { ...c.env('api'), AGENTMUX_AGENT: 'api' };
    const call = { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'npm test' } };
    const seen: string[] = [];
    c.setDecider((e) => {
      seen.push(`${e.agent}:${String((e.payload.tool_input as { command: string }).command)}`);
      return { decision: 'allow', reason: 'agentmux: allow rule Bash(npm test)' };
    });
    const allowed = await runHook(call, env);
    expect(allowed.exitCode).toBe(0);
    expect(JSON.parse(allowed.stdout)).toEqual({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', permissionDecisionReason: 'agentmux: allow rule Bash(npm test)' } });
    expect(seen).toEqual(['api:npm test']);
    c.setDecider(() => ({ decision: 'ask', reason: 'agentmux: manual mode' }));
    expect(JSON.parse((await runHook(call, env)).stdout).hookSpecificOutput.permissionDecision).toBe('ask');
    c.setDecider(() => null);
    const none = await runHook(call, env);
    expect(none.stdout).toBe('');
    // A decider that throws still answers: no opinion, nothing printed.
    c.setDecider(() => {
      throw new Error('boom');
    });
    expect((await runHook(call, env)).stdout).toBe('');
  });

  it('a PreToolUse that cannot reach agentmux prints nothing (Claude Code asks as usual)', async () => {
    const { c } = await open();
    c.setDecider(() => ({ decision: 'allow', reason: 'x' }));
    const env = { ...c.env('api'), AGENTMUX_AGENT: 'api' };
    c.close();
    const started = Date.now();
    const r = await runHook({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'npm test' } }, env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('exits 0 at once when agentmux is gone or the input is garbage', async () => {
    const { c } = await open();
    const env = { ...c.env('api'), AGENTMUX_AGENT: 'api' };
    c.close();
    const gone = await runHook({ hook_event_name: 'Stop' }, env);
    expect(gone.exitCode).toBe(0);
    const garbage = await execa(process.execPath, [hookCommandPath()], { input: 'not json', env, reject: false });
    expect(garbage.exitCode).toBe(0);
    // stdin never closed: the deadline still ends it.
    const hung = execa(process.execPath, [hookCommandPath()], { env, reject: false, stdin: 'pipe' });
    expect((await hung).exitCode).toBe(0);
  });
});

describe('hook settings', () => {
  it('registers the hook program for every event and adds --settings only to claude itself', () => {
    const s = claudeHookSettings('cmd') as { hooks: Record<string, { hooks: { command: string }[] }[]> };
    for (const e of ['UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'Notification', 'Stop', 'SessionStart', 'SessionEnd']) {
      expect(s.hooks[e]?.[0]?.hooks[0]?.command).toBe('cmd');
    }
    expect(isClaudeProgram('/usr/local/bin/claude')).toBe(true);
    expect(isClaudeProgram('/bin/sh')).toBe(false);
    expect(withSettings(['claude', '--continue'], '/x.json')).toEqual(['claude', '--settings', '/x.json', '--continue']);
  });

  it('maps events to states', () => {
    const e = (event: string, payload: object = {}) => hookSignal({ agent: 'a', event, payload });
    expect(e('UserPromptSubmit')?.state).toBe('working');
    expect(e('Stop')?.state).toBe('idle');
    expect(e('Notification', { notification_type: 'permission_prompt' })?.state).toBe('approval');
    expect(e('Notification', { notification_type: 'idle_prompt' })?.state).toBe('idle');
    expect(e('SessionStart')).toBeNull();
  });
});
