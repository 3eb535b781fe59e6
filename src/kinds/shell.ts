import { detectShell } from '../detect/shell.js';
import type { Profile } from './profile.js';

/**
 * Any other command. A shell command may print every second or two: idle after 3 s of quiet.
 * Its prompts are never judged by rules.
 */
export const shell: Profile = {
  recognises: () => false,
  detect: detectShell,
  quietIdleMs: 3000,
  actions: () => null,
};
