import { findMenu } from './menu.js';
import type { Detection, ParsedPrompt, ScreenSnapshot } from '../model/screen.js';

/**
 * Gemini CLI (an Ink app), read from the live screen. Strings from its source
 * (packages/cli/src/ui/components/messages/ToolConfirmationMessage.tsx and the loading
 * indicator): a tool confirmation inside the tool's bordered box asks "Allow execution of:
 * 'npm'?", "Apply this change?", "Do you want to proceed?" or "Allow execution of MCP tool …?",
 * with radio options "● 1. Yes, allow once", "2. Yes, allow always ...", "3. No, suggest changes
 * (esc)"; work shows "⠋ Thinking… (esc to cancel, 3s)"; idle is the input box "> Type your
 * message or @path/to/file" (or typed text after "> ").
 */
const QUESTION = /(Allow execution of: '.*'\?|Apply this change\?|Do you want to proceed\?|Allow execution of MCP tool ".*" from server ".*"\?)/;
const WORKING = /\(esc to cancel(?:, [^)]*)?\)/;
const INPUT = /^\s*>\s/;

/** A line without the tool box's side borders. */
const unbox = (l: string) => l.replace(/^\s*│\s?/, '').replace(/\s*│\s*$/, '');

function parse(lines: readonly string[], questionAt: number): ParsedPrompt | null {
  const menu = findMenu(lines.slice(questionAt), '●');
  if (!menu || menu.first > 3) return null;
  const question = QUESTION.exec(lines[questionAt]!)![1]!;
  // The subject sits above the question, inside the same box: a header naming the tool, then the
  // command, the file's diff, or the MCP tool. Every row from the box's top down is read.
  let top = questionAt - 1;
  while (top >= 0 && questionAt - top < 30 && !/^\s*╭/.test(lines[top]!)) top--;
  const boxed = top >= 0 && /^\s*╭/.test(lines[top]!);
  const rows = lines.slice(Math.max(0, top + 1), questionAt).map((l) => l.trim());
  const headerAt = rows.findIndex((l) => l !== '');
  const header = rows[headerAt] ?? '';
  const body = rows.slice(headerAt + 1);
  while (body.length && body[body.length - 1] === '') body.pop();
  while (body.length && body[0] === '') body.shift();
  const exec = /^Allow execution of: '(.*)'\?$/.exec(question);
  const mcp = /^Allow execution of MCP tool "(.*)" from server "(.*)"\?$/.exec(question);
  let subject: ParsedPrompt['subject'];
  let ambiguity: string | undefined = !boxed ? 'the top of the tool box is not on screen' : !/^[?✓✗⊷o]\s{1,2}\S/.test(header) ? 'the tool box has no header' : undefined;
  if (exec) {
    // The command is every row between the header and the question, whole; the question names only its first word.
    if (!body.length) ambiguity ??= 'the prompt shows no command';
    subject = { tool: 'run_shell_command', command: body.join('\n'), ...(body.length > 1 ? { reassembled: true } : {}) };
  } else if (mcp) subject = { tool: `mcp__${mcp[2]}__${mcp[1]}` };
  else if (question === 'Apply this change?') {
    // "?  Edit src/config.ts: old => new": the tool's display name, then the file, ended by ": ".
    // A path with blanks, or one Gemini shortened with "...", is not read as a file at all.
    const m = /^\S+\s+(\S+)\s+([^:\s]+):\s/.exec(header);
    const file = m?.[2] && !/\.\.\.|…/.test(m[2]) ? m[2] : undefined;
    subject = { tool: m?.[1] ?? 'Edit', ...(file ? { file } : {}) };
  } else subject = { text: body.filter(Boolean).join('\n') };
  return {
    kind: 'permission',
    question,
    subject,
    options: menu.options.map((o) => ({ ...o, label: o.label.trim() })),
    selected: menu.selected,
    ...(ambiguity ? { ambiguity } : {}),
  };
}

/** A dialog (folder trust, sign-in): a '●' menu and no input prompt anywhere on the screen. */
function dialogPrompt(lines: readonly string[]): ParsedPrompt | null {
  if (lines.some((l) => INPUT.test(l))) return null;
  const menu = findMenu(lines, '●');
  if (!menu || menu.selected === null) return null;
  const above = lines
    .slice(Math.max(0, menu.first - 12), menu.first)
    .map((l) => l.trim())
    .filter((l) => l && !/^[╭╰─]/.test(l));
  const question = [...above].reverse().find((l) => /\?$/.test(l)) ?? above[0] ?? '';
  return { kind: /trust/i.test(question) ? 'trust' : 'menu', question, options: menu.options.map((o) => ({ ...o, label: o.label.trim() })), selected: menu.selected };
}

export function detectGemini(snap: ScreenSnapshot): Detection {
  const lines = snap.lines.map(unbox);
  const progressKey = lines.filter((l) => !WORKING.test(l)).join('\n');
  const bottom = lines.reduce((last, l, i) => (l.trim() ? i : last), -1);
  if (bottom < 0) return { state: 'unknown', reason: 'blank screen', progressKey };
  const questionAt = lines.findLastIndex((l) => QUESTION.test(l));
  // A live confirmation is the last thing in the transcript: nothing but the footer below it.
  if (questionAt >= 0 && bottom - questionAt <= 12 && !lines.slice(questionAt).some((l) => INPUT.test(l))) {
    const prompt = parse(lines, questionAt);
    if (prompt) {
      const ambiguity =
        prompt.ambiguity ?? (lines.filter((l) => QUESTION.test(l)).length > 1 ? 'two prompts on screen' : snap.wrapped?.some(Boolean) ? 'a row of the screen was wrapped by the terminal' : undefined);
      return { state: 'approval', reason: 'screen: gemini tool confirmation', prompt: { ...prompt, at: { top: questionAt, bottom }, ...(ambiguity ? { ambiguity } : {}) }, progressKey };
    }
  }
  const tail = lines.slice(Math.max(0, bottom - 8), bottom + 1);
  const dialog = dialogPrompt(lines);
  if (dialog) return { state: 'approval', reason: 'screen: gemini dialog', prompt: dialog, progressKey };
  if (tail.some((l) => WORKING.test(l))) return { state: 'working', reason: 'screen: "esc to cancel"', progressKey };
  if (tail.some((l) => INPUT.test(l))) return { state: 'idle', reason: 'screen: input box', progressKey };
  return { state: 'unknown', reason: 'no input box, spinner or confirmation', progressKey };
}
