import { plainText } from './sanitize.js';
import type { Notification } from './types.js';
import type { NotifySettings } from '../config/notify-settings.js';

export type AlertProtocol = 'bell' | 'osc9' | 'osc777' | 'osc99';

/** The alert the outer terminal understands, from what it says about itself. */
export function pickProtocol(env: NodeJS.ProcessEnv): AlertProtocol {
  const program = env.TERM_PROGRAM ?? '';
  const term = env.TERM ?? '';
  if (env.KITTY_WINDOW_ID || term === 'xterm-kitty') return 'osc99';
  if (['iTerm.app', 'WezTerm', 'ghostty'].includes(program) || env.WT_SESSION || term === 'xterm-ghostty') return 'osc9';
  if (term.startsWith('foot') || term.startsWith('rxvt') || env.VTE_VERSION) return 'osc777';
  return 'bell';
}

const BEL = '\x07';

/** Wraps a sequence so tmux passes it through to the terminal it runs in (ESC doubled inside). */
export function tmuxPassthrough(seq: string): string {
  return `\x1bPtmux;${seq.replace(/\x1b/g, '\x1b\x1b')}\x1b\\`;
}

/**
 * The bytes of one terminal alert. Agent text is stripped of control characters first, and ';'
 * (a field separator in OSC 777) is replaced, so nothing an agent printed can end the sequence
 * or start another.
 */
export function alertBytes(n: Notification, protocol: AlertProtocol, opts: { sound: boolean; inTmux: boolean }): string {
  const title = plainText(n.title, 100).replace(/;/g, ',');
  const body = plainText(n.body, 160).replace(/;/g, ',');
  let seq: string;
  switch (protocol) {
    case 'bell':
      return BEL;
    case 'osc9':
      seq = `\x1b]9;${title}: ${body}${BEL}`;
      break;
    case 'osc777':
      seq = `\x1b]777;notify;${title};${body}${BEL}`;
      break;
    case 'osc99':
      seq = `\x1b]99;;${title}: ${body}\x1b\\`;
      break;
  }
  return (opts.inTmux ? tmuxPassthrough(seq) : seq) + (opts.sound ? BEL : '');
}

/** The protocol in force for these settings, or null when terminal alerts are off. */
export function terminalProtocol(settings: Pick<NotifySettings, 'terminal'>, env: NodeJS.ProcessEnv): AlertProtocol | null {
  if (settings.terminal === 'off') return null;
  return settings.terminal === 'auto' ? pickProtocol(env) : settings.terminal;
}
