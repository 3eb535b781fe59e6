import { checkUniqueNames, findConfigFile, loadConfigFile, parseAgentFlag } from './config/load.js';
import { ConfigError, DEFAULT_SETTINGS, type ResolvedConfig, type Settings } from './config/types.js';
import type { AgentSpec } from './model/agent.js';
import { findProgram } from './lib/find-program.js';

export interface AgentFlags {
  config?: string;
  agent?: string[];
  /** Run the --agent agents in their own git worktrees. */
  isolate?: boolean;
}

/** Thrown when the default `claude` agent cannot start: one line, exit 1. */
export class MissingClaudeError extends Error {
  readonly exitCode = 1;
  constructor() {
    super('Claude Code (`claude`) is not on PATH: install it with `npm install -g @anthropic-ai/claude-code`, or run `agentmux demo`, which needs no agent.');
  }
}

/**
 * Decides which agents run: the config file (given, or found in the current directory or
 * XDG config), plus `--agent` flags; `--agent` alone replaces a found config's agents.
 * With neither, one `claude` agent in the current directory.
 */
export function resolveAgents(flags: AgentFlags, cwd: string, env: NodeJS.ProcessEnv): ResolvedConfig {
  const adhoc = (flags.agent ?? []).map((a) => ({ ...parseAgentFlag(a, cwd, env), ...(flags.isolate ? { isolate: true } : {}) }));
  const file = flags.config ?? (adhoc.length ? null : findConfigFile(cwd, env));
  const fromFile = file ? loadConfigFile(file, env) : null;
  const agents: AgentSpec[] = [...(fromFile?.agents ?? []), ...adhoc];
  checkUniqueNames(agents, (i) => new ConfigError(`--agent: duplicate name ${JSON.stringify(agents[i]!.name)}`));
  if (agents.length === 0) {
    if (!findProgram('claude', cwd, env.PATH)) throw new MissingClaudeError();
    agents.push({ name: 'claude', argv: ['claude'], cwd, env: {}, kind: 'claude' });
  }
  return { file, agents, settings: fromFile?.settings ?? DEFAULT_SETTINGS };
}

/** The settings of the config in force (given or found), or the defaults: for commands that start no agent. */
export function resolveSettings(flags: AgentFlags, cwd: string, env: NodeJS.ProcessEnv): Settings {
  const file = flags.config ?? findConfigFile(cwd, env);
  return file ? loadConfigFile(file, env).settings : DEFAULT_SETTINGS;
}

/**
 * Gives every agent marked `isolate` its git worktree (made or reused) and runs it there, in
 * the same subdirectory it was given. Any problem is one line naming the agent; the worktrees
 * made before it stay (they are reused next time).
 */
export async function isolateAgents(config: ResolvedConfig): Promise<ResolvedConfig> {
  const { isolateSpec } = await import('./git/isolate.js');
  const agents: AgentSpec[] = [];
  for (const a of config.agents) {
    try {
      agents.push(await isolateSpec(a, config.settings.worktreeDir, config.settings.worktree));
    } catch (err) {
      throw new ConfigError(`${a.name}: ${(err as Error).message}`);
    }
  }
  return { ...config, agents };
}
