import { isAbsolute, relative } from 'node:path';
import type { ParsedPrompt } from './screen.js';

/**
 * A file as people should read it in an agent's prompt: relative to the agent's directory when
 * it lies inside it ("docs/notes.md"), otherwise as given (absolute, or "../x").
 */
export function displayPath(file: string, cwd: string | undefined): string {
  if (!cwd || !isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/**
 * What a prompt is about, in one formatter for every place that names it (the approval bar,
 * notifications, the audit trail): "Bash: npm test", "Write: docs/notes.md", or the bare tool.
 * Null when the prompt has no subject.
 */
export function subjectLine(prompt: Pick<ParsedPrompt, 'subject'>, cwd?: string): string | null {
  const s = prompt.subject;
  if (!s) return null;
  const what = s.command ?? (s.file !== undefined ? displayPath(s.file, cwd) : undefined) ?? s.text;
  if (!what) return s.tool ?? null;
  return s.tool ? `${s.tool}: ${what}` : what;
}
