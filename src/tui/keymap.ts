/**
 * Every key agentmux handles, per mode. Dispatch and the help screen both read this table,
 * so what `?` shows is what the keys do. In focus mode every key goes to the agent except the
 * detach key, which is configurable and handled before this table (see focus-input.ts).
 */
export type Mode =
  | 'dashboard'
  | 'approval'
  | 'focus'
  | 'new-agent'
  | 'review'
  | 'review-confirm'
  | 'review-commit'
  | 'review-message'
  | 'confirm-quit'
  | 'confirm-kill'
  | 'confirm-option'
  | 'option-pick'
  | 'approval-mode'
  | 'approvals-log'
  | 'help';

export type Command =
  | 'quit'
  | 'quit-confirm'
  | 'cancel'
  | 'select-next'
  | 'select-prev'
  | 'next-attention'
  | 'focus-selected'
  | 'focus-number'
  | 'number-prefix'
  | 'answer-yes'
  | 'answer-always'
  | 'answer-no'
  | 'option-prefix'
  | 'answer-number'
  | 'option-confirm'
  | 'kill'
  | 'kill-confirm'
  | 'restart'
  | 'new-agent'
  | 'review'
  | 'review-next'
  | 'review-prev'
  | 'review-switch'
  | 'review-pick'
  | 'review-page-up'
  | 'review-page-down'
  | 'review-merge'
  | 'review-cherry-pick'
  | 'review-discard'
  | 'review-yes'
  | 'review-commit'
  | 'review-merge-only'
  | 'mode-menu'
  | 'mode-manual'
  | 'mode-rules'
  | 'mode-pause'
  | 'mode-all-manual'
  | 'mode-all-rules'
  | 'mode-all-pause'
  | 'approvals-log'
  | 'help';

