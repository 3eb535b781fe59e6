import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { AgentFlags } from './agents.js';
import { oneLine } from './config/quote.js';
import { ConfigError } from './config/types.js';
import { runCleanups } from './lib/cleanup.js';
import { rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ServeSpec } from './serve.js';
import { version } from './version.js';

const EXAMPLES = `
Examples:
  agentmux                                   one claude agent in this directory (or the agents in ./agentmux.json)
  agentmux demo                              four simulated agents: no Claude Code needed
  agentmux --agent api=claude --agent web=claude
  agentmux --agent tests="npm test -- --watch" --agent sh=bash
  agentmux --config ~/work/agents.json
  agentmux notify --test                     check that notifications reach you
  agentmux attach                            come back to the agents after a detach (q, then d)
  agentmux ls                                the sessions running, and those to resume
  agentmux resume                            after a reboot: start the agents again where they were

Config: ./agentmux.json, then $XDG_CONFIG_HOME/agentmux/config.json (see the README).
Transcripts: $XDG_STATE_HOME/agentmux/runs/<run-id>/<agent>.log
Sockets: $XDG_RUNTIME_DIR/agentmux/<session>.sock (else $TMPDIR/agentmux-<uid>/)`;

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
  session?: string;
}

/** The terminal's size, for the agents' first size (the client sends its own once attached). */
function terminalSize(): { cols: number; rows: number } {
  return { cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 };
}

/**
 * `agentmux` and `agentmux demo`: attaches to the session of that name when it runs; otherwise
 * starts the session's server in the background and attaches to it. A bad flag or config is named
 * in one line whatever the terminal; a start refused leaves nothing behind: no events file, no
 * --record or run directory.
 */
async function startOrAttach(flags: AgentFlags & CommonFlags, demo: { speed?: number } | null): Promise<number> {
  const cwd = process.cwd();
  const { checkSessionName, nameFromDir } = await import('./server/paths.js');
  const { sessionSocket, status } = await import('./client/connect.js');
  const name = flags.session !== undefined ? checkSessionName(flags.session) : demo ? 'demo' : nameFromDir(flags.config ? dirname(resolve(cwd, flags.config)) : cwd);
  const socket = sessionSocket(name, true, process.env);
  const { attach } = await import('./client/relay.js');
  if (await status(socket).catch(() => null)) {
    const given = [
      flags.agent?.length ? '--agent' : null,
      flags.config ? '--config' : null,
      flags.isolate ? '--isolate' : null,
      flags.events ? '--events' : null,
      flags.record ? '--record' : null,
    ].filter(Boolean);
    const notice = given.length ? `${given.join(', ')} not applied: session ${name} was already running` : undefined;
    return attach(socket, { name, ...(notice ? { notice } : {}) });
  }
  // In a terminal the server checks the config and flags itself (a problem comes back as its one
  // line): the launcher loads none of that, so the dashboard comes up sooner.
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    if (demo) {
      const { demoAgents } = await import('./demo-agents.js');
      demoAgents(cwd, demo.speed);
    } else {
      const { resolveAgents } = await import('./agents.js');
      resolveAgents(flags, cwd, process.env);
    }
    const { openOutputs } = await import('./outputs.js');
    openOutputs(flags).undo();
    throw new ConfigError('the dashboard needs an interactive terminal (stdin and stdout must be a TTY)');
  }
  return launch({ session: name, socket, cwd, flags: { ...flags, session: undefined } as AgentFlags, ...(demo ? { demo } : {}) }, name);
}

/** Starts a session's server with a run directory of its own, then attaches to it. */
async function launch(spec: Omit<ServeSpec, 'runDir' | 'cols' | 'rows'>, name: string): Promise<number> {
  const { startServer } = await import('./client/launch.js');
  const { attach } = await import('./client/relay.js');
  const { createRunDir } = await import('./session/transcript.js');
  const runDir = createRunDir();
  try {
    await startServer({ runDir, cwd: spec.cwd }, JSON.stringify({ ...spec, runDir, ...terminalSize() }));
  } catch (err) {
    rmSync(runDir, { recursive: true, force: true });
    // Two starts of one session at once: the one that lost attaches to the other's.
    const { SessionRunning } = await import('./server/paths.js');
    if (!(err instanceof SessionRunning)) throw err;
  }
  return attach(spec.socket, { name });
}

