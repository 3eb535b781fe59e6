import { DEFAULT_SETTINGS, type ResolvedConfig } from './config/types.js';
import { DEMO_AGENTS, simAgentPath } from './demo/scenarios.js';

/** The agents of `agentmux demo`: simulated Claude Code sessions, each a real program in a PTY. */
export function demoAgents(cwd: string, speed?: number): ResolvedConfig {
  const agents = DEMO_AGENTS.map(({ name, scenario }) => ({
    name,
    argv: [process.execPath, simAgentPath(), scenario, ...(speed !== undefined ? ['--speed', String(speed)] : [])],
    cwd,
    env: {},
    kind: 'claude' as const,
  }));
  return { file: null, agents, settings: DEFAULT_SETTINGS };
}