export interface Binding {
  keys: readonly string[];
  command: Command;
  help: string;
  /** The status line's word for it; bindings without one are only in the help. */
  short?: string;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

const COMMON: readonly Binding[] = [
  { keys: ['down', 'j'], command: 'select-next', help: 'select the next agent', short: 'select' },
  { keys: ['up', 'k'], command: 'select-prev', help: 'select the previous agent' },
  { keys: ['tab'], command: 'next-attention', help: 'jump to the agent that has waited longest for you', short: 'next waiting' },
  { keys: ['enter'], command: 'focus-selected', help: 'focus the selected agent (type into it)', short: 'focus' },
  { keys: ['x'], command: 'kill', help: 'end the selected agent (asks first); an exited one is taken off the dashboard' },
  { keys: ['r'], command: 'restart', help: 'restart the selected agent once it has exited' },
  { keys: ['c'], command: 'new-agent', help: 'start a new agent (name, command, directory, isolate, scope, mode, task)' },
  { keys: ['d'], command: 'review', help: "review an isolated agent's changes (diff, flags, merge, cherry-pick, discard)", short: 'diff' },
  { keys: ['m'], command: 'mode-menu', help: 'approval mode of the selected agent or all: manual, rules, pause', short: 'mode' },
  { keys: ['L'], command: 'approvals-log', help: "the latest approval decisions (agentmux's and yours)" },
  { keys: ['?'], command: 'help', help: 'show every key', short: 'help' },
  { keys: ['q', 'ctrl+c'], command: 'quit', help: 'quit (asks first while agents are running)', short: 'quit' },
];

export const KEYMAP: Record<Mode, readonly Binding[]> = {
  dashboard: [{ keys: DIGITS, command: 'focus-number', help: 'focus agent 1-9', short: 'focus' }, { keys: ['0'], command: 'number-prefix', help: 'then two digits: focus agent 10 and up' }, ...COMMON],
  // The selected agent waits on a prompt: the approval bar shows it, and these keys answer it.
  // Digits still focus: a digit pressed to look at an agent must never pick an option.
  approval: [
    { keys: ['y'], command: 'answer-yes', help: 'answer yes', short: 'yes' },
    { keys: ['a'], command: 'answer-always', help: "answer yes, and don't ask again", short: 'always' },
    { keys: ['n'], command: 'answer-no', help: 'answer no', short: 'no' },
    { keys: ['o'], command: 'option-prefix', help: 'then the option’s digit: pick any other option of the prompt', short: 'other option' },
    { keys: DIGITS, command: 'focus-number', help: 'focus agent 1-9', short: 'focus' },
    { keys: ['0'], command: 'number-prefix', help: 'then two digits: focus agent 10 and up' },
    ...COMMON,
  ],
  // After `o`: the next digit picks that option; any other key cancels.
  'option-pick': [
    { keys: DIGITS, command: 'answer-number', help: 'pick that option of the prompt', short: 'pick that option' },
    { keys: ['escape', 'q'], command: 'cancel', help: 'pick nothing', short: 'cancel' },
  ],
  // The chosen option changes the agent's permission mode for the rest of its session.
  'confirm-option': [
    { keys: ['y'], command: 'option-confirm', help: 'send the option that changes the agent’s permission mode', short: 'send it' },
    { keys: ['n', 'escape', 'q'], command: 'cancel', help: 'send nothing', short: 'send nothing' },
  ],
  focus: [],
  review: [
    { keys: ['down', 'j'], command: 'review-next', help: 'next file (or commit)', short: 'file' },
    { keys: ['up', 'k'], command: 'review-prev', help: 'previous file (or commit)' },
    { keys: ['tab'], command: 'review-switch', help: 'switch between the files and the commits', short: 'files/commits' },
    { keys: [' '], command: 'review-pick', help: 'choose a commit for cherry-pick', short: 'choose' },
    { keys: ['pageup'], command: 'review-page-up', help: 'scroll the diff up', short: 'scroll' },
    { keys: ['pagedown'], command: 'review-page-down', help: 'scroll the diff down' },
    { keys: ['m'], command: 'review-merge', help: 'merge the branch into its base branch (asks about flags, uncommitted files)', short: 'merge' },
    { keys: ['p'], command: 'review-cherry-pick', help: 'cherry-pick the chosen commits onto the base branch', short: 'cherry-pick' },
    { keys: ['D'], command: 'review-discard', help: 'discard the worktree and branch (asks; says what would be lost)', short: 'discard' },
    { keys: ['escape', 'q', 'd'], command: 'cancel', help: 'back to the dashboard', short: 'back' },
  ],
  // The review asks (merge despite its flags? lose what discard lists?): y, and any other key is no.
  'review-confirm': [{ keys: ['y'], command: 'review-yes', help: 'yes: merge despite the flags, or lose what discard lists (other keys: no)', short: 'yes' }],
  // The worktree holds uncommitted files that a merge of the branch would leave out.
  'review-commit': [
    { keys: ['c'], command: 'review-commit', help: 'commit them first (you edit the message), then merge', short: 'commit them, then merge' },
    { keys: ['m'], command: 'review-merge-only', help: 'merge the commits without them', short: 'merge the commits only' },
  ],
  // The commit message is typed like the form's fields (review-commands.ts): enter commits, esc cancels.
  'review-message': [],
  // The form's keys are its own (new-agent-form.ts): typing, tab / shift+tab, enter, esc.
  'new-agent': [],
  'confirm-quit': [
    { keys: ['y', 'enter', 'ctrl+c'], command: 'quit-confirm', help: 'quit and end every agent', short: 'quit' },
    { keys: ['n', 'escape', 'q'], command: 'cancel', help: 'keep running', short: 'keep running' },
  ],
  'confirm-kill': [
    { keys: ['y', 'enter'], command: 'kill-confirm', help: 'end the agent', short: 'end it' },
    { keys: ['n', 'escape', 'q'], command: 'cancel', help: 'keep it running', short: 'keep it' },
  ],
  'approval-mode': [
    { keys: ['m'], command: 'mode-manual', help: 'manual: every prompt waits for you', short: 'manual' },
    { keys: ['r'], command: 'mode-rules', help: 'rules: agentmux answers what the rules cover (the default)', short: 'rules' },
    { keys: ['p'], command: 'mode-pause', help: 'pause: agentmux answers nothing and holds notifications', short: 'pause' },
    { keys: ['M'], command: 'mode-all-manual', help: 'manual, for every agent', short: 'all manual' },
    { keys: ['R'], command: 'mode-all-rules', help: 'rules, for every agent', short: 'all rules' },
    { keys: ['P'], command: 'mode-all-pause', help: 'pause, for every agent', short: 'all pause' },
    { keys: ['escape', 'q'], command: 'cancel', help: 'leave the mode as it is', short: 'cancel' },
  ],
  'approvals-log': [{ keys: ['escape', 'q', 'L', 'enter'], command: 'cancel', help: 'close the list', short: 'close' }],
  help: [{ keys: ['escape', 'q', '?', 'enter'], command: 'cancel', help: 'close this help', short: 'close' }],
};

export function lookup(mode: Mode, keyName: string): Command | null {
  return KEYMAP[mode].find((b) => b.keys.includes(keyName))?.command ?? null;
}

/** How a key name is shown to people. */
export function keyLabel(name: string): string {
  return name
    .replace(/^escape$/, 'esc')
    .replace(/^down$/, '↓')
    .replace(/^up$/, '↑')
    .replace(/^ $/, 'space');
}

/** How a binding's keys are shown: "1-9" for the digits, "↓/j" for the others. */
export function keysLabel(keys: readonly string[]): string {
  return keys === DIGITS ? '1-9' : keys.map(keyLabel).join('/');
}

/** The short hints of a mode, for the status line: "↓/j select · ? help · q quit". */
export function hints(mode: Mode, detachKey = 'ctrl+]', hidden: ReadonlySet<Command> = new Set()): string {
  if (mode === 'focus') return `every key goes to the agent · ${detachKey} back to the dashboard · PgUp history`;
  if (mode === 'new-agent') return 'tab/↓ next field · shift+tab/↑ previous · space/←/→ change a choice · enter next / start · esc cancel';
  if (mode === 'review-message') return 'enter commit and merge · esc cancel · ←/→ move · ctrl+u clear';
  if (mode === 'review-confirm' || mode === 'review-commit') return `${KEYMAP[mode].map((b) => `${keysLabel(b.keys)} ${b.short}`).join(' · ')} · any other key cancels`;
  return KEYMAP[mode]
    .filter((b) => b.short && !hidden.has(b.command))
    .map((b) => `${keysLabel(b.command === 'select-next' ? ['j', 'k'] : b.keys)} ${b.short}`)
    .join(' · ');
}
