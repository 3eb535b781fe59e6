import type { Worktree, WorktreePrep } from '../model/agent.js';
import { findOption, type Intent } from '../detect/answer.js';
import type { Approvals } from '../approvals/approvals.js';
import type { ApprovalMode } from '../model/agent.js';
import type { AgentStatus } from '../model/status.js';
import type { AnswerSender } from './answer-verify.js';
import { nextAttention } from './attention.js';
import { DIGITS, OTHER, type Binding, type Mode } from './keymap.js';
import type { ManagerPort } from './manager-port.js';
import { newForm } from './new-agent-form.js';
import { restartAgent } from './restart-agent.js';
import { openReview } from './review-commands.js';
import type { Store, UiAction, UiState } from './ui-state.js';

/** What the dashboard's keys work on (the controller). */
export interface Dashboard {
  readonly manager: ManagerPort;
  readonly ui: Store<UiState, UiAction>;
  readonly approvals?: Approvals;
  /** Directory the `c` form starts from. */
  readonly cwd: string;
  /** Where isolated agents' worktrees go (config `worktreeDir`). */
  readonly worktreeDir?: string;
  /** How new worktrees are made ready (config `worktree`). */
  readonly worktree?: WorktreePrep;
  /** An agent's files that other agents changed too → those agents (the review lists them first). */
  readonly overlaps?: (agent: string) => ReadonlyMap<string, readonly string[]>;
  /** A review action changed an agent's worktree or branch (its figures are read again). */
  readonly worktreeChanged?: (w: Worktree) => void;
  /** When the user last looked at each agent, for the attention queue. */
  readonly lastLooked: ReadonlyMap<string, number>;
  readonly answers: AnswerSender;
  select(index: number): void;
  focus(index: number): void;
  /** How many pages the help has at the terminal's size. */
  helpPages(): number;
}

/** The screens whose keys this file holds. */
export type DashboardMode = Extract<Mode, 'dashboard' | 'approval' | 'option-pick' | 'confirm-option' | 'confirm-quit' | 'confirm-kill' | 'approval-mode' | 'approvals-log' | 'help'>;

type Key = Binding<Dashboard>;

const say = (d: Dashboard, text: string, tone: 'info' | 'warn' = 'info') => d.ui.dispatch({ type: 'message', text, tone });
const to = (mode: UiState['mode']) => (d: Dashboard) => d.ui.dispatch({ type: 'mode', mode });
const selected = (d: Dashboard): AgentStatus | undefined => d.manager.statuses[d.ui.get().selected];

/** An answer key, unavailable when the waiting prompt has no option for it. */
function answerKey(keys: string[], intent: Intent, help: string, short: string): Key {
  return {
    keys,
    help,
    short,
    run: (d) => d.answers.answer(intent),
    disabled: (d) => {
      const prompt = selected(d)?.prompt;
      if (!prompt) return null;
      if (!prompt.options.length) return 'not sent: the prompt is not on the screen yet';
      return findOption(prompt, intent) === null ? `this prompt has no ${intent === 'always' ? "don't-ask-again" : intent} option` : null;
    },
  };
}

/** Turns the help's page, within its pages. */
function turn(d: Dashboard, by: number): void {
  d.ui.dispatch({ type: 'help-page', page: Math.max(0, Math.min(d.helpPages() - 1, d.ui.get().helpPage + by)) });
}

function setMode(d: Dashboard, agent: string | null, mode: ApprovalMode): void {
  d.ui.dispatch({ type: 'mode', mode: 'dashboard' });
  if (!d.approvals) return;
  d.approvals.setMode(agent, mode);
  say(d, `${agent ?? 'every agent'}: approval mode ${mode}`);
}

function kill(d: Dashboard): void {
  const s = selected(d);
  if (!s) return;
  if (s.state !== 'exited') return d.ui.dispatch({ type: 'mode', mode: 'confirm-kill' });
  // An exited agent is taken off the dashboard; its transcript stays.
  d.manager.remove(s.name);
  d.ui.dispatch({ type: 'select', index: Math.max(0, Math.min(d.ui.get().selected, d.manager.agents.length - 1)) });
  say(d, `removed ${s.name} from the dashboard`);
}

