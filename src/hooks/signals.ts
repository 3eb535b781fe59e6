import type { HookEvent } from './channel.js';
import type { ParsedPrompt } from '../model/screen.js';

/** What a hook event says about an agent's state, or null when it says nothing. */
export interface HookSignal {
  state: 'working' | 'approval' | 'idle';
  reason: string;
  prompt?: ParsedPrompt;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The prompt a PermissionRequest (or a PreToolUse) is about; the screen adds the options when it draws them. */
export function permissionPrompt(payload: Record<string, unknown>): ParsedPrompt {
  const tool = str(payload.tool_name) ?? 'tool';
  const input = (payload.tool_input ?? {}) as Record<string, unknown>;
  const command = str(input.command);
  const file = str(input.file_path) ?? str(input.notebook_path);
  const url = str(input.url);
  return {
    kind: 'permission',
    question: 'Do you want to proceed?',
    subject: { tool, ...(command ? { command } : {}), ...(file ? { file } : {}), ...(url ? { text: url } : {}) },
    options: [],
    selected: null,
  };
}

/** The tools whose calls change a file, and whose PostToolUse says which. */
const EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);

/**
 * The file a finished tool call changed (a PostToolUse of Edit, Write, MultiEdit or
 * NotebookEdit), as Claude Code named it; null for any other event. What a shell command
 * changes is not known this way.
 */
export function editedFile(e: HookEvent): string | null {
  if (e.event !== 'PostToolUse' || !EDIT_TOOLS.has(str(e.payload.tool_name) ?? '')) return null;
  const input = (e.payload.tool_input ?? {}) as Record<string, unknown>;
  return str(input.file_path) ?? str(input.notebook_path) ?? null;
}

export function hookSignal(e: HookEvent): HookSignal | null {
  const reason = `hook: ${e.event}`;
  switch (e.event) {
    case 'UserPromptSubmit':
    case 'PreToolUse':
    case 'PostToolUse':
    case 'PostToolUseFailure':
      return { state: 'working', reason };
    case 'PermissionRequest':
      return { state: 'approval', reason, prompt: permissionPrompt(e.payload) };
    case 'Notification': {
      const type = str(e.payload.notification_type);
      if (type === 'permission_prompt') return { state: 'approval', reason: `${reason} (permission_prompt)` };
      if (type === 'idle_prompt') return { state: 'idle', reason: `${reason} (idle_prompt)` };
      return null;
    }
    case 'Stop':
      return { state: 'idle', reason };
    default:
      return null;
  }
}
