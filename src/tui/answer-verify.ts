import { findOption, modeChange, samePrompt, type Intent } from '../detect/answer.js';
import type { ParsedPrompt } from '../model/screen.js';
import type { Approvals } from '../approvals/approvals.js';
import type { ManagerPort } from './manager-port.js';
import type { Store, UiAction, UiState } from './ui-state.js';

/** How long an answered agent may stay in approval before the bar says the answer did not take. */
export const ANSWER_CHECK_MS = 1000;

const INTENT_LABEL: Record<Intent, string> = { yes: 'yes', always: "don't-ask-again", no: 'no' };

/**
 * Answers prompts from the dashboard and checks that the answer took: an option is sent only
 * while the live screen still shows the prompt the bar showed, and an agent still waiting on
 * the same prompt a second later is said on the message line.
 */
export class AnswerSender {
  private check: NodeJS.Timeout | null = null;

  constructor(
    private readonly manager: ManagerPort,
    private readonly ui: Store<UiState, UiAction>,
    private readonly approvals?: Approvals,
  ) {}

  private say(text: string, tone: 'info' | 'warn' = 'info'): void {
    this.ui.dispatch({ type: 'message', text, tone });
  }

  /**
   * Answers the selected agent's prompt: by intent (found by label) or by the option's number.
   * An option that changes the agent's permission mode for the rest of its session is never
   * sent by one key: it asks first, naming what it does.
   */
  answer(choice: Intent | number): void {
    const status = this.manager.statuses[this.ui.get().selected];
    if (status?.state !== 'approval' || !status.prompt) return this.say('nothing to answer', 'warn');
    const shown = status.prompt;
    if (!shown.options.length) return this.say('not sent: the prompt is not on the screen yet', 'warn');
    const option = typeof choice === 'number' ? optionByNumber(shown, choice) : findOption(shown, choice);
    if (option === null) return this.say(`this prompt has no ${typeof choice === 'number' ? `option ${choice}` : `${INTENT_LABEL[choice]} option`}`, 'warn');
    const label = shown.options[option]!.label;
    const what = modeChange(shown, label);
    if (what) return this.ui.dispatch({ type: 'confirm-option', confirm: { agent: status.name, prompt: shown, option, label, what } });
    this.send(status.name, shown, option);
  }

  /** Sends the option waiting for `y` (mode 'confirm-option'). */
  confirm(): void {
    const c = this.ui.get().confirmOption;
    this.ui.dispatch({ type: 'confirm-option', confirm: null });
    if (c) this.send(c.agent, c.prompt, c.option);
  }

  /** Sends an option, once the live screen still shows the prompt the bar showed. */
  private send(agent: string, shown: ParsedPrompt, option: number): void {
    const record = (label: string) => this.approvals?.answeredByUser(agent, shown, label);
    void this.manager.answer(agent, shown, option, record).then((result) => {
      if (!result.ok) return this.say(`not sent: ${result.reason}`, 'warn');
      this.say(`sent to ${agent}: ${result.option}`);
      if (this.check) clearTimeout(this.check);
      this.check = setTimeout(() => {
        this.check = null;
        const now = this.manager.statuses.find((s) => s.name === agent);
        if (now?.state === 'approval' && now.prompt && samePrompt(now.prompt, shown)) this.say(`the answer did not take: ${agent} still waits on the same prompt`, 'warn');
      }, ANSWER_CHECK_MS);
      this.check.unref();
    });
  }

  dispose(): void {
    if (this.check) clearTimeout(this.check);
  }
}

/** The option a number picks: the one showing that number, else (unnumbered options) the n-th. */
function optionByNumber(shown: ParsedPrompt, n: number): number | null {
  const byNumber = shown.options.findIndex((o) => o.number === n);
  if (byNumber >= 0) return byNumber;
  return shown.options.some((o) => o.number !== undefined) || n - 1 >= shown.options.length ? null : n - 1;
}
