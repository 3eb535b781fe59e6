import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/config/types.js';
import { findOption } from '../../src/detect/answer.js';
import { SessionManager } from '../../src/session/manager.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';

const SIM = join(ROOT, 'dist', 'demo', 'simulated-claude.js');
let manager: SessionManager | null = null;
afterEach(async () => {
  await manager?.dispose(300);
  manager = null;
});

async function waitingBuild() {
  manager = new SessionManager([{ name: 'build', argv: [process.execPath, SIM, 'build', '--speed', '0.2'], cwd: tempDir(), env: {}, kind: 'claude' }], {
    settings: DEFAULT_SETTINGS,
    runDir: null,
  });
  manager.startAll(() => ({ cols: 100, rows: 34 }));
  const m = manager;
  return { m, prompt: (await waitFor('approval', () => m.statuses[0]!.prompt, 8000))! };
}

describe('answering re-reads the live screen first', () => {
  it('sends the option’s keys when the prompt on screen is the one shown', async () => {
    const { m, prompt } = await waitingBuild();
    expect(await m.answer('build', prompt, findOption(prompt, 'yes')!)).toEqual({ ok: true, option: 'Yes' });
    await waitFor('the agent goes on', () => m.statuses[0]!.state === 'working', 3000);
  });

  it('sends nothing when the prompt differs from what was shown', async () => {
    const { m, prompt } = await waitingBuild();
    const stale = { ...prompt, subject: { tool: 'Bash', command: 'rm -rf /' } };
    expect(await m.answer('build', stale, 0)).toEqual({ ok: false, reason: 'the prompt changed since it was shown' });
    await new Promise((r) => setTimeout(r, 300));
    expect(m.statuses[0]!.state).toBe('approval');
    expect(m.agents[0]!.snapshot().lines.join('\n')).not.toContain('(No output)');
  });

  it('sends nothing when the prompt is gone', async () => {
    const { m, prompt } = await waitingBuild();
    m.write('build', '3');
    await waitFor('idle after no', () => m.statuses[0]!.state === 'idle', 3000);
    expect(await m.answer('build', prompt, 0)).toEqual({ ok: false, reason: 'the prompt is no longer on screen' });
  });
});
