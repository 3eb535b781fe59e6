import { detectCodex } from '../detect/codex-screen.js';
import type { Profile } from './profile.js';

/** OpenAI's Codex CLI: `shell` runs a command, `apply_patch` edits files (one line per file). */
export const codex: Profile = {
  recognises: (word, base) => base === 'codex' || word.includes('@openai/codex'),
  detect: detectCodex,
  actions: ({ subject: s }) => {
    if (s.tool === 'shell' && s.command) return [{ tool: 'Bash', command: s.command }];
    if (s.tool === 'apply_patch' && s.text) {
      // One line per file: "src/config.ts (+2 -1)".
      const files = s.text.split('\n').map((l) => /^(\S+) \(\+\d+ -\d+\)$/.exec(l.trim())?.[1]);
      return files.length && files.every(Boolean) ? files.map((path) => ({ tool: 'Edit', path: path! })) : null;
    }
    return null;
  },
};
