import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { processAlive } from '../../src/session/process-group.js';
import { carriesToken, markedProcesses, markRun, newRunToken, RUN_VAR, sweepRun } from '../../src/session/run-marker.js';
import { waitFor } from '../helpers/poll.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** A real process with `runs` as its run marker (none: unmarked), ignoring SIGHUP when asked. */
function start(runs: string | null, script = 'exec sleep 100'): number {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env[RUN_VAR];
  if (runs !== null) env[RUN_VAR] = runs;
  const c = spawn('sh', ['-c', script], { env, stdio: 'ignore' });
  children.push(c);
  return c.pid!;
}

const execd = (pid: number, what: string) => waitFor(`${what} running`, () => readFileSync(`/proc/${pid}/cmdline`, 'latin1').startsWith('sleep'));

describe('the run marker', () => {
  it('adds the run to the runs an environment already belongs to, once', () => {
    const outer = newRunToken();
    const inner = newRunToken();
    expect(markRun({ PATH: '/bin' }, outer)).toEqual({ PATH: '/bin', [RUN_VAR]: outer });
    expect(markRun({ [RUN_VAR]: outer }, inner)[RUN_VAR]).toBe(`${outer},${inner}`);
    expect(markRun({ [RUN_VAR]: `${outer},${inner}` }, inner)[RUN_VAR]).toBe(`${outer},${inner}`);
    // Whatever else the variable held is not a run of ours.
    expect(markRun({ [RUN_VAR]: 'x,,1' }, inner)[RUN_VAR]).toBe(inner);
  });

  it('is read back exactly: a token, not a part of one or of another variable', () => {
    const t = newRunToken();
    expect(carriesToken(`A=1\0${RUN_VAR}=${t}\0B=2\0`, t)).toBe(true);
    expect(carriesToken(`${RUN_VAR}=${newRunToken()},${t}\0`, t)).toBe(true);
    expect(carriesToken(`${RUN_VAR}=${t}0\0`, t)).toBe(false);
    expect(carriesToken(`X${RUN_VAR}=${t}\0`, t)).toBe(false);
    expect(carriesToken(`OTHER=${t}\0`, t)).toBe(false);
    expect(carriesToken(`${RUN_VAR}=\0`, '')).toBe(false);
  });

  it('finds the live marked processes, not zombies, not the unmarked, not the spared', async () => {
    const t = newRunToken();
    // The background child exits and is never reaped: a zombie with the marker.
    const parent = start(t, 'sh -c "exit 0" & exec sleep 100');
    const other = start(t);
    start(newRunToken());
    start(null);
    await execd(parent, 'the parent');
    await execd(other, 'the other');
    const zombie = await waitFor('the zombie', () =>
      readdirSync('/proc')
        .filter((e) => /^\d+$/.test(e))
        .find((e) => {
          try {
            const stat = readFileSync(`/proc/${e}/stat`, 'latin1');
            const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
            return f[0] === 'Z' && Number(f[1]) === parent;
          } catch {
            return false;
          }
        }),
    );
    expect(Number(zombie)).toBeGreaterThan(0);
    expect(markedProcesses(t).sort()).toEqual([parent, other].sort());
    expect(markedProcesses(t, [other])).toEqual([parent]);
  });

  it('sweeps: SIGHUP, then SIGKILL for what ignores it, and nothing without the marker', async () => {
    const t = newRunToken();
    const polite = start(t);
    const stubborn = start(`${newRunToken()},${t}`, "trap '' HUP; exec sleep 100");
    const spared = start(t);
    const stranger = start(newRunToken(), "trap '' HUP; exec sleep 100");
    const unmarked = start(null);
    for (const pid of [polite, stubborn, spared, stranger, unmarked]) await execd(pid, String(pid));
    const began = Date.now();
    await sweepRun(t, [spared], 300);
    expect(processAlive(polite)).toBe(false);
    expect(processAlive(stubborn)).toBe(false);
    expect(Date.now() - began).toBeGreaterThanOrEqual(300);
    expect([spared, stranger, unmarked].map(processAlive)).toEqual([true, true, true]);
  });
});
