import { detectGemini } from '../detect/gemini-screen.js';
import type { Profile } from './profile.js';

/** Google's Gemini CLI: `run_shell_command`, `Edit`, `WriteFile` and MCP tools. */
export const gemini: Profile = {
  recognises: (word, base) => base === 'gemini' || word.includes('@google/gemini-cli'),
  detect: detectGemini,
  actions: ({ subject: s }) => {
    if (s.tool === 'run_shell_command' && s.command) return [{ tool: 'Bash', command: s.command }];
    if (s.tool?.startsWith('mcp__')) return [{ tool: s.tool }];
    if ((s.tool === 'Edit' || s.tool === 'WriteFile') && s.file) return [{ tool: s.tool === 'Edit' ? 'Edit' : 'Write', path: s.file }];
    return null;
  },
};
