import { spawn } from 'node:child_process';
import type { Notification } from './types.js';

/** The environment `notify.command` runs with. */
export function commandEnv(n: Notification): Record<string, string> {
  return {
    AGENTMUX_AGENT: n.agent,
    AGENTMUX_STATE: n.state,
    AGENTMUX_PREV_STATE: n.prev,
    AGENTMUX_TITLE: n.title,
    AGENTMUX_BODY: n.body,
    AGENTMUX_EVENT: n.event,
  };
}

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)}s`);

/**
 * Runs the user's notification command through the shell, in its own process group so that
 * a timeout ends everything it started. Resolves with a one-line problem, or null on success.
 * Never throws.
 */
export function runCommand(command: string, n: Notification, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...commandEnv(n) } });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()).length > 4096 && (stderr = stderr.slice(0, 4096)));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve(`notify.command could not start: ${err.message}`);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return resolve(`notify.command timed out after ${duration(timeoutMs)} and was killed`);
      if (code === 0) return resolve(null);
      resolve(`notify.command exited with ${code ?? signal}: ${stderr.trim().split('\n')[0] ?? ''}`.trim());
    });
  });
}
