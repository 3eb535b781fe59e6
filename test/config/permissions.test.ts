import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toClaudeRule } from '../../src/config/permissions.js';
import { runCli, tempDir } from '../helpers/cli.js';

describe('permission rules in Claude Code’s syntax', () => {
  it('translates every rule form', () => {
    const t = (r: string) => toClaudeRule(r, '/work/app');
    expect(t('Bash(npm test)')).toEqual({ rule: 'Bash(npm test)' });
    expect(t('Bash(npm run lint:*)')).toEqual({ rule: 'Bash(npm run lint:*)' });
    expect(t('Edit(src/**)')).toEqual({ rule: 'Edit(src/**)' });
    expect(t('Write(test/**)')).toEqual({ rule: 'Write(test/**)' });
    expect(t('Edit(/src/**)')).toEqual({ rule: 'Edit(//work/app/src/**)' }); // the agent's directory, not the settings file's
    expect(t('Read(~/.config/**)')).toEqual({ rule: 'Read(~/.config/**)' });
    expect(t('WebFetch(domain:docs.example.com)')).toEqual({ rule: 'WebFetch(domain:docs.example.com)' });
    expect(t('WebSearch')).toEqual({ rule: 'WebSearch' });
    expect(t('mcp__notes__add_note')).toEqual({ rule: 'mcp__notes__add_note' });
  });

  it('refuses what it cannot translate, saying why', () => {
    expect(toClaudeRule('Frobnicate(x)', '/w')).toEqual({ error: 'cannot translate "Frobnicate(x)": unknown Claude Code tool Frobnicate' });
    expect(toClaudeRule('WebFetch(https://x.com)', '/w')).toEqual({ error: 'cannot translate "WebFetch(https://x.com)": WebFetch takes domain:<host>' });
    expect(toClaudeRule('Bash()', '/w')).toEqual({ error: 'cannot translate "Bash()": empty specifier' });
    expect(toClaudeRule('rm -rf', '/w')).toEqual({ error: 'cannot translate "rm -rf": expected Tool or Tool(specifier)' });
  });

  it('an untranslatable rule stops agentmux at start-up, naming the field', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'agentmux.json'), JSON.stringify({ permissions: { allow: ['Bash(npm test)'] }, agents: [{ name: 'c', command: 'claude', permissions: { deny: ['Frobnicate(x)'] } }] }));
    const r = await runCli([], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim()).toBe(`agentmux: ${join(dir, 'agentmux.json')}: agents[0].permissions.deny[0]: cannot translate "Frobnicate(x)": unknown Claude Code tool Frobnicate`);
    writeFileSync(join(dir, 'agentmux.json'), JSON.stringify({ agents: [{ name: 's', command: 'aider', permissions: { allow: ['Bash(ls)', 'bash(ls)'] } }] }));
    const aider = await runCli([], { cwd: dir });
    expect(aider.exitCode).toBe(2);
    expect(aider.stderr.trim()).toMatch(/: agents\[0\]\.permissions\.allow\[1\]: cannot read "bash\(ls\)": unknown tool bash \(expected Bash, Edit, Write, Read, WebFetch, … or mcp__server__tool\)$/);
    writeFileSync(join(dir, 'agentmux.json'), JSON.stringify({ agents: [{ name: 's', command: 'bash', permissionMode: 'plan' }] }));
    const mode = await runCli([], { cwd: dir });
    expect(mode.stderr.trim()).toMatch(/: agents\[0\]\.permissionMode: is Claude Code's own setting \(this agent is shell\)$/);
  });
});
