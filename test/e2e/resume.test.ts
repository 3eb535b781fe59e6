import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
killTmuxAfterEach();

describe('agentmux resume after the server is gone (issue 16)', () => {
  it('kill -9 of the server: ls says resumable; resume reruns what the user did not end, where it ran, without its first task', async () => {
    const dir = tempDir();
    const sub = join(dir, 'sub');
    const state = tempDir();
    mkdirSync(sub);
    writeFileSync(
      join(dir, 'agentmux.json'),
      JSON.stringify({
        agents: [
          { name: 'keep', command: 'bash --norc --noprofile', cwd: 'sub', prompt: 'echo first-$((6*7))' },
          { name: 'drop', command: 'bash --norc --noprofile' },
        ],
      }),
    );
    tmux = new Tmux();
    tmux.start({ cols: 160, rows: 48, cwd: dir, env: { XDG_STATE_HOME: state } });
    const env = { XDG_STATE_HOME: state };
    tmux.typeLine(`node ${BIN} -s proj`);
    await waitFor('the first task done', () => tmux!.capture().includes('first-42'), 15_000);
    // x ends drop (the user's choice): it is not resumed.
    tmux.key('j');
    tmux.key('x');
    await waitFor('the kill question', () => tmux!.capture().includes('End drop and every process it started?'));
    tmux.key('y');
    await waitFor('drop exited', () => /2 drop\s+exited/.test(tmux!.capture()));
    const runs = readdirSync(join(state, 'agentmux', 'runs'));
    expect(runs).toHaveLength(1);
    await waitFor('drop ended in the manifest', () => readFileSync(join(state, 'agentmux', 'runs', runs[0]!, 'manifest.json'), 'utf8').includes('"ended": true'));

    // The server dies without a word (a crash, a reboot): the watchdog ends its agents.
    const server = tmux.processes().find((p) => p.cmd.includes('__serve'))!;
    process.kill(server.pid, 'SIGKILL');
    await waitFor('the agents gone', () => !tmux!.processes().some((p) => p.cmd === 'bash --norc --noprofile'), 10_000);
    const listed = JSON.parse(tmux.agentmux(['ls', '--json'], env)) as { name: string; state: string; agents: number }[];
    expect(listed).toEqual([expect.objectContaining({ name: 'proj', state: 'resumable', agents: 1 })]);

    tmux.typeLine(`clear; node ${BIN} resume proj`);
    await waitFor('keep back, alone', () => /1 keep\s+(idle|working|starting)/.test(tmux!.capture()) && !tmux!.capture().includes('drop'), 15_000);
    // Where it ran; its first task not typed again.
    tmux.key('1');
    await waitFor('focused', () => tmux!.capture().includes('every key goes to the agent'));
    for (const k of 'pwd') tmux.key(k);
    tmux.key('Enter');
    await waitFor('its directory', () => tmux!.capture().includes(sub));
    const newRun = readdirSync(join(state, 'agentmux', 'runs')).find((r) => r !== runs[0])!;
    expect(readFileSync(join(state, 'agentmux', 'runs', newRun, 'keep.log'), 'utf8')).not.toContain('first-');
    // The old run points at the new one: no longer resumable, nor is the running one.
    expect(JSON.parse(readFileSync(join(state, 'agentmux', 'runs', runs[0]!, 'manifest.json'), 'utf8')).resumedBy).toBe(join(state, 'agentmux', 'runs', newRun));
    expect(JSON.parse(tmux.agentmux(['ls', '--json'], env))).toEqual([expect.objectContaining({ name: 'proj', state: 'running', agents: 1 })]);
    tmux.agentmux(['kill', 'proj'], env);
    // Ended by the user: nothing to resume, and a manifest that cannot be read is named.
    await waitFor('gone', () => tmux!.agentmux(['ls'], env) === 'no sessions\n', 10_000);
    writeFileSync(join(state, 'agentmux', 'runs', newRun, 'manifest.json'), '{ broken');
    let err = '';
    try {
      tmux.agentmux(['resume', 'proj'], env);
    } catch (e) {
      err = (e as { stderr: Buffer }).stderr.toString();
    }
    expect(err).toBe(`agentmux: no session named proj to resume; cannot read the manifest ${join(state, 'agentmux', 'runs', newRun, 'manifest.json')}: not valid JSON\n`);
  });
});
