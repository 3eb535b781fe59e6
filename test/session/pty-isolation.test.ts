import { readdirSync, readlinkSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentSpec } from '../../src/model/agent.js';
import { AgentSession } from '../../src/session/agent-session.js';
import { tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';

const sessions: AgentSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose(500)));
});

function start(name: string): AgentSession {
  const spec: AgentSpec = { name, argv: ['sleep', '30'], cwd: tempDir(), env: {}, kind: 'shell' };
  const s = new AgentSession(spec, { cols: 40, rows: 8, scrollback: 100, transcriptPath: null });
  sessions.push(s);
  s.start();
  return s;
}

/** What a process's descriptors point at. */
const descriptors = (pid: number) =>
  readdirSync(`/proc/${pid}/fd`).map((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      return '';
    }
  });

describe('agents are isolated from each other (issue 14.1)', () => {
  it.skipIf(process.platform !== 'linux')('a new agent holds no other agent’s terminal: no PTY master is inherited', async () => {
    const agents = ['a', 'b', 'c', 'd'].map(start);
    // Running its own program: between fork and exec a child still holds all of agentmux's descriptors.
    const execd = (pid: number | null) => {
      try {
        return pid !== null && readlinkSync(`/proc/${pid}/exe`).endsWith('/sleep');
      } catch {
        return false;
      }
    };
    await waitFor('every agent running', () => agents.every((s) => execd(s.pid)));
    for (const s of agents) {
      const fds = descriptors(s.pid!);
      // Its own terminal (the slave) on 0-2, and never a master: /dev/ptmx is how a master shows.
      expect(
        fds.filter((f) => f === '/dev/ptmx'),
        `agent ${s.name}: ${fds.join(' ')}`,
      ).toEqual([]);
      expect(fds.filter((f) => f.startsWith('/dev/pts/')).length).toBeGreaterThan(0);
      expect(new Set(fds.filter((f) => f.startsWith('/dev/pts/'))).size).toBe(1);
    }
  });
});