const FOCUS_DIGIT: Key = { keys: DIGITS, help: 'focus agent 1-9', short: 'focus', run: (d, key) => d.focus(Number(key.name) - 1) };
const TWO_DIGITS: Key = { keys: ['0'], help: 'then two digits: focus agent 10 and up', run: (d) => d.ui.dispatch({ type: 'number-prefix', digits: '' }) };

const COMMON: readonly Key[] = [
  { keys: ['down', 'j'], help: 'select the next agent', short: 'select', shortKeys: ['j', 'k'], run: (d) => d.select((d.ui.get().selected + 1) % d.manager.agents.length) },
  { keys: ['up', 'k'], help: 'select the previous agent', run: (d) => d.select((d.ui.get().selected - 1 + d.manager.agents.length) % d.manager.agents.length) },
  {
    keys: ['tab'],
    help: 'jump to the agent that has waited longest for you',
    short: 'next waiting',
    run: (d) => {
      const next = nextAttention(d.manager.statuses, d.lastLooked, d.ui.get().selected);
      return next === null ? say(d, 'no agent needs you') : d.select(next);
    },
  },
  { keys: ['enter'], help: 'focus the selected agent (type into it)', short: 'focus', run: (d) => d.focus(d.ui.get().selected) },
  { keys: ['x'], help: 'end the selected agent (asks first); an exited one is taken off the dashboard', run: kill },
  { keys: ['r'], help: 'restart the selected agent once it has exited, or retry its failed worktree.setup', run: (d) => restartAgent(d, selected(d)!.name) },
  { keys: ['c'], help: 'start a new agent (name, command, directory, isolate, scope, mode, task)', run: (d) => d.ui.dispatch({ type: 'form', form: newForm(d.cwd) }) },
  { keys: ['d'], help: "review an isolated agent's changes (diff, flags, merge, cherry-pick, discard)", short: 'diff', run: (d) => openReview(d, d.ui.get().selected) },
  {
    keys: ['m'],
    help: 'approval mode of the selected agent or all: manual, rules, pause',
    short: 'mode',
    run: (d) => {
      const s = selected(d);
      if (!d.approvals || !s) return;
      d.ui.dispatch({ type: 'mode', mode: 'approval-mode' });
      say(d, `approval mode of ${s.name}: ${d.approvals.mode(s.name)}`);
    },
  },
  { keys: ['L'], help: "the latest approval decisions (agentmux's and yours)", run: to('approvals-log') },
  { keys: ['?'], help: 'show every key', short: 'help', run: to('help') },
  {
    keys: ['q', 'ctrl+c'],
    help: 'quit (asks first while agents are running)',
    short: 'quit',
    run: (d) => (d.manager.busyCount > 0 ? d.ui.dispatch({ type: 'mode', mode: 'confirm-quit' }) : d.ui.dispatch({ type: 'quit' })),
  },
];

/** A choice that puts nothing through: back to the dashboard, saying so. */
function cancelPick(text: string): Key['run'] {
  return (d) => {
    d.ui.dispatch({ type: 'confirm-option', confirm: null });
    say(d, text);
  };
}

