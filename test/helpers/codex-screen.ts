/** The options and footer Codex draws under its approval question (0.x), as screen lines. */
export const CODEX_OPTIONS: readonly string[] = [
  '› 1. Yes, proceed (y)',
  "  2. Yes, and don't ask again for commands that start with `npm` (p)",
  '  3. No, and tell Codex what to do differently (esc)',
  '',
  '  Press enter to confirm or esc to cancel',
];
