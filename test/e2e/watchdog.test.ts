import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { processAlive } from '../../src/session/process-group.js';
import { newRunToken, RUN_VAR } from '../../src/session/run-marker.js';
import { ROOT } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';

const WATCHDOG = join(ROOT, 'dist', 'session', 'watchdog.js');

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** A process ignoring SIGHUP, with `runs` as its run marker (none: unmarked). */
async function stubborn(runs: string | null): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env[RUN_VAR];
  if (runs !== null) env[RUN_VAR] = runs;
  const c = spawn('sh', ['-c', "trap '' HUP; exec sleep 100"], { env, stdio: 'ignore' });
  children.push(c);
  await waitFor('it running', () => readFileSync(`/proc/${c.pid}/cmdline`, 'latin1').startsWith('sleep'));
  return c.pid!;
}

function watchdog(token: string, graceMs = 300) {
  const c = spawn(process.execPath, [WATCHDOG, token, String(graceMs)], { stdio: ['pipe', 'ignore', 'ignore'] });
  children.push(c);
  const exited = new Promise<number | null>((r) => c.on('exit', (code) => r(code)));
  return { c, exited };
}

describe('the watchdog', () => {
  it('told "done", exits at once and ends nothing', async () => {
    const t = newRunToken();
    const marked = await stubborn(t);
    const w = watchdog(t, 60_000);
    w.c.stdin!.end('done\n');
    expect(await w.exited).toBe(0);
    expect(processAlive(marked)).toBe(true);
  });

  it('when its pipe closes unannounced, ends every marked process (SIGKILL after the grace) and only those', async () => {
    const t = newRunToken();
    const marked = await stubborn(t);
    const nested = await stubborn(`${newRunToken()},${t}`);
    const stranger = await stubborn(newRunToken());
    const unmarked = await stubborn(null);
    const w = watchdog(t);
    // What agentmux dying looks like from the watchdog: the other end of its stdin closes.
    w.c.stdin!.destroy();
    expect(await w.exited).toBe(0);
    expect([marked, nested].map(processAlive)).toEqual([false, false]);
    expect([stranger, unmarked].map(processAlive)).toEqual([true, true]);
  });

  it('refuses a token that is not a run token, and ends nothing', async () => {
    const marked = await stubborn('');
    const w = watchdog('');
    w.c.stdin!.destroy();
    expect(await w.exited).toBe(2);
    expect(processAlive(marked)).toBe(true);
  });
});
