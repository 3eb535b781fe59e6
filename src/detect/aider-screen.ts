import type { Detection, ParsedPrompt, PromptOption, ScreenSnapshot } from './types.js';

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

/** The line that ends at row `last`, with the rows the terminal wrapped it onto; `whole` is false when that is unknown. */
function logicalLine(snap: ScreenSnapshot, last: number): { text: string; top: number; rows: number; known: boolean } {
  let top = last;
  while (top > 0 && last - top < 8 && snap.wrapped?.[top]) top--;
  const text = snap.lines.slice(top, last + 1).join('');
  return { text, top, rows: last - top + 1, known: snap.wrapped !== undefined };
}

export function detectAider(snap: ScreenSnapshot): Detection {
  const progressKey = snap.lines.join('\n');
  const row = snap.cursor.y;
  const question = logicalLine(snap, row);
  const line = question.text.trimEnd();
  const m = CONFIRM.exec(line);
  if (m) {
    const opts = options(m[2]!);
    const def = opts.findIndex((o) => o.label.toLowerCase().startsWith(m[3]!.toLowerCase()));
    const subject = subjectAbove(snap, question.top, m[1]!);
    return {
      state: 'approval',
      reason: 'screen: aider question at the cursor',
      prompt: {
        kind: 'confirm',
        question: m[1]!.trim(),
        options: opts,
        selected: def >= 0 ? def : null,
        ...(subject ? { subject: subject.subject } : {}),
        at: { top: subject ? subject.top : question.top, bottom: row },
      },
      progressKey,
    };
  }
  if (INPUT.test(line) && snap.cursor.x >= (snap.lines[row] ?? '').trimEnd().length) return { state: 'idle', reason: 'screen: input prompt', progressKey };
  return { state: 'unknown', reason: 'screen: output', progressKey };
}

/**
 * The command or file a question is about: aider prints it on the line above the question. A
 * subject the terminal wrapped over several rows (or whose wrapping is unknown) is marked
 * reassembled: good to show, not to match rules against.
 */
function subjectAbove(snap: ScreenSnapshot, questionTop: number, question: string): { subject: NonNullable<ParsedPrompt['subject']>; top: number } | null {
  if (questionTop < 1) return null;
  const above = logicalLine(snap, questionTop - 1);
  const text = above.text.trim();
  if (!text) return null;
  const reassembled = above.rows > 1 || !above.known ? { reassembled: true as const } : {};
  if (/shell command/i.test(question)) return { subject: { command: text.replace(/^\$\s*/, ''), ...reassembled }, top: above.top };
  if (/file/i.test(question)) return { subject: { file: text, ...reassembled }, top: above.top };
  return null;
}
