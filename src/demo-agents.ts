import { fileURLToPath } from 'node:url';
import { DEFAULT_SETTINGS, type ResolvedConfig } from './config/types.js';
import { DEMO_AGENTS } from './demo/demo-scenarios.js';

/** The built simulated agent program. */
export function simAgentPath(): string {
  return fileURLToPath(new URL('./demo/simulated-claude.js', import.meta.url));
}

/** The agents of `agentmux demo`: simulated Claude Code sessions, each a real program in a PTY. */
export function demoAgents(cwd: string, speed?: number): ResolvedConfig {
  const agents = DEMO_AGENTS.map(({ name, scenario }) => ({
    name,
    argv: [process.execPath, simAgentPath(), scenario, ...(speed !== undefined ? ['--speed', String(speed)] : [])],
    cwd,
    env: {},
    kind: 'claude' as const,
  }));
  // The demo shows every state within a minute: its silent agent counts as stalled after 15 s.
  return { file: null, agents, settings: { ...DEFAULT_SETTINGS, stallAfterMs: Math.round(15_000 * (speed ?? 1)) } };
}
