import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/config/types.js';
import { SessionManager } from '../../src/session/manager.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';

// Logs every read of its input as a JSON line; `b` / `B` turn bracketed paste on / off.
const AGENT = join(ROOT, 'test', 'e2e', 'mode-agent.mjs');
let manager: SessionManager | null = null;
afterEach(async () => {
  await manager?.dispose(300);
  manager = null;
});

async function agent(): Promise<{ m: SessionManager; received: () => string }> {
  const log = join(tempDir(), 'input.jsonl');
  const m = new SessionManager([{ name: 'a', argv: [process.execPath, AGENT, log], cwd: tempDir(), env: {}, kind: 'shell' }], { settings: DEFAULT_SETTINGS, runDir: null });
  manager = m;
  m.startAll(() => ({ cols: 80, rows: 24 }));
  await waitFor('the agent', () => m.agents[0]!.snapshot().lines.some((l) => l.includes('modes ready')), 8000);
  const received = () => {
    try {
      return readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as string)
        .join('');
    } catch {
      return '';
    }
  };
  return { m, received };
}

describe('typing a message of several lines into an agent', () => {
  it('goes as one bracketed paste, then one Enter, when the agent asked for bracketed paste', async () => {
    const { m, received } = await agent();
    m.write('a', 'b');
    await waitFor('bracketed paste on', () => m.agents[0]!.terminal.inputModes().bracketedPaste, 3000);
    // The end marker inside the text would end the paste early: it is left out.
    m.type('a', 'first line\nsecond \x1b[201~line', { paste: true });
    await waitFor('the Enter', () => received().endsWith('\r'), 3000);
    expect(received()).toBe('\x1b[200~first line\nsecond line\x1b[201~\r');
  });

  it('goes as typed when the agent did not ask for bracketed paste', async () => {
    const { m, received } = await agent();
    m.type('a', 'one\ntwo', { paste: true });
    await waitFor('the Enter', () => received().endsWith('\r'), 3000);
    expect(received()).toBe('one\ntwo\r');
  });
});
