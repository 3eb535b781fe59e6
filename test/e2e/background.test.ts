import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

killTmuxAfterEach();

function terminal(opts: { cols: number; rows: number; cwd: string; env?: Record<string, string>; runtimeDir?: string }): Tmux {
  const t = new Tmux(opts.runtimeDir ? { runtimeDir: opts.runtimeDir } : {});
  t.start(opts);
  return t;
}

// Prints its history (more than is kept as full rows) and a marker, then waits at a shell:
// "agents that print markers".
const AGENT = (name: string) =>
  `${name}="bash --norc --noprofile -c 'echo ${name}-first-words; for i in \\$(seq 1 1000); do echo ${name}-line-\\$i; done; echo MARK-${name}; exec bash --norc --noprofile'"`;

describe('agents outlive the terminal: detach, attach from anywhere (issue 16)', () => {
  it('the terminal killed, the agents go on; a new terminal attaches and sees their screens and history; kill ends them', async () => {
    const dir = tempDir();
    const state = tempDir();
    const first = terminal({ cols: 160, rows: 48, cwd: dir, env: { XDG_STATE_HOME: state } });
    first.typeLine(`node ${BIN} -s work --agent ${AGENT('alpha')} --agent ${AGENT('beta')}`);
    await waitFor('both markers', () => /MARK-alpha/.test(first.capture()) && /MARK-beta/.test(first.capture()), 15_000);
    const agentPids = () => Tmux.processesWithMarker(first.marker).filter((p) => p.cmd === 'bash --norc --noprofile');
    await waitFor('both agents at their shells', () => agentPids().length === 2);
    const before = agentPids().map((p) => p.pid);

    // The terminal disappears (a closed window, a dropped ssh connection).
    first.closeTerminal();
    await waitFor('the client gone', () => !Tmux.processesWithMarker(first.marker).some((p) => p.cmd.includes('agentmux.js -s work')));
    expect(agentPids().map((p) => p.pid)).toEqual(before);

    const list = JSON.parse(first.agentmux(['ls', '--json'])) as { name: string; state: string; agents: number; clients: number; dir: string }[];
    expect(list).toEqual([expect.objectContaining({ name: 'work', state: 'running', agents: 2, clients: 0, dir })]);

    // Another terminal, later: attach shows the agents' screens at once, and their history.
    const second = terminal({ cols: 160, rows: 48, cwd: tempDir(), runtimeDir: first.runtimeDir, env: { XDG_STATE_HOME: state } });
    second.typeLine(`node ${BIN} attach`);
    await waitFor('the markers again', () => /MARK-alpha/.test(second.capture()) && /MARK-beta/.test(second.capture()));
    second.key('1');
    await waitFor('alpha focused', () => second.capture().includes('every key goes to the agent'));
    second.key('PageUp');
    await waitFor('its history', () => /alpha-line-(\d+)/.test(second.capture()) && !second.capture().includes('MARK-alpha'));
    // Its oldest line, kept as text rather than as terminal cells, is found and shown.
    second.key('/');
    for (const ch of 'first') second.key(ch);
    second.key('Enter');
    await waitFor('its first line', () => second.capture().includes('alpha-first-words') && /\x1b\[7m(\x1b\[\d+m)*first/.test(second.capture(true)));
    second.key('Escape');
    await waitFor('back to the live screen', () => second.capture().includes('MARK-alpha'));
    second.key('C-]');
    await waitFor('the dashboard', () => second.capture().includes('1-9 focus'));

    expect(second.agentmux(['kill', 'work'])).toBe('work: ended\n');
    await waitFor('no agent left', () => agentPids().length === 0, 10_000);
    await waitFor('the shell back', () => second.capture().trimEnd().endsWith('$'));
    expect(second.agentmux(['ls'])).toBe('no sessions\n');
  });

  it('two clients at once, each its own size and selection: an approval answered in one leaves the other', async () => {
    const dir = tempDir();
    const state = tempDir();
    const big = terminal({ cols: 200, rows: 50, cwd: dir, env: { XDG_STATE_HOME: state } });
    big.typeLine(`node ${BIN} demo --speed 0.3`);
    await waitFor('edit waiting', () => /2 edit\s+approval/.test(big.capture()), 15_000);
    // The server has no terminal, yet the dashboard keeps its colours: the state word in yellow.
    expect(big.capture(true)).toMatch(/2 edit\s+(\x1b\[[0-9;]*m)*\x1b\[33m(\x1b\[[0-9;]*m)*approval/);
    const small = terminal({ cols: 80, rows: 24, cwd: dir, runtimeDir: big.runtimeDir, env: { XDG_STATE_HOME: state } });
    small.typeLine(`node ${BIN} attach demo`);
    await waitFor('edit waiting, small', () => /2 edit\s+approval/.test(small.capture()));
    for (const t of [big, small]) for (const l of t.capture().split('\n')) expect(l.length).toBeLessThanOrEqual(t === big ? 200 : 80);

    const status = JSON.parse(big.agentmux(['ls', '--json']))[0];
    expect(status).toMatchObject({ name: 'demo', state: 'running', agents: 4, clients: 2 });

    // The small one selects edit and answers; the big one's selection stays where it was.
    small.key('j');
    await waitFor('edit selected, small', () => small.capture().includes('Do you want to make this edit'));
    small.key('y');
    await waitFor('edit at work, both', () => !/2 edit\s+approval/.test(small.capture()) && !/2 edit\s+approval/.test(big.capture()), 10_000);
    expect(big.capture()).toMatch(/› 1 build/);

    // q then d: this client leaves, the other stays, the agents go on.
    small.key('q');
    await waitFor('the question', () => small.capture().includes('Quit and end them? y yes · d detach · n no'));
    small.key('d');
    await waitFor('detached', () => small.capture().includes('agentmux: detached from demo (agentmux attach demo to come back)'));
    await waitFor('one client', () => JSON.parse(big.agentmux(['ls', '--json']))[0].clients === 1);
    big.key('q');
    await waitFor('the question, big', () => big.capture().includes('Quit and end them?'));
    big.key('y');
    await waitFor('no process left', () => Tmux.processesWithMarker(big.marker).filter((p) => !p.cmd.startsWith('bash --rcfile')).length === 0, 10_000);
    expect(big.agentmux(['ls', '--json'])).toBe('[]\n');
  });

  it('while detached, approvals by rule go on and events flow; attaching says what happened; bad names get one line', async () => {
    const dir = tempDir();
    const state = tempDir();
    // Asks, as aider does, about `npm test` once the file `go` exists: a prompt that comes while nobody is attached.
    writeFileSync(
      join(dir, 'agent.sh'),
      `echo READY\nwhile [ ! -e go ]; do sleep 0.1; done\nprintf '\\nnpm test\\nRun shell command? (Y)es/(N)o/(D)on'"'"'t ask again [Yes]: '\nread a\necho "got $a"\nexec sleep 600\n`,
    );
    writeFileSync(
      join(dir, 'agentmux.json'),
      JSON.stringify({
        permissions: { allow: ['Bash(npm test)'] },
        agents: [{ name: 'tests', kind: 'aider', command: ['bash', join(dir, 'agent.sh')] }],
      }),
    );
    const t = terminal({ cols: 160, rows: 48, cwd: dir, env: { XDG_STATE_HOME: state } });
    t.typeLine(`node ${BIN} -s away`);
    await waitFor('the agent', () => t.capture().includes('READY'), 15_000);
    t.key('q');
    await waitFor('the question', () => t.capture().includes('Quit and end it?'));
    t.key('d');
    await waitFor('detached', () => t.capture().includes('detached from away'));

    // Found by name and by default; unknown names are one line each.
    const fail = (args: string[]) => {
      try {
        t.agentmux(args);
        return null;
      } catch (err) {
        const e = err as { status: number; stderr: Buffer };
        return { code: e.status, stderr: e.stderr.toString() };
      }
    };
    expect(fail(['attach', 'api'])).toEqual({ code: 1, stderr: 'agentmux: no session named api; running: away\n' });
    expect(fail(['kill', 'api'])).toEqual({ code: 1, stderr: 'agentmux: no session named api; running: away\n' });
    expect(fail(['resume', 'away'])).toEqual({ code: 1, stderr: 'agentmux: session away is running: agentmux attach away\n' });

    // A script follows the session's events; the agent asks while nobody is attached, and a rule answers.
    let events = '';
    const follower = spawn(process.execPath, [BIN, 'events'], { env: { ...process.env, XDG_RUNTIME_DIR: t.runtimeDir } });
    follower.stdout.on('data', (d: Buffer) => (events += d.toString()));
    await waitFor('the follower connected', () => JSON.parse(t.agentmux(['ls', '--json']))[0].followers === 1);
    writeFileSync(join(dir, 'go'), '');
    await waitFor('the approval line', () => events.includes('"decision":"approved"'), 10_000);
    const approval = JSON.parse(events.split('\n').find((l) => l.includes('"decision":"approved"'))!);
    expect(approval).toMatchObject({ v: 1, event: 'approval', agent: 'tests', rule: 'Bash(npm test)' });
    for (const l of events.split('\n').filter(Boolean)) expect(JSON.parse(l).v).toBe(1);

    // Starting it again attaches, and says the flags given then were not applied.
    t.typeLine(`node ${BIN} -s away --agent other=bash`);
    await waitFor('the summary', () => t.capture().includes('while detached: 1 approval by rule'));
    await waitFor('the flags not applied', () => t.capture().includes('while detached: 1 approval by rule · --agent not applied: session away'), 5000).catch((e) => {
      throw new Error(`${(e as Error).message}: ${t.capture()}`);
    });
    expect(t.capture()).toContain('got y');
    t.key('q');
    t.key('y');
    await waitFor('ended', () => t.agentmux(['ls']) === 'no sessions\n', 10_000);
    // The follower ends with the session.
    await waitFor('the follower ended', () => follower.exitCode === 0);
  });

  it('two starts of one session at the same moment end in one session with both attached', async () => {
    const dir = tempDir();
    const state = tempDir();
    const a = terminal({ cols: 120, rows: 40, cwd: dir, env: { XDG_STATE_HOME: state } });
    const b = terminal({ cols: 120, rows: 40, cwd: dir, runtimeDir: a.runtimeDir, env: { XDG_STATE_HOME: state } });
    const line = `node ${BIN} -s race --agent ${AGENT('one')}`;
    a.typeLine(line);
    b.typeLine(line);
    await waitFor('both attached', () => a.capture().includes('MARK-one') && b.capture().includes('MARK-one'), 15_000);
    await waitFor('one session, two clients', () => {
      const list = JSON.parse(a.agentmux(['ls', '--json'])) as { name: string; clients: number }[];
      return list.length === 1 && list[0]!.clients === 2;
    });
    const servers = [...Tmux.processesWithMarker(a.marker), ...Tmux.processesWithMarker(b.marker)].filter((p) => p.cmd.includes('__serve'));
    expect(servers).toHaveLength(1);
    a.agentmux(['kill', 'race']);
  });
});
