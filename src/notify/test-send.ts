import { runCommand } from './command.js';
import { desktopProblem, sendDesktop } from './desktop.js';
import { alertBytes, terminalProtocol } from './terminal-alert.js';
import type { Notification } from './types.js';
import type { NotifySettings } from '../config/notify-settings.js';

export interface ChannelResult {
  channel: string;
  ok: boolean;
  detail: string;
}

const TEST: Notification = { event: 'test', agent: 'agentmux', state: 'approval', prev: 'working', title: 'agentmux test', body: 'Notifications reach you here.' };

/** `agentmux notify --test`: one test notification through every configured channel, and what happened. */
export async function testChannels(settings: NotifySettings, env: NodeJS.ProcessEnv, terminal: { isTTY: boolean; write: (s: string) => void }): Promise<ChannelResult[]> {
  const results: ChannelResult[] = [];
  const protocol = terminalProtocol(settings, env);
  if (!protocol) results.push({ channel: 'terminal', ok: true, detail: 'off in the config' });
  else if (!terminal.isTTY) results.push({ channel: `terminal (${protocol})`, ok: false, detail: 'not sent: standard output is not a terminal' });
  else {
    terminal.write(alertBytes(TEST, protocol, { sound: settings.sound, inTmux: Boolean(env.TMUX) }));
    results.push({ channel: `terminal (${protocol}${env.TMUX ? ', through tmux' : ''})`, ok: true, detail: 'sent' });
  }
  if (!settings.desktop) results.push({ channel: 'desktop', ok: true, detail: 'off in the config' });
  else {
    const problem = desktopProblem(env);
    const err = problem ?? (await sendDesktop(TEST, settings.sound));
    results.push({ channel: 'desktop', ok: !err, detail: err ? `not sent: ${err}` : 'sent' });
  }
  if (settings.command) {
    const err = await runCommand(settings.command, TEST, settings.commandTimeoutMs);
    results.push({ channel: 'command', ok: !err, detail: err ? `not sent: ${err}` : 'sent' });
  } else results.push({ channel: 'command', ok: true, detail: 'none configured (notify.command)' });
  return results;
}