/** `agentmux resume [NAME]`: starts again a session whose server is gone. */
async function resume(name: string | undefined): Promise<number> {
  const { checkSessionName, SessionError } = await import('./server/paths.js');
  const { liveSessions, sessionSocket } = await import('./client/connect.js');
  const { resumableSessions } = await import('./client/commands.js');
  if (name !== undefined) checkSessionName(name, 'session');
  const live = await liveSessions();
  if (name !== undefined && live.some((s) => s.name === name)) throw new SessionError(`session ${name} is running: agentmux attach ${name}`);
  const unreadable: string[] = [];
  const options = resumableSessions(new Set(live.map((s) => s.name)), process.env, unreadable);
  const found = name === undefined ? options[0] : options.find((o) => o.manifest.session === name);
  if (!found) {
    const list = options.map((o) => o.manifest.session).join(', ');
    // A manifest that cannot be read may be the one meant: named, not skipped in silence.
    const why = unreadable[0] ? `; ${unreadable[0]}` : '';
    throw new SessionError(`${name === undefined ? 'no session to resume' : `no session named ${name} to resume`}${list ? `; resumable: ${list}` : ''}${why}`);
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new ConfigError('the dashboard needs an interactive terminal (stdin and stdout must be a TTY)');
  const session = found.manifest.session;
  return launch({ session, socket: sessionSocket(session, true), cwd: found.manifest.dir, flags: {}, resume: found.path }, session);
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
    .option('-s, --session <name>', "the session to start or attach to (default: the config file's directory, or this one)")
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
      exitCode = await startOrAttach(flags, null);
    });
  program
    .command('notify')
    .description('check notifications: send a test through every configured channel')
    .requiredOption('--test', 'send a test notification and say which channels worked')
    .action(async () => {
      const { resolveSettings } = await import('./agents.js');
      const { testChannels } = await import('./notify/test-send.js');
      const settings = resolveSettings(program.opts<AgentFlags>(), process.cwd(), process.env);
      const results = await testChannels({
        settings: settings.notify,
        env: process.env,
        terminal: { isTTY: Boolean(process.stdout.isTTY), targets: () => [{ env: process.env, write: (s) => process.stdout.write(s) }] },
      });
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
      exitCode = await startOrAttach(program.opts<AgentFlags & CommonFlags>(), opts.speed !== undefined ? { speed: opts.speed } : {});
    });
  program
    .command('attach [name]')
    .alias('a')
    .description('attach to a running session (with no name, the one used most recently)')
    .action(async (name?: string) => {
      const { connectSession } = await import('./client/connect.js');
      const { attach } = await import('./client/relay.js');
      const found = await connectSession(name);
      exitCode = await attach(found.socket, { name: found.name });
    });
  program
    .command('ls')
    .description('list the sessions: running ones, and those that can be resumed')
    .option('--json', 'print them as JSON, for scripts')
    .action(async (opts: { json?: boolean }) => {
      const { formatRows, sessionRows } = await import('./client/commands.js');
      const rows = await sessionRows();
      process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : formatRows(rows));
    });
  program
    .command('kill [name]')
    .description("end a session's agents and its server (with no name, the one used most recently)")
    .option('--all', 'every running session')
    .action(async (name: string | undefined, opts: { all?: boolean }) => {
      const { killAll, killSession } = await import('./client/commands.js');
      const lines = opts.all ? await killAll() : [await killSession(name)];
      for (const l of lines) process.stdout.write(`${l}\n`);
    });
  program
    .command('resume [name]')
    .description('start again a session whose server is gone (a reboot, a crash): Claude Code agents continue their conversations')
    .action(async (name?: string) => {
      exitCode = await resume(name);
    });
  program
    .command('events [name]')
    .description("print a running session's state changes and approvals as JSON lines, until interrupted")
    .action(async (name?: string) => {
      const { followEvents } = await import('./client/commands.js');
      exitCode = await followEvents(name, (line) => process.stdout.write(line));
    });
  program.command('__serve <spec>', { hidden: true }).action(async (spec: string) => {
    const { serve } = await import('./serve.js');
    exitCode = await serve(JSON.parse(spec) as ServeSpec);
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
