import type { Pty, PtyOptions } from '../../src/session/pty.js';

/**
 * PTYs the test writes the agents' output into (the manager's spawn seam): `emit(agent, data)`
 * delivers data as the agent's PTY would; `started` lists the agents spawned so far.
 */
export function fakePtys() {
  const ptys = new Map<string, (data: string) => void>();
  let pid = 1000;
  const spawn = (o: PtyOptions): Pty => {
    let listener: ((d: Buffer) => void) | null = null;
    ptys.set(o.env.AGENTMUX_AGENT!, (d) => listener?.(Buffer.from(d)));
    return { pid: pid++, onData: (l) => void (listener = l), onExit: () => {}, write: () => {}, resize: () => {}, pause: () => {}, resume: () => {} };
  };
  return { spawn, emit: (agent: string, data: string) => ptys.get(agent)!(data), started: () => [...ptys.keys()] };
}
