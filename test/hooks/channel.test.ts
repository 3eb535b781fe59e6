import { statSync } from 'node:fs';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HookChannel, type HookEvent } from '../../src/hooks/channel.js';
import { claudeHookSettings, withSettings } from '../../src/hooks/claude-settings.js';
import { isClaudeProgram } from '../../src/kinds/claude.js';
import { hookSignal } from '../../src/hooks/signals.js';

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

interface Reply {
  status: number;
  body: string;
}

/** Posts as Claude Code's http hook does: the event's JSON as the body, the agent's bearer token. */
function post(target: { url: string } | { socketPath: string }, body: string | object, opts: { token?: string; method?: string; path?: string } = {}): Promise<Reply> {
  const data = typeof body === 'string' ? body : JSON.stringify(body);
  const where = 'url' in target ? { host: new URL(target.url).hostname, port: Number(new URL(target.url).port) } : { socketPath: target.socketPath };
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...where,
        method: opts.method ?? 'POST',
        path: opts.path ?? '/hook',
        headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const call = { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'npm test' } };

describe('hook channel', () => {
  it('listens on loopback only, and on a socket in a private directory', async () => {
    const { c } = await open();
    expect(new URL(c.endpoint('api').url).hostname).toBe('127.0.0.1');
    expect(statSync(c.dir).mode & 0o777).toBe(0o700);
    expect(statSync(c.socketPath).isSocket()).toBe(true);
  });

  it('hears an event posted with the agent’s token, and answers it at once with an empty body', async () => {
    const { c, got } = await open();
    const api = c.endpoint('api');
    const r = await post(api, { hook_event_name: 'PermissionRequest', tool_name: 'Bash', tool_input: { command: 'make build' } }, { token: api.token });
    expect(r).toEqual({ status: 200, body: '' });
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ agent: 'api', event: 'PermissionRequest' });
    expect(hookSignal(got[0]!)).toMatchObject({ state: 'approval', prompt: { subject: { tool: 'Bash', command: 'make build' } } });
  });

  it('hears nothing without a token of this run’s, nor on another path or method', async () => {
    const { c, got } = await open();
    const api = c.endpoint('api');
    expect((await post(api, { hook_event_name: 'Stop' })).status).toBe(401);
    expect((await post(api, { hook_event_name: 'Stop' }, { token: 'f'.repeat(32) })).status).toBe(401);
    expect((await post(api, { hook_event_name: 'Stop' }, { token: api.token, path: '/other' })).status).toBe(404);
    expect((await post(api, '', { token: api.token, method: 'GET' })).status).toBe(404);
    expect(got).toEqual([]);
  });

  it('gives each agent its own token: the token, not the payload, says who speaks', async () => {
    const { c, got } = await open();
    const api = c.endpoint('api');
    const web = c.endpoint('web');
    expect(web.token).not.toBe(api.token);
    expect(c.endpoint('api').token).toBe(api.token);
    await post(web, { hook_event_name: 'Stop', agent: 'api' }, { token: web.token });
    expect(got.map((e) => `${e.agent}:${e.event}`)).toEqual(['web:Stop']);
  });

  it('answers PreToolUse with agentmux’s decision in Claude Code’s format, and an empty body without one', async () => {
    const { c } = await open();
    const api = c.endpoint('api');
    const seen: string[] = [];
    c.setDecider((e) => {
      seen.push(`${e.agent}:${String((e.payload.tool_input as { command: string }).command)}`);
      return { decision: 'allow', reason: 'agentmux: allow rule Bash(npm test)' };
    });
    const allowed = await post(api, call, { token: api.token });
    expect(allowed.status).toBe(200);
    expect(JSON.parse(allowed.body)).toEqual({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', permissionDecisionReason: 'agentmux: allow rule Bash(npm test)' } });
    expect(seen).toEqual(['api:npm test']);
    c.setDecider(() => ({ decision: 'ask', reason: 'agentmux: manual mode' }));
    expect(JSON.parse((await post(api, call, { token: api.token })).body).hookSpecificOutput.permissionDecision).toBe('ask');
    c.setDecider(() => null);
    expect(await post(api, call, { token: api.token })).toEqual({ status: 200, body: '' });
    // A decider that throws still answers: no opinion.
    c.setDecider(() => {
      throw new Error('boom');
    });
    expect(await post(api, call, { token: api.token })).toEqual({ status: 200, body: '' });
  });

  it('garbage and oversized bodies are heard as nothing', async () => {
    const { c, got } = await open();
    const api = c.endpoint('api');
    c.setDecider(() => ({ decision: 'allow', reason: 'x' }));
    expect(await post(api, 'not json', { token: api.token })).toEqual({ status: 200, body: '' });
    expect(await post(api, '[1,2]', { token: api.token })).toEqual({ status: 200, body: '' });
    expect(await post(api, { tool_name: 'Bash' }, { token: api.token })).toEqual({ status: 200, body: '' });
    const big = await post(api, { ...call, pad: 'x'.repeat(2 << 20) }, { token: api.token }).catch(() => ({ status: 413, body: '' }));
    expect(big.status).toBe(413);
    expect(got).toEqual([]);
  });

  it('speaks the same on its Unix socket (for an agent in another network namespace)', async () => {
    const { c, got } = await open();
    const api = c.endpoint('api');
    c.setDecider(() => ({ decision: 'deny', reason: 'agentmux: deny rule' }));
    const r = await post({ socketPath: c.socketPath }, call, { token: api.token });
    expect(JSON.parse(r.body).hookSpecificOutput.permissionDecision).toBe('deny');
    expect(got.map((e) => e.agent)).toEqual(['api']);
  });

  it('once closed, a hook cannot reach it: Claude Code goes on as without agentmux', async () => {
    const { c } = await open();
    const api = c.endpoint('api');
    c.close();
    await expect(post(api, call, { token: api.token })).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('hook settings', () => {
  it('registers an http hook with the agent’s token for every event, and adds --settings only to claude itself', () => {
    const s = claudeHookSettings({ url: 'http://127.0.0.1:4242/hook', token: 'abc' }) as { hooks: Record<string, { hooks: { type: string; url: string; headers: Record<string, string> }[] }[]> };
    for (const e of ['UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'Notification', 'Stop', 'SessionStart', 'SessionEnd']) {
      expect(s.hooks[e]?.[0]?.hooks[0]).toMatchObject({ type: 'http', url: 'http://127.0.0.1:4242/hook', headers: { Authorization: 'Bearer abc' } });
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
