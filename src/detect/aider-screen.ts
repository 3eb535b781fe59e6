import type { Detection, PromptOption, ScreenSnapshot } from './types.js';

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

export function detectAider(snap: ScreenSnapshot): Detection {
  const progressKey = snap.lines.join('\n');
  const line = (snap.lines[snap.cursor.y] ?? '').trimEnd();
  const m = CONFIRM.exec(line);
  if (m) {
    const opts = options(m[2]!);
    const def = opts.findIndex((o) => o.label.toLowerCase().startsWith(m[3]!.toLowerCase()));
    return {
      state: 'approval',
      reason: 'screen: aider question at the cursor',
      prompt: { kind: 'confirm', question: m[1]!.trim(), options: opts, selected: def >= 0 ? def : null, ...(subjectAbove(snap) ? { subject: subjectAbove(snap)! } : {}) },
      progressKey,
    };
  }
  if (INPUT.test(line) && snap.cursor.x >= line.length) return { state: 'idle', reason: 'screen: input prompt', progressKey };
  return { state: 'unknown', reason: 'screen: output', progressKey };
}

/** The command or file a question is about: aider prints it on the line above the question. */
function subjectAbove(snap: ScreenSnapshot): { command?: string; file?: string } | null {
  const above = (snap.lines[snap.cursor.y - 1] ?? '').trim();
  const question = snap.lines[snap.cursor.y] ?? '';
  if (!above) return null;
  if (/shell command/i.test(question)) return { command: above.replace(/^\$\s*/, '') };
  if (/file/i.test(question)) return { file: above };
  return null;
}
