import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { resolveAgents, type AgentFlags } from './agents.js';
import { oneLine } from './config/quote.js';
import { ConfigError, type ResolvedConfig } from './config/types.js';
import { runCleanups } from './cleanup.js';
import { openOutputs } from './outputs.js';
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

/**
 * One line on stderr, then the exit code: the shape of every user-facing error. The message may
 * quote what the user gave (a file name, a flag): whatever a terminal would act on is escaped.
 */
function fail(message: string, code: number): number {
  process.stderr.write(`agentmux: ${oneLine(message)}\n`);
  return code;
}

/** The demo's speed factor: its delays and stall time stay within what timers take. */
const SPEED = { min: 0.1, max: 100 };

function parseSpeed(value: string): number {
  // Plain decimals only: Number() would also take "0x10", "1e1" and "".
  const n = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(value) ? Number(value) : NaN;
  if (!(n >= SPEED.min && n <= SPEED.max)) throw new InvalidArgumentError(`must be a number from ${SPEED.min} to ${SPEED.max}`);
  return n;
}

/**
 * The value of a flag naming a file or directory: something, without a NUL, and not the next
 * flag (`--events --record x` would otherwise log to a file named "--record").
 */
function parsePath(value: string): string {
  if (!value.trim()) throw new InvalidArgumentError('needs a path');
  if (value.includes('\0')) throw new InvalidArgumentError('must not contain a NUL character');
  if (value.startsWith('-')) throw new InvalidArgumentError(`looks like a flag, not a path (for a file of that name, write ./${value})`);
  return value;
}

interface CommonFlags {
  events?: string;
  record?: string;
}

async function dashboard(config: ResolvedConfig, flags: CommonFlags): Promise<number> {
  // Flags are checked first: a bad one is named whatever the terminal. A run refused before the
  // dashboard starts leaves nothing behind: no events file, no --record or run directory.
  const outputs = openOutputs(flags);
  let runDir: string;
  try {
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      throw new ConfigError('the dashboard needs an interactive terminal (stdin and stdout must be a TTY)');
    }
    if (config.agents.some((a) => a.isolate)) {
      const { isolateAgents } = await import('./agents.js');
      config = await isolateAgents(config);
    }
    runDir = createRunDir();
  } catch (err) {
    outputs.undo();
    throw err;
  }
  const { events, recordDir } = outputs;
  const { runDashboard } = await import('./tui/run.js');
  return runDashboard(config, { runDir, ...(events ? { events } : {}), ...(recordDir ? { recordDir } : {}) });
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
    .option('-c, --config <file>', 'read agents from this config file', parsePath)
    .option('--events <file>', 'append one JSON line per agent state change to <file>', parsePath)
    .option('--record <dir>', "record each agent's raw output with timestamps into <dir>/<agent>.jsonl (for test fixtures)", parsePath)
    .option('--isolate', 'run the --agent agents each in its own git worktree (branch agentmux/<name>)')
    .option('-a, --agent <name=command>', 'add an agent running <command> in the current directory (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    // Commander's errors in agentmux's shape: one line (its "Did you mean" joined on), escaped.
    .configureOutput({
      outputError: (str, write) =>
        write(
          `agentmux: ${oneLine(
            str
              .replace(/^error: /, '')
              .trim()
              .replace(/\n(?=\(Did you mean)/g, ' '),
          )}\n`,
        ),
    })
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
    process.stderr.write(`agentmux: internal error: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    if (process.env.AGENTMUX_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  main(argv).then((code) => process.exit(code), crash);
}
