import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/config/types.js';
import { parseRuleSet } from '../../src/lib/rules.js';
import type { RuleSet } from '../../src/model/rule.js';
import { type Manifest, readManifest, resumeConfig, storedSpec, withResume, writeManifest } from '../../src/server/manifest.js';
import { tempDir } from '../helpers/cli.js';

function manifest(runDir: string): Manifest {
  const rules = parseRuleSet({ allow: ['Bash(npm test)'], deny: ['Edit(/secrets/**)'] }) as RuleSet;
  return {
    v: 1,
    session: 'api',
    dir: '/w',
    runDir,
    pid: 1,
    started: new Date(0).toISOString(),
    settings: DEFAULT_SETTINGS,
    agents: [
      { spec: storedSpec({ name: 'cc', argv: ['claude', '--model', 'x'], cwd: '/w', env: {}, kind: 'claude', prompt: 'fix the tests', rules }), claudeSession: 'abc-123' },
      { spec: storedSpec({ name: 'sh', argv: ['bash'], cwd: '/w/sub', env: { A: '1' }, kind: 'shell' }) },
      { spec: storedSpec({ name: 'gone', argv: ['bash'], cwd: '/w', env: {}, kind: 'shell' }), ended: true },
    ],
  };
}

describe('the run manifest and resume', () => {
  it('is written whole (no temporary file left) and read back as written', () => {
    const dir = tempDir();
    writeManifest(manifest(dir));
    expect(readdirSync(dir)).toEqual(['manifest.json']);
    expect(readManifest(join(dir, 'manifest.json'))).toEqual(manifest(dir));
  });

  it('resumes what the user did not end: Claude continues its conversation, no first task again, rules parsed again', () => {
    const config = resumeConfig(manifest('/r'), '/r/manifest.json');
    expect(config.agents.map((a) => a.name)).toEqual(['cc', 'sh']);
    const cc = config.agents[0]!;
    expect(cc.argv).toEqual(['claude', '--resume', 'abc-123', '--model', 'x']);
    expect(cc.prompt).toBeUndefined();
    expect(cc.rules?.allow[0]).toMatchObject({ tool: 'Bash', match: 'command', command: 'npm test' });
    expect(config.agents[1]).toMatchObject({ argv: ['bash'], cwd: '/w/sub', env: { A: '1' } });
    expect(resumeConfig({ ...manifest('/r'), ended: true }, '/r/manifest.json').agents).toEqual([]);
  });

  it('resumes a session an earlier agentmux recorded with the settings it did not know at their defaults', () => {
    const { title: _, ...older } = DEFAULT_SETTINGS;
    const { alert: __, ...events } = DEFAULT_SETTINGS.notify.events;
    const m = { ...manifest('/r'), settings: { ...older, stallAfterMs: 5000, notify: { ...DEFAULT_SETTINGS.notify, events } } } as unknown as Manifest;
    const { settings } = resumeConfig(m, '/r/manifest.json');
    expect(settings.title).toBe(true);
    expect(settings.notify.events.alert).toBe(true);
    expect(settings.stallAfterMs).toBe(5000);
  });

  it('replaces a --resume or --continue the command already had', () => {
    expect(withResume(['claude', '--continue', '--resume', 'old', '-r', 'older', '--resume=x', '--verbose'], 'new')).toEqual(['claude', '--resume', 'new', '--verbose']);
  });

  it('names the file it cannot read, in one line', () => {
    const dir = tempDir();
    const path = join(dir, 'manifest.json');
    expect(() => readManifest(path)).toThrow(`cannot read the manifest ${path}: ENOENT`);
    writeFileSync(path, '{"v":1,');
    expect(() => readManifest(path)).toThrow(`cannot read the manifest ${path}: not valid JSON`);
    writeFileSync(path, JSON.stringify({ v: 2, session: 'x' }));
    expect(() => readManifest(path)).toThrow(/not an agentmux manifest/);
  });
});
