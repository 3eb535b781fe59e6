import { detectAider } from '../detect/aider-screen.js';
import type { Profile } from './profile.js';

/**
 * aider. It shows no spinner while it streams: its output is its work, so it counts as idle
 * after 2 s of quiet. Its questions are fixed strings; "Run shell commands?" lists several and
 * is not one thing to judge.
 */
export const aider: Profile = {
  recognises: (_word, base) => base === 'aider',
  detect: detectAider,
  quietIdleMs: 2000,
  actions: ({ question: q, subject: s }) => {
    if (q === 'Run shell command?' && s.command) return [{ tool: 'Bash', command: s.command }];
    if (!s.file) return null;
    if (q === 'Create new file?') return [{ tool: 'Write', path: s.file }];
    if (/^Allow edits to file/.test(q)) return [{ tool: 'Edit', path: s.file }];
    if (q === 'Add file to the chat?') return [{ tool: 'Read', path: s.file }];
    return null;
  },
};
