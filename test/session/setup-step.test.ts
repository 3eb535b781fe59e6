import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentSpec } from '../../src/model/agent.js';
import type { ExitInfo } from '../../src/model/status.js';
import { AgentSession } from '../../src/session/agent-session.js';
import { tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';

const sessions: AgentSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose(500)));
});

function session(setup: string, done: string, cwd = tempDir()) {
  const spec: AgentSpec = { name: 't', argv: ['sh', '-c', 'echo agent here; touch agent.ran'], cwd, env: {}, kind: 'shell', setup: { line: setup, argv: ['sh', '-c', setup], done } };
  const s = new AgentSession(spec, { cols: 60, rows: 10, scrollback: 100, transcriptPath: null });
  sessions.push(s);
  let exit: ExitInfo | null = null;
  s.onExit((e) => (exit = e));
  s.start();
  return { s, cwd, exited: () => exit, screen: () => s.snapshot().lines.join('\n') };
}

describe("the worktree setup step, in the agent's PTY", () => {
  it('runs before the agent, in the same pane, and is noted so a later start skips it', async () => {
    const done = join(tempDir(), 'setup-done');
    const a = session('echo installing; sleep 0.2', done);
    await waitFor('the setup phase', () => a.s.phase === 'setup');
    await waitFor('the agent', () => a.exited());
    expect(a.exited()).toEqual({ code: 0 });
    expect(a.screen()).toMatch(/agentmux: worktree\.setup: echo installing; sleep 0\.2\ninstalling\nagentmux: worktree\.setup done\nagent here/);
    expect(existsSync(done)).toBe(true);

    const b = session('echo installing again', done, a.cwd);
    await waitFor('the agent', () => b.exited());
    expect(b.screen()).not.toContain('installing again');
    expect(b.screen()).toContain('agent here');
  });

  it('a failed setup says so and never starts the agent', async () => {
    const done = join(tempDir(), 'setup-done');
    const a = session('echo npm ERR; exit 4', done);
    await waitFor('the exit', () => a.exited());
    expect(a.exited()).toEqual({ code: 4, setup: true });
    expect(a.screen()).toContain('npm ERR\nagentmux: worktree.setup failed (exit 4)\nt was not started: r retries');
    expect(existsSync(join(a.cwd, 'agent.ran'))).toBe(false);
    expect(existsSync(done)).toBe(false);
  });
});
