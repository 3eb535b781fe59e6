import { DASHBOARD_KEYS } from './dashboard-keys.js';
import { HISTORY_KEYS, HISTORY_SEARCH_KEYS } from './focus-input.js';
import { FOCUS_KEYS } from './focus-router.js';
import type { KeyInfo, Mode } from './keymap.js';
import { FORM_KEYS } from './new-agent-form.js';
import { REVIEW_KEYS } from './review-commands.js';

/**
 * Every screen's key table, as the help and the status line read them. The handlers are in the
 * same rows (each screen's file); a screen without its table does not compile.
 */
export const KEYMAP: Record<Mode, readonly KeyInfo[]> = {
  ...DASHBOARD_KEYS,
  ...REVIEW_KEYS,
  focus: FOCUS_KEYS,
  history: HISTORY_KEYS,
  'history-search': HISTORY_SEARCH_KEYS,
  'new-agent': FORM_KEYS,
};
