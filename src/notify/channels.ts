import type { NotifySettings } from '../config/notify-settings.js';
import { runCommand } from './command.js';
import { desktopProblem, sendDesktop } from './desktop.js';
import { alertBytes, terminalProtocol } from './terminal-alert.js';
import type { Notification } from './types.js';

/** Where a channel sends from: the settings, the environment and agentmux's own terminal. */
export interface ChannelContext {
  settings: NotifySettings;
  env: NodeJS.ProcessEnv;
  /** The terminals alerts go to (every attached client's), each with its own environment: its protocol is its own. */
  terminal: { isTTY: boolean; targets: () => readonly AlertTarget[] };
}

export interface AlertTarget {
  /** The terminal's environment (TERM, TERM_PROGRAM, TMUX, …): which alert it speaks. */
  env: NodeJS.ProcessEnv;
  write: (bytes: string) => void;
}

/**
 * One way a notification reaches the user. The notifier and `agentmux notify --test` both go
 * through the list below: a new channel is one entry (and its config).
 */
export interface Channel {
  readonly name: string;
  /** Its name in reports, with what it sends by (the terminal's protocol). */
  label(ctx: ChannelContext): string;
  /** Why it sends nothing in this config (`off in the config`), or null when it is on. */
  off(ctx: ChannelContext): string | null;
  /** Why it cannot work in this environment, or null when it can. */
  problem(ctx: ChannelContext): string | null;
  /** The line the dashboard shows, once, when it cannot work here. */
  problemNotice(problem: string): string;
  /** The line the dashboard shows, once, when a send failed. */
  failureNotice(error: string): string;
  /** Sends; resolves with what went wrong, or null. */
  send(n: Notification, ctx: ChannelContext): Promise<string | null>;
}

const terminal: Channel = {
  name: 'terminal',
  label: (ctx) => {
    const protocol = terminalProtocol(ctx.settings, ctx.env);
    return protocol ? `terminal (${protocol}${ctx.env.TMUX ? ', through tmux' : ''})` : 'terminal';
  },
  off: (ctx) => (terminalProtocol(ctx.settings, ctx.env) ? null : 'off in the config'),
  problem: (ctx) => (ctx.terminal.isTTY ? null : 'standard output is not a terminal'),
  problemNotice: (problem) => `terminal alerts off: ${problem}`,
  failureNotice: (error) => `terminal alert failed: ${error}`,
  send: async (n, ctx) => {
    for (const t of ctx.terminal.targets()) {
      const protocol = terminalProtocol(ctx.settings, t.env);
      // A digest is words to read: a bell alone would only say "look" every few minutes.
      if (protocol && !(n.event === 'digest' && protocol === 'bell')) t.write(alertBytes(n, protocol, { sound: ctx.settings.sound, inTmux: Boolean(t.env.TMUX) }));
    }
    return null;
  },
};

const desktop: Channel = {
  name: 'desktop',
  label: () => 'desktop',
  off: (ctx) => (ctx.settings.desktop ? null : 'off in the config'),
  problem: (ctx) => desktopProblem(ctx.env),
  problemNotice: (problem) => `desktop notifications off: ${problem}; terminal alerts still on`,
  failureNotice: (error) => `desktop notification failed: ${error}`,
  send: (n, ctx) => sendDesktop(n, ctx.settings.sound),
};

const command: Channel = {
  name: 'command',
  label: () => 'command',
  off: (ctx) => (ctx.settings.command ? null : 'none configured (notify.command)'),
  problem: () => null,
  problemNotice: (problem) => problem,
  failureNotice: (error) => error,
  send: (n, ctx) => runCommand(ctx.settings.command!, n, ctx.settings.commandTimeoutMs),
};

/** Every channel, in the order they are tried and reported. */
export const CHANNELS: readonly Channel[] = [terminal, desktop, command];