export const DASHBOARD_KEYS: Record<DashboardMode, readonly Key[]> = {
  dashboard: [FOCUS_DIGIT, TWO_DIGITS, ...COMMON],
  // The selected agent waits on a prompt: the approval bar shows it, and these keys answer it.
  // Digits still focus: a digit pressed to look at an agent must never pick an option.
  approval: [
    answerKey(['y'], 'yes', 'answer yes', 'yes'),
    answerKey(['a'], 'always', "answer yes, and don't ask again", 'always'),
    answerKey(['n'], 'no', 'answer no', 'no'),
    {
      keys: ['o'],
      help: 'then the option’s digit: pick any other option of the prompt',
      short: 'other option',
      run: to('option-pick'),
      disabled: (d) => (selected(d)?.prompt?.options.length ? null : 'nothing to answer'),
    },
    FOCUS_DIGIT,
    TWO_DIGITS,
    ...COMMON,
  ],
  // After `o`: the next digit picks that option; any other key cancels.
  'option-pick': [
    {
      keys: DIGITS,
      help: 'pick that option of the prompt',
      short: 'the option’s digit picks it',
      shortKeys: [],
      run: (d, key) => {
        d.ui.dispatch({ type: 'mode', mode: 'dashboard' });
        d.answers.answer(Number(key.name));
      },
    },
    { keys: [OTHER], help: 'pick nothing', short: 'cancels', run: cancelPick('picked nothing') },
  ],
  // The chosen option changes the agent's permission mode for the rest of its session.
  'confirm-option': [
    { keys: ['y'], help: 'send the option that changes the agent’s permission mode', short: 'send it', run: (d) => d.answers.confirm() },
    { keys: ['n', 'escape', 'q', OTHER], help: 'send nothing', short: 'send nothing', shortKeys: ['n', 'escape', 'q'], run: cancelPick('sent nothing') },
  ],
  'confirm-quit': [
    { keys: ['y', 'enter', 'ctrl+c'], help: 'quit: end every agent and the session', short: 'yes', shortKeys: ['y'], run: (d) => d.ui.dispatch({ type: 'quit' }) },
    { keys: ['d'], help: 'detach: leave the agents running (agentmux attach comes back)', short: 'detach', run: (d) => d.ui.dispatch({ type: 'detach' }) },
    { keys: ['n', 'escape', 'q'], help: 'cancel', short: 'no', shortKeys: ['n'], run: to('dashboard') },
  ],
  'confirm-kill': [
    {
      keys: ['y', 'enter'],
      help: 'end the agent',
      short: 'end it',
      run: (d) => {
        const s = selected(d)!;
        d.ui.dispatch({ type: 'mode', mode: 'dashboard' });
        void d.manager.end(s.name);
        say(d, `ending ${s.name}`);
      },
    },
    { keys: ['n', 'escape', 'q'], help: 'keep it running', short: 'keep it', run: to('dashboard') },
  ],
  'approval-mode': [
    { keys: ['m'], help: 'manual: every prompt waits for you', short: 'manual', run: (d) => setMode(d, selected(d)?.name ?? null, 'manual') },
    { keys: ['r'], help: 'rules: agentmux answers what the rules cover (the default)', short: 'rules', run: (d) => setMode(d, selected(d)?.name ?? null, 'rules') },
    { keys: ['p'], help: 'pause: agentmux answers nothing and holds notifications', short: 'pause', run: (d) => setMode(d, selected(d)?.name ?? null, 'pause') },
    { keys: ['M'], help: 'manual, for every agent', short: 'all manual', run: (d) => setMode(d, null, 'manual') },
    { keys: ['R'], help: 'rules, for every agent', short: 'all rules', run: (d) => setMode(d, null, 'rules') },
    { keys: ['P'], help: 'pause, for every agent', short: 'all pause', run: (d) => setMode(d, null, 'pause') },
    { keys: ['escape', 'q'], help: 'leave the mode as it is', short: 'cancel', run: to('dashboard') },
  ],
  'approvals-log': [{ keys: ['escape', 'q', 'L', 'enter'], help: 'close the list', short: 'close', run: to('dashboard') }],
  help: [
    { keys: ['down', 'j', 'pagedown', ' '], help: 'the next page', short: 'next page', shortKeys: ['down', 'j'], run: (d) => turn(d, 1) },
    { keys: ['up', 'k', 'pageup'], help: 'the previous page', short: 'previous', shortKeys: ['up', 'k'], run: (d) => turn(d, -1) },
    { keys: ['escape', 'q', '?', 'enter'], help: 'close this help', short: 'close', run: to('dashboard') },
  ],
};
