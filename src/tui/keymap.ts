/**
 * Every key agentmux handles, per mode. Dispatch and the help screen both read this table,
 * so what `?` shows is what the keys do.
 */
export type Mode = 'dashboard' | 'confirm-quit' | 'help';

export type Command = 'quit' | 'quit-confirm' | 'quit-cancel' | 'select-next' | 'select-prev' | 'help' | 'close-help';

export interface Binding {
  keys: readonly string[];
  command: Command;
  help: string;
}

export const KEYMAP: Record<Mode, readonly Binding[]> = {
  dashboard: [
    { keys: ['down', 'j'], command: 'select-next', help: 'select the next agent' },
    { keys: ['up', 'k'], command: 'select-prev', help: 'select the previous agent' },
    { keys: ['?'], command: 'help', help: 'show every key' },
    { keys: ['q', 'ctrl+c'], command: 'quit', help: 'quit (asks first while agents are running)' },
  ],
  'confirm-quit': [
    { keys: ['y', 'enter', 'ctrl+c'], command: 'quit-confirm', help: 'quit and end every agent' },
    { keys: ['n', 'escape', 'q'], command: 'quit-cancel', help: 'keep running' },
  ],
  help: [{ keys: ['escape', 'q', '?', 'enter'], command: 'close-help', help: 'close this help' }],
};

export function lookup(mode: Mode, keyName: string): Command | null {
  return KEYMAP[mode].find((b) => b.keys.includes(keyName))?.command ?? null;
}

/** How a key name is shown to people. */
export function keyLabel(name: string): string {
  return name.replace(/^escape$/, 'esc').replace(/^down$/, '↓').replace(/^up$/, '↑');
}

/** The short hints of a mode, for the status line: "↓/j select · ? help · q quit". */
export function hints(mode: Mode): string {
  return KEYMAP[mode].map((b) => `${b.keys.map(keyLabel).join('/')} ${b.help.split(' (')[0]}`).join(' · ');
}
