import { closeSync, writeSync } from 'node:fs';
import { isolateAgents, resolveAgents, type AgentFlags } from './agents.js';
import type { ResolvedConfig } from './config/types.js';
import { oneLine } from './config/quote.js';
import { openOutputs, type Outputs } from './outputs.js';
import { SessionHost } from './server/host.js';
import { readManifest, resumeConfig, writeManifest } from './server/manifest.js';
import { SessionRunning } from './server/paths.js';
import { SessionServer } from './server/server.js';
import chalk from 'chalk';
import { colorLevel } from './tui/color.js';
import { version } from './version.js';
import { agentSize, computeLayout, longestName } from './tui/layout.js';

/** What the launching command hands the server it starts (as JSON, its one argument). */
export interface ServeSpec {
  session: string;
  socket: string;
  runDir: string;
  /** The launching terminal's size: the agents start at the size its panes give them. */
  cols: number;
  rows: number;
  cwd: string;
  flags: AgentFlags & { events?: string; record?: string };
  /** `agentmux demo`: its speed factor. */
  demo?: { speed?: number };
  /** `agentmux resume`: the manifest of the session to carry on. */
  resume?: string;
}

/** The server tells the command that started it how the start went on this descriptor, then closes it. */
const READY_FD = 3;

function report(line: string): void {
  try {
    writeSync(READY_FD, `${line}\n`);
    closeSync(READY_FD);
  } catch {
    // the launcher is gone: nobody to tell
  }
}

const EXIT_SIGNALS: ReadonlyArray<[NodeJS.Signals, number]> = [
  ['SIGTERM', 143],
  ['SIGHUP', 129],
  ['SIGINT', 130],
];

async function loadConfig(spec: ServeSpec): Promise<{ config: ResolvedConfig; claudeSessions?: Map<string, string> }> {
  if (spec.resume) {
    const m = readManifest(spec.resume);
    const config = resumeConfig(m, spec.resume);
    const claudeSessions = new Map(m.agents.flatMap((a) => (a.claudeSession ? [[a.spec.name, a.claudeSession] as [string, string]] : [])));
    // The old run now points at this one: it is no longer listed as resumable.
    writeManifest({ ...m, resumedBy: spec.runDir });
    return { config, claudeSessions };
  }
  let config: ResolvedConfig;
  if (spec.demo) {
    const { demoAgents } = await import('./demo-agents.js');
    config = demoAgents(spec.cwd, spec.demo.speed);
  } else {
    config = resolveAgents(spec.flags, spec.cwd, process.env);
  }
  if (config.agents.some((a) => a.isolate)) config = await isolateAgents(config);
  return { config };
}

/**
 * The session's server process: started in the background by `agentmux` (its own session, no
 * terminal, output to the run directory's server.log), it hosts the agents until the session
 * ends. Resolves with its exit code.
 */
export async function serve(spec: ServeSpec): Promise<number> {
  let outputs: Outputs | null = null;
  let server: SessionServer;
  // The server has no terminal: the dashboard's colours are the ones of the terminal it was started from.
  chalk.level = colorLevel(process.env, true);
  try {
    outputs = openOutputs(spec.flags);
    const { config, claudeSessions } = await loadConfig(spec);
    const host = await SessionHost.create(config, {
      session: spec.session,
      version: version(),
      runDir: spec.runDir,
      ...(outputs.events ? { events: outputs.events } : {}),
      ...(outputs.recordDir ? { recordDir: outputs.recordDir } : {}),
      ...(claudeSessions ? { claudeSessions } : {}),
    });
    const layout = computeLayout(spec.cols, spec.rows, host.manager.agents.length, longestName(host.manager));
    server = new SessionServer(host, spec.socket, layout.kind === 'dashboard' ? agentSize(layout) : { cols: 80, rows: 24 });
    try {
      await server.listen();
    } catch (err) {
      await host.stop(false);
      throw err;
    }
    // A signal to the server (a shutdown, a reboot) ends the agents but leaves the session resumable.
    for (const [sig, code] of EXIT_SIGNALS) process.on(sig, () => void server.stop(false, code, 'ended'));
    process.on('SIGUSR1', () => void server.relisten());
  } catch (err) {
    outputs?.undo();
    if (err instanceof SessionRunning) {
      report('running');
      return 1;
    }
    const code = typeof (err as { exitCode?: unknown }).exitCode === 'number' ? (err as { exitCode: number }).exitCode : 1;
    report(`error ${code} ${oneLine((err as Error).message)}`);
    if (code === 1 && !(err as { exitCode?: unknown }).exitCode) process.stderr.write(`${(err as Error).stack}\n`);
    return code;
  }
  report('ready');
  return server.done;
}
