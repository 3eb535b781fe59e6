import type { ApprovalMode } from '../model/agent.js';
import { commandArgv, resolveCwd } from '../config/load.js';
import { inferKind } from '../kinds/registry.js';
import { agentNameProblem } from '../config/schema.js';
import { globProblem } from '../lib/glob.js';
import type { AgentSpec } from '../model/agent.js';
import { bindingFor, OTHER, type Binding } from './keymap.js';
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

const set = (f: FormState, value: string): FormResult => {
  const values = [...f.values];
  values[f.field] = value;
  return { form: { ...f, values, error: null } };
};
const move = (f: FormState, by: number): FormResult => ({ form: { ...f, field: (f.field + by + FORM_FIELDS.length) % FORM_FIELDS.length } });
const value = (f: FormState) => f.values[f.field]!;
/** On a choice field, the choice `by` steps from the current one. */
const step = (f: FormState, choices: readonly string[], by: number) => set(f, choices[(Math.max(0, choices.indexOf(value(f))) + by + choices.length) % choices.length]!);
/** A character typed: on a choice field, the choice it starts; elsewhere, into the field. */
function typed(f: FormState, ch: string): FormResult {
  const choices = FORM_CHOICES[f.field];
  if (!choices) return set(f, value(f) + ch);
  const picked = choices.find((c) => c.startsWith(ch.toLowerCase()));
  return picked ? set(f, picked) : { form: f };
}
const textOnly = (f: FormState, edit: () => FormResult): FormResult => (FORM_CHOICES[f.field] ? { form: f } : edit());

/** The form's keys (pure): type, move between fields, change a choice, submit on the last, esc cancels. */
export const FORM_KEYS: readonly Binding<FormState, FormResult>[] = [
  { keys: ['tab', 'down'], help: 'the next field', short: 'next field', run: (f) => move(f, 1) },
  { keys: ['shift+tab', 'up'], help: 'the previous field', short: 'previous', run: (f) => move(f, -1) },
  {
    keys: [' ', 'left', 'right'],
    help: 'change a choice (or type its first letter); in a text field, space is a space',
    short: 'change a choice',
    run: (f, key) => {
      const choices = FORM_CHOICES[f.field];
      if (choices) return step(f, choices, key.name === 'left' ? -1 : 1);
      return key.name === ' ' ? set(f, `${value(f)} `) : { form: f };
    },
  },
  { keys: ['enter'], help: 'the next field; on the last one, start the agent', short: 'next / start', run: (f) => (f.field === FORM_FIELDS.length - 1 ? { submit: true } : move(f, 1)) },
  { keys: ['escape'], help: 'start nothing', short: 'cancel', run: () => ({ cancel: true }) },
  { keys: ['backspace'], help: 'delete the last character', run: (f) => textOnly(f, () => set(f, [...value(f)].slice(0, -1).join(''))) },
  { keys: ['ctrl+u'], help: 'clear the field', run: (f) => textOnly(f, () => set(f, '')) },
  { keys: ['paste'], help: 'a paste is typed in (newlines become spaces)', run: (f, key) => textOnly(f, () => set(f, value(f) + (key.text ?? '').replace(/[\r\n]+/g, ' '))) },
  { keys: [OTHER], help: 'typed into the field', run: (f, key) => ([...key.name].length === 1 ? typed(f, key.name) : { form: f }) },
];

/** One key in the form (pure). */
export function formKey(f: FormState, key: Key): FormResult {
  return bindingFor(FORM_KEYS, key.name)!.run(f, key);
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
