import type { ApprovalMode } from '../model/agent.js';
import { commandArgv, resolveCwd } from '../config/load.js';
import { inferKind } from '../kinds/registry.js';
import { agentNameProblem } from '../config/schema.js';
import { globProblem } from '../lib/glob.js';
import type { AgentSpec } from '../model/agent.js';
import type { Key } from './keys.js';

export const FORM_FIELDS = ['name', 'command', 'directory', 'isolate', 'scope', 'approval mode', 'first task'] as const;

/** Fields that pick one of a few values (space / ← / → change them, or the value's first letter). */
export const FORM_CHOICES: Readonly<Partial<Record<number, readonly string[]>>> = {
  3: ['no', 'yes'],
  5: ['default', 'manual', 'rules', 'pause'],
};

/** The `c` form: its fields, the one being typed in, and the last problem found. */
export interface FormState {
  values: string[];
  field: number;
  error: string | null;
}

export function newForm(cwd: string): FormState {
  return { values: ['', 'claude', cwd, 'no', '', 'default', ''], field: 0, error: null };
}

export type FormResult = { form: FormState } | { cancel: true } | { submit: true };

/** One key in the form (pure): type, move between fields, change a choice, submit on the last, esc cancels. */
export function formKey(f: FormState, key: Key): FormResult {
  const set = (value: string): FormResult => {
    const values = [...f.values];
    values[f.field] = value;
    return { form: { ...f, values, error: null } };
  };
  const move = (by: number): FormResult => ({ form: { ...f, field: (f.field + by + FORM_FIELDS.length) % FORM_FIELDS.length } });
  const value = f.values[f.field]!;
  switch (key.name) {
    case 'escape':
      return { cancel: true };
    case 'tab':
    case 'down':
      return move(1);
    case 'shift+tab':
    case 'up':
      return move(-1);
    case 'enter':
      return f.field === FORM_FIELDS.length - 1 ? { submit: true } : move(1);
  }
  const choices = FORM_CHOICES[f.field];
  if (choices) {
    const at = Math.max(0, choices.indexOf(value));
    if (key.name === ' ' || key.name === 'right') return set(choices[(at + 1) % choices.length]!);
    if (key.name === 'left') return set(choices[(at - 1 + choices.length) % choices.length]!);
    const picked = choices.find((c) => c.startsWith(key.name.toLowerCase()) && [...key.name].length === 1);
    return picked ? set(picked) : { form: f };
  }
  switch (key.name) {
    case 'backspace':
      return set([...value].slice(0, -1).join(''));
    case 'ctrl+u':
      return set('');
    case 'paste':
      return set(value + (key.text ?? '').replace(/[\r\n]+/g, ' '));
    default:
      return [...key.name].length === 1 ? set(value + key.name) : { form: f };
  }
}

/** The agent the form describes, or what is wrong with it (naming the field). */
export function formSpec(f: FormState, taken: readonly string[], env: NodeJS.ProcessEnv, cwd: string): AgentSpec | { error: string } {
  const [name, command, directory, isolate, scope, mode, task] = f.values.map((v) => v.trim()) as [string, string, string, string, string, string, string];
  const problem = agentNameProblem(name);
  if (problem) return { error: `name: ${problem}` };
  // Names differing only by case would share a transcript and a branch on some file systems.
  if (taken.some((t) => t.toLowerCase() === name.toLowerCase())) return { error: `name: "${name}" is taken` };
  const argv = commandArgv(command, env);
  if (!Array.isArray(argv)) return { error: `command: ${argv.error}` };
  const dir = resolveCwd(directory || '.', cwd);
  if (typeof dir !== 'string') return { error: `directory: ${dir.error}` };
  const globs = scope.split(/[\s,]+/).filter(Boolean);
  for (const g of globs) {
    const problem = globProblem(g);
    if (problem) return { error: `scope: ${JSON.stringify(g)}: ${problem}` };
  }
  return {
    name,
    argv,
    cwd: dir,
    env: {},
    kind: inferKind(command.split(/\s+/)),
    ...(task ? { prompt: task } : {}),
    ...(isolate === 'yes' ? { isolate: true } : {}),
    ...(globs.length ? { scope: globs } : {}),
    ...(mode !== 'default' ? { approvalMode: mode as ApprovalMode } : {}),
  };
}
