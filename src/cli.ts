import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { resolveAgents, type AgentFlags } from './agents.js';
import { EventsLog } from './events/events-log.js';
import type { ResolvedConfig } from './config/types.js';
import { runCleanups } from './cleanup.js';
import { makeDirectory } from './session/make-dir.js';
import { createRunDir } from './session/transcript.js';
import { version } from './version.js';

const EXAMPLES = `
Examples:
  agentmux                                   one claude agent in this directory (or the agents in ./agentmux.json)
  agentmux demo                              four simulated agents: no Claude Code needed
  agentmux --agent api=claude --agent web=claude
  agentmux --agent tests="npm test -- --watch" --agent sh=bash
  agentmux --config ~/work/agents.json
  agentmux notify --test                     check that notifications reach you

Config: ./agentmux.json, then $XDG_CONFIG_HOME/agentmux/config.json (see the README).
Transcripts: $XDG_STATE_HOME/agentmux/runs/<run-id>/<agent>.log`;

/** One line on stderr, then the exit code: the shape of every user-facing error. */
function fail(message: string, code: number): number {
  process.stderr.write(`agentmux: ${message}\n`);
  return code;
}

function parseSpeed(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

interface CommonFlags {
  events?: string;
  record?: string;
}

async function dashboard(config: ResolvedConfig, flags: CommonFlags): Promise<number> {
  // Flags are checked first: a bad one is named whatever the terminal.
  const events = flags.events ? new EventsLog(flags.events) : undefined;
  if (flags.record) makeDirectory(resolve(flags.record), '--record');
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    return fail('the dashboard needs an interactive terminal (stdin and stdout must be a TTY)', 2);
  }
  const runDir = createRunDir();
  if (config.agents.some((a) => a.isolate)) {
    const { isolateAgents } = await import('./agents.js');
    config = await isolateAgents(config);
  }
  const { runDashboard } = await import('./tui/run.js');
  return runDashboard(config, { runDir, ...(events ? { events } : {}), ...(flags.record ? { recordDir: resolve(flags.record) } : {}) });
}

function userError(err: unknown): { message: string; exitCode: number } | null {
  if (err instanceof Error && typeof (err as { exitCode?: unknown }).exitCode === 'number') {
    return { message: err.message, exitCode: (err as unknown as { exitCode: number }).exitCode };
  }
  return null;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('agentmux')
    .description('Run many coding agents at once from one terminal, and see at a glance which one needs you.')
    .version(version(), '-V, --version')
    .option('-c, --config <file>', 'read agents from this config file')
    .option('--events <file>', 'append one JSON line per agent state change to <file>')
    .option('--record <dir>', "record each agent's raw output with timestamps into <dir>/<agent>.jsonl (for test fixtures)")
    .option('--isolate', 'run the --agent agents each in its own git worktree (branch agentmux/<name>)')
    .option('-a, --agent <name=command>', 'add an agent running <command> in the current directory (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`agentmux: ${str.replace(/^error: /, '').trim()}\n`) })
    .action(async (flags: AgentFlags & CommonFlags) => {
      exitCode = await dashboard(resolveAgents(flags, process.cwd(), process.env), flags);
    });
  program
    .command('notify')
    .description('check notifications: send a test through every configured channel')
    .requiredOption('--test', 'send a test notification and say which channels worked')
    .action(async () => {
      const { resolveSettings } = await import('./agents.js');
      const { testChannels } = await import('./notify/test-send.js');
      const settings = resolveSettings(program.opts<AgentFlags>(), process.cwd(), process.env);
      const results = await testChannels({ settings: settings.notify, env: process.env, terminal: { isTTY: Boolean(process.stdout.isTTY), write: (s) => process.stdout.write(s) } });
      for (const r of results) process.stdout.write(`${r.channel}: ${r.detail}\n`);
      exitCode = results.every((r) => r.ok) ? 0 : 1;
    });
  const worktrees = program.command('worktrees').description("list agentmux's git worktrees in this repository, with their state");
  worktrees.action(async () => {
    const { worktreesCommand } = await import('./git/cli.js');
    exitCode = await worktreesCommand(process.cwd(), false, (s) => process.stdout.write(s));
  });
  worktrees
    .command('prune')
    .description('remove the worktrees (and branches) whose branch was merged and that hold no uncommitted work')
    .action(async () => {
      const { worktreesCommand } = await import('./git/cli.js');
      exitCode = await worktreesCommand(process.cwd(), true, (s) => process.stdout.write(s));
    });
  program
    .command('demo')
    .description('show every agent state with four simulated Claude Code agents (no Claude Code needed)')
    .option('--speed <factor>', "multiply the simulated agents' delays (0.5 = twice as fast)", parseSpeed)
    .action(async (opts: { speed?: number }) => {
      const { demoAgents } = await import('./demo-agents.js');
      exitCode = await dashboard(demoAgents(process.cwd(), opts.speed), program.opts<CommonFlags>());
    });
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const known = userError(err);
    if (known) return fail(known.message, known.exitCode);
    throw err;
  }
  return exitCode;
}

/** Entry point for bin/agentmux.js: never a stack trace for a user's mistake; an internal error is one line plus where the details went. */
export function run(argv: string[]): void {
  // process.exit runs the dashboard's exit handler: terminal restored, children signalled.
  const crash = (err: unknown) => {
    runCleanups();
    process.stderr.write(`agentmux: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.AGENTMUX_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  main(argv).then((code) => process.exit(code), crash);
}
