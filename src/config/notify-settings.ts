/** When and how agentmux notifies (config `notify`), and the defaults. */

export interface NotifySettings {
  /** Which events notify at all. */
  events: { approval: boolean; finished: boolean; stalled: boolean; exited: boolean; alert: boolean };
  /** Desktop notifications (node-notifier). */
  desktop: boolean;
  /** Terminal alert: 'auto' picks from TERM_PROGRAM/TERM; 'off' sends none. */
  terminal: 'auto' | 'bell' | 'osc9' | 'osc777' | 'osc99' | 'off';
  sound: boolean;
  /** A command run for each notification (env AGENTMUX_AGENT, _STATE, _PREV_STATE, _TITLE, _BODY). */
  command: string | null;
  commandTimeoutMs: number;
  /** `working` -> `idle` notifies only after at least this much work. */
  minWorkMs: number;
  /** An agent still in approval is announced again after these delays (empty: never). */
  remindAfterMs: number[];
  /** More than this many notifications within burstWindowMs become one summary. */
  burstLimit: number;
  burstWindowMs: number;
  /** One check-in summary of every agent this often (config `notify.digest`); null: none. */
  digestMs: number | null;
}

export const DEFAULT_NOTIFY: NotifySettings = {
  events: { approval: true, finished: true, stalled: true, exited: true, alert: true },
  desktop: true,
  terminal: 'auto',
  sound: true,
  command: null,
  commandTimeoutMs: 10_000,
  minWorkMs: 20_000,
  remindAfterMs: [120_000, 600_000, 1_800_000],
  burstLimit: 3,
  burstWindowMs: 2000,
  digestMs: null,
};
