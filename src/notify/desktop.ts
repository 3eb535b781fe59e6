import { findProgram } from '../lib/find-program.js';
import type { Notification } from './types.js';

/**
 * Why desktop notifications cannot work here, or null when they can. On Linux node-notifier
 * runs `notify-send`, and fails silently without it or without a session bus.
 */
export function desktopProblem(env: NodeJS.ProcessEnv, platform = process.platform): string | null {
  if (platform !== 'linux') return null;
  if (!findProgram('notify-send', process.cwd(), env.PATH)) return '`notify-send` not found: install `libnotify-bin`';
  if (!env.DBUS_SESSION_BUS_ADDRESS && !env.XDG_RUNTIME_DIR) return 'no session bus (DBUS_SESSION_BUS_ADDRESS is not set)';
  return null;
}

/**
 * Shows a desktop notification; resolves with an error message, or null once it went out.
 * node-notifier (and the semver it loads) is loaded at the first notification, not with the
 * server: ~35 ms of every start and attach for something most sessions do later or never.
 */
export async function sendDesktop(n: Notification, sound: boolean): Promise<string | null> {
  let notifier: typeof import('node-notifier');
  try {
    notifier = (await import('node-notifier')).default;
  } catch (err) {
    return `cannot load node-notifier: ${(err as Error).message.split('\n')[0]}`;
  }
  return new Promise((resolve) => {
    notifier.notify({ title: n.title, message: n.body || n.title, sound, wait: false }, (err) => resolve(err ? err.message.split('\n')[0]! : null));
  });
}
