import type { Detection, ParsedPrompt, PromptOption, ScreenSnapshot } from '../model/screen.js';
import { logicalLines } from './unwrap.js';

/**
 * aider, read from the line at the cursor. Its questions (aider/io.py, confirm_ask) end with
 * the choices and the default: "Run shell command? (Y)es/(N)o/(D)on't ask again [Yes]: ",
 * "Add file to the chat? (Y)es/(N)o/(A)ll/(S)kip all/(D)on't ask again [Yes]: ". Its input
 * prompt is "> " (or "architect> ", "ask> ", "code> ", "multi> "). Anything else is output:
 * unknown here, so the stabilizer's quiet rule decides between working and idle.
 */
const CONFIRM = /^(.*\?)\s+((?:\([A-Za-z]\)[^/[]*\/?)+)\s*\[(\w+)\]:\s*$/;
const INPUT = /^(?:\w+ )?(?:\w+)?>\s?$/;

/** What each aider letter means. "Don't ask again" answers no and stops asking: it is not "always". */
const LABELS: Record<string, string> = { y: 'Yes', n: 'No', a: 'Yes to all', s: 'Skip all', d: 'No, and don’t ask again' };

function options(choices: string): PromptOption[] {
  return [...choices.matchAll(/\(([A-Za-z])\)([^/]*)/g)].map((m) => {
    const letter = m[1]!.toLowerCase();
    return { label: LABELS[letter] ?? `${m[1]}${m[2]!.trim()}`, keys: [`${letter}\r`] };
  });
}

type Lines = ReturnType<typeof logicalLines>;

export function detectAider(snap: ScreenSnapshot): Detection {
  const progressKey = snap.lines.join('\n');
  const row = snap.cursor.y;
  const logical = logicalLines(snap);
  const at = logical.lineOfRow[row] ?? -1;
  const line = (logical.lines[at] ?? '').trimEnd();
  const m = CONFIRM.exec(line);
  if (m) {
    const opts = options(m[2]!);
    const def = opts.findIndex((o) => o.label.toLowerCase().startsWith(m[3]!.toLowerCase()));
    const subject = subjectAbove(snap, logical, at, m[1]!);
    // An unanswered question elsewhere on screen: which one the agent reads is anyone's guess.
    const other = logical.lines.some((l, i) => i !== at && CONFIRM.test(l.trimEnd()));
    const ambiguity = other ? 'two prompts on screen' : subject?.ambiguity;
    const top = logical.rowOf[at]!;
    return {
      state: 'approval',
      reason: 'screen: aider question at the cursor',
      prompt: {
        kind: 'confirm',
        question: m[1]!.trim(),
        options: opts,
        selected: def >= 0 ? def : null,
        ...(subject ? { subject: subject.subject } : {}),
        at: { top: subject ? subject.top : top, bottom: row },
        ...(ambiguity ? { ambiguity } : {}),
      },
      progressKey,
    };
  }
  if (INPUT.test(line) && snap.cursor.x >= (snap.lines[row] ?? '').trimEnd().length) return { state: 'idle', reason: 'screen: input prompt', progressKey };
  return { state: 'unknown', reason: 'screen: output', progressKey };
}

/**
 * The command or file a question is about. aider prints a blank line, then the subject (one
 * line, or several for several commands), then the question: the subject is every line between
 * that blank line and the question, read whole. It is exact only when it is one line on one
 * screen row; a block of several lines or rows (a real newline, a row filled to the edge, a
 * line the terminal wrapped) is marked reassembled: good to show, not to match rules against.
 * A block that reaches the top of the screen may have begun above it: ambiguous.
 */
function subjectAbove(snap: ScreenSnapshot, logical: Lines, questionAt: number, question: string): { subject: NonNullable<ParsedPrompt['subject']>; top: number; ambiguity?: string } | null {
  let first = questionAt;
  while (first > 0 && logical.lines[first - 1]!.trim() !== '') first--;
  if (first === questionAt) return null;
  const block = logical.lines.slice(first, questionAt);
  const top = logical.rowOf[first]!;
  const rows = logical.rowOf[questionAt]! - top;
  const text = block.map((l) => l.trimEnd()).join('\n');
  const reassembled = block.length > 1 || rows > 1 || snap.wrapped === undefined ? { reassembled: true as const } : {};
  const ambiguity = first === 0 ? { ambiguity: 'the subject may begin above the screen' } : {};
  // The subject exactly as printed: a shell runs what is shown, so nothing is taken off (not even a "$").
  if (/shell command/i.test(question)) return { subject: { command: text, ...reassembled }, top, ...ambiguity };
  if (/file/i.test(question)) return { subject: { file: text, ...reassembled }, top, ...ambiguity };
  return null;
}
