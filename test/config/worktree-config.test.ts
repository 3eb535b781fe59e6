import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/load.js';
import { tempDir } from '../helpers/cli.js';

function load(config: unknown) {
  const file = join(tempDir(), 'agentmux.json');
  writeFileSync(file, JSON.stringify(config));
  return loadConfigFile(file, { SHELL: '/bin/sh' });
}

describe('config `worktree`', () => {
  it('is read at the top level and per isolated agent', () => {
    const c = load({
      worktree: { copy: ['.env'], setup: 'npm ci' },
      agents: [
        { name: 'a', command: 'bash', isolate: true, worktree: { setup: 'make' } },
        { name: 'b', command: 'bash' },
      ],
    });
    expect(c.settings.worktree).toEqual({ copy: ['.env'], setup: 'npm ci' });
    expect(c.agents[0]!.worktreePrep).toEqual({ setup: 'make' });
    expect(c.agents[1]!.worktreePrep).toBeUndefined();
  });

  it('refuses a broken glob, an empty setup and an unknown field, naming the field', () => {
    expect(() => load({ worktree: { copy: ['.env', 'src/{a'] }, agents: [{ name: 'a', command: 'bash' }] })).toThrow(/: worktree\.copy\[1\]: not a valid glob: "\{" at character 5 is never closed$/);
    expect(() => load({ agents: [{ name: 'a', command: 'bash', isolate: true, worktree: { setup: ' ' } }] })).toThrow(/: agents\[0\]\.worktree\.setup: must not be empty \(leave it out for none\)$/);
    expect(() => load({ worktree: { copies: [] }, agents: [{ name: 'a', command: 'bash' }] })).toThrow(/: worktree\.copies: unknown field "copies"$/);
  });
});
