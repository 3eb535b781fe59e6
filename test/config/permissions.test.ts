import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRule, printRule, type Rule } from '../../src/lib/rules.js';
import { runCli, tempDir } from '../helpers/cli.js';

describe('permission rules in Claude Code’s syntax', () => {
  it('prints every rule form from its parsed value', () => {
    const t = (r: string) => printRule(parseRule(r) as Rule, '/work/app');
    expect(t('Bash(npm test)')).toBe('Bash(npm test)');
    expect(t('Bash(npm run lint:*)')).toBe('Bash(npm run lint:*)');
    expect(t('Edit(src/**)')).toBe('Edit(src/**)');
    expect(t('Edit(./src/**)')).toBe('Edit(src/**)');
    expect(t('Write(test/**)')).toBe('Write(test/**)');
    expect(t('Edit(/src/**)')).toBe('Edit(//work/app/src/**)'); // the agent's directory, not the settings file's
    expect(t('Edit(//etc/**)')).toBe('Edit(//etc/**)');
    expect(t('Read(~/.config/**)')).toBe('Read(~/.config/**)');
    expect(t('WebFetch(domain:docs.example.com)')).toBe('WebFetch(domain:docs.example.com)');
    expect(t('WebSearch')).toBe('WebSearch');
    expect(t('Bash(*)')).toBe('Bash');
    expect(t('mcp__notes__add_note')).toBe('mcp__notes__add_note');
    // Printed, then parsed again: the same rule.
    for (const r of ['Bash(git * main)', 'Edit(/src/**)', 'Read(~/.config/**)', 'WebFetch(domain:*.example.com)', 'mcp__notes']) {
      const once = parseRule(r) as Rule;
      const again = parseRule(printRule(once, '/work/app')) as Rule;
      expect({ ...again, text: '' }, r).toEqual({ ...once, text: '', ...(once.match === 'path' && once.anchored && once.base === 'agent' ? { glob: 'work/app/src/**', base: 'root' } : {}) });
    }
  });

  it('refuses what it cannot read, saying why', () => {
    expect(parseRule('Frobnicate(x)')).toEqual({ error: 'cannot read "Frobnicate(x)": unknown tool Frobnicate (expected Bash, Edit, Write, Read, WebFetch, … or mcp__server__tool)' });
    expect(parseRule('WebFetch(https://x.com)')).toEqual({ error: 'cannot read "WebFetch(https://x.com)": WebFetch takes domain:<host>' });
    expect(parseRule('Bash()')).toEqual({ error: 'cannot read "Bash()": empty specifier' });
    expect(parseRule('rm -rf')).toEqual({ error: 'cannot read "rm -rf": expected Tool or Tool(specifier)' });
  });

  it('a rule it cannot read stops agentmux at start-up, naming the field', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'agentmux.json'), JSON.stringify({ permissions: { allow: ['Bash(npm test)'] }, agents: [{ name: 'c', command: 'claude', permissions: { deny: ['Frobnicate(x)'] } }] }));
    const r = await runCli([], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim()).toBe(
      `agentmux: ${join(dir, 'agentmux.json')}: agents[0].permissions.deny[0]: cannot read "Frobnicate(x)": unknown tool Frobnicate (expected Bash, Edit, Write, Read, WebFetch, … or mcp__server__tool)`,
    );
    writeFileSync(join(dir, 'agentmux.json'), JSON.stringify({ agents: [{ name: 's', command: 'aider', permissions: { allow: ['Bash(ls)', 'bash(ls)'] } }] }));
    const aider = await runCli([], { cwd: dir });
    expect(aider.exitCode).toBe(2);
    expect(aider.stderr.trim()).toMatch(/: agents\[0\]\.permissions\.allow\[1\]: cannot read "bash\(ls\)": unknown tool bash \(expected Bash, Edit, Write, Read, WebFetch, … or mcp__server__tool\)$/);
    writeFileSync(join(dir, 'agentmux.json'), JSON.stringify({ agents: [{ name: 's', command: 'bash', permissionMode: 'plan' }] }));
    const mode = await runCli([], { cwd: dir });
    expect(mode.stderr.trim()).toMatch(/: agents\[0\]\.permissionMode: is Claude Code's own setting \(this agent is shell\)$/);
  });
});
