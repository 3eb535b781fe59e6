import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

/** Writes `text` as agentmux.json in a fresh directory and runs the built CLI there. */
async function withConfig(text: string, args: string[] = []) {
  const dir = tempDir();
  writeFileSync(join(dir, 'agentmux.json'), text);
  const result = await runCli(args, { cwd: dir });
  return { ...result, dir };
}

function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, `expected one line, got: ${stderr}`).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  return lines[0]!;
}

describe('config errors from the built CLI', () => {
  it('names line and column of a JSON syntax error', async () => {
    const r = await withConfig('{\n  "agents": [\n    { "name": "a", "command": "bash", }\n  ]\n}\n');
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/agentmux\.json: line 3, column 39: invalid JSON/);
  });

  it('rejects an empty agent list', async () => {
    const r = await withConfig('{ "agents": [] }');
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/agentmux\.json: agents: must list at least one agent$/);
  });

  it('rejects duplicate names, naming both entries', async () => {
    const r = await withConfig(
      JSON.stringify({
        agents: [
          { name: 'api', command: 'bash' },
          { name: 'api', command: 'sh' },
        ],
      }),
    );
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/agents\[1\]\.name: duplicate name "api" \(also agents\[0\]\)$/);
  });

  it('rejects a cwd that does not exist', async () => {
    const r = await withConfig(JSON.stringify({ agents: [{ name: 'api', command: 'bash', cwd: 'nope/here' }] }));
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/agents\[0\]\.cwd: directory ".*nope\/here" does not exist$/);
  });

  it('rejects an unknown kind and lists the known ones', async () => {
    const r = await withConfig(JSON.stringify({ agents: [{ name: 'api', command: 'bash', kind: 'cursor' }] }));
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/agents\[0\]\.kind: unknown kind "cursor" \(expected one of claude, codex, gemini, aider, shell\)$/);
  });

  it('rejects an unknown field (a typo must not be ignored)', async () => {
    const r = await withConfig(JSON.stringify({ agents: [{ name: 'api', comand: 'bash' }] }));
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/agents\[0\]\.comand: unknown field "comand"$/);
    const missing = await withConfig(JSON.stringify({ agents: [{ name: 'api' }] }));
    expect(oneLine(missing.stderr)).toMatch(/agents\[0\]\.command: is required$/);
  });

  it('rejects a wrong type and says what it got', async () => {
    const r = await withConfig(JSON.stringify({ agents: [{ name: 'api', command: 'bash', env: { A: 1 } }] }));
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/agents\[0\]\.env\.A: must be a string, got a number$/);
  });

  it('rejects a stallAfter that is not a duration', async () => {
    const r = await withConfig(JSON.stringify({ agents: [{ name: 'api', command: 'bash' }], stallAfter: 'soon' }));
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/agentmux\.json: stallAfter: must be a duration of at least 1s and at most a week, such as "3m", "90s" or 180$/);
  });

  it('rejects a bad agent name', async () => {
    const r = await withConfig(JSON.stringify({ agents: [{ name: '../x', command: 'bash' }] }));
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/agents\[0\]\.name: must be 1-32 letters/);
  });

  it('names a --config file that does not exist', async () => {
    const dir = tempDir();
    const r = await runCli(['--config', join(dir, 'missing.json')], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr)).toBe(`agentmux: ${join(dir, 'missing.json')}: no such file`);
  });

  it('uses $XDG_CONFIG_HOME/agentmux/config.json when the directory has none', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'xdg', 'agentmux'), { recursive: true });
    writeFileSync(join(dir, 'xdg', 'agentmux', 'config.json'), '{"agents": 3}');
    const r = await runCli([], { cwd: dir, env: { XDG_CONFIG_HOME: join(dir, 'xdg') } });
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/xdg\/agentmux\/config\.json: agents: must be an array, got a number$/);
  });

  it('rejects a malformed --agent flag', async () => {
    const r = await runCli(['--agent', 'no-equals-sign']);
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/--agent "no-equals-sign": expected <name>=<command>/);
  });

  it('rejects an unknown flag in one line', async () => {
    const r = await runCli(['--frobnicate']);
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/unknown option '--frobnicate'/);
  });

  it('explains how to get Claude Code when it is not on PATH', async () => {
    const r = await runCli([], { env: { PATH: '/nonexistent' } });
    expect(r.exitCode).toBe(1);
    const line = oneLine(r.stderr);
    expect(line).toMatch(/npm install -g @anthropic-ai\/claude-code/);
    expect(line).toMatch(/agentmux demo/);
  });

  it('a valid config gets as far as needing a terminal', async () => {
    const r = await withConfig(JSON.stringify({ agents: [{ name: 'sh', command: ['bash', '-l'] }] }));
    expect(oneLine(r.stderr)).toMatch(/needs an interactive terminal/);
    expect(r.exitCode).toBe(2);
  });

  it('prints its version and help with examples', async () => {
    const v = await runCli(['--version']);
    expect(v.exitCode).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const h = await runCli(['--help']);
    expect(h.exitCode).toBe(0);
    expect(h.stdout).toMatch(/Examples:/);
    expect(h.stdout).toMatch(/--agent <name=command>/);
    expect(h.stdout).toMatch(/demo/);
  });
});
