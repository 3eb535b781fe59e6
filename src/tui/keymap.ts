import type { Key } from './keys.js';

/**
 * The screens agentmux has keys for. Each has one table of bindings (bindings.ts): a row holds
 * the keys, the help text, the status line's word, what the key does and when it cannot; the
 * help screen, the status-line hints and dispatch all read those rows.
 */
export type Mode =
  | 'dashboard'
  | 'approval'
  | 'focus'
  | 'history'
  | 'history-search'
  | 'new-agent'
  | 'review'
  | 'review-confirm'
  | 'review-commit'
  | 'review-message'
  | 'review-comment'
  | 'confirm-quit'
  | 'confirm-kill'
  | 'confirm-option'
  | 'option-pick'
  | 'approval-mode'
  | 'approvals-log'
  | 'help';

/** The key name of a row that takes every key no other row of its table takes. */
export const OTHER = 'other';
/** The key name standing for the configured detach key (ctrl+] by default). */
export const DETACH = 'detach';

/**
 * One key binding: the keys, what it does in words and in code, and when it cannot be used.
 * `Ctx` is what the handler works on (the controller, a form, a history view); `R` what it gives back.
 */
export interface Binding<Ctx, R = void> {
  /** Key names as keys.ts gives them; OTHER for any other key, DETACH for the detach key. */
  keys: readonly string[];
  /** What it does, in the help (`?`). */
  help: string;
  /** The status line's word for it; bindings without one are only in the help. */
  short?: string;
  /** The keys the status line shows, when not all of them ("j/k" for select). */
  shortKeys?: readonly string[];
  run: (ctx: Ctx, key: Key) => R;
  /** Why the key does nothing now: said on the message line, and not offered on the status line. */
  disabled?: (ctx: Ctx) => string | null;
}

/** What the help and the status line read of a binding. */
export type KeyInfo = Pick<Binding<never>, 'keys' | 'help' | 'short' | 'shortKeys'>;

/** The binding a key has in a table: its own row, else the table's OTHER row, else none. */
export function bindingFor<B extends KeyInfo>(table: readonly B[], keyName: string): B | null {
  return table.find((b) => b.keys.includes(keyName)) ?? table.find((b) => b.keys.includes(OTHER)) ?? null;
}

export const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** How a key name is shown to people. */
export function keyLabel(name: string, detachKey = 'ctrl+]'): string {
  if (name === OTHER) return 'any other key';
  if (name === DETACH) return detachKey;
  return name
    .replace(/^escape$/, 'esc')
    .replace(/^down$/, '↓')
    .replace(/^up$/, '↑')
    .replace(/^left$/, '←')
    .replace(/^right$/, '→')
    .replace(/^pageup$/, 'PgUp')
    .replace(/^pagedown$/, 'PgDn')
    .replace(/^ $/, 'space');
}

/** How a binding's keys are shown: "1-9" for the digits, "↓/j" for the others. */
export function keysLabel(keys: readonly string[], detachKey?: string): string {
  return keys === DIGITS ? '1-9' : keys.map((k) => keyLabel(k, detachKey)).join('/');
}

/** The short hints of a table, for the status line: "j/k select · ? help · q quit". */
export function hints<B extends KeyInfo>(table: readonly B[], detachKey?: string, offered: (b: B) => boolean = () => true): string {
  return table
    .filter((b) => b.short && offered(b))
    .map((b) => {
      const keys = keysLabel(b.shortKeys ?? b.keys, detachKey);
      return keys ? `${keys} ${b.short}` : b.short;
    })
    .join(' · ');
}
