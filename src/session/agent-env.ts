import type { AgentSpec } from '../model/agent.js';

/** Variables describing the outer terminal: wrong inside an agent's own PTY. */
const OUTER_TERMINAL_VARS = ['TMUX', 'TMUX_PANE', 'TERM_PROGRAM', 'TERM_PROGRAM_VERSION', 'STY', 'WINDOW', 'COLUMNS', 'LINES'];

/**
 * The environment an agent runs with: ours, its own, and the terminal it really has. The run's
 * marker (run-marker.ts) is added by the manager as the agent is spawned.
 */
export function agentEnv(spec: AgentSpec, base: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !OUTER_TERMINAL_VARS.includes(k)) env[k] = v;
  // bin/agentmux.js sets NODE_ENV for itself only.
  if (base.AGENTMUX_NODE_ENV_ADDED) {
    delete env.NODE_ENV;
    delete env.AGENTMUX_NODE_ENV_ADDED;
  }
  Object.assign(env, spec.env);
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  env.AGENTMUX = '1';
  env.AGENTMUX_AGENT = spec.name;
  return env;
}
