import { findMenu } from './menu.js';
import type { Detection, ParsedPrompt, ScreenSnapshot } from '../model/screen.js';

/**
 * OpenAI Codex CLI (its Rust TUI), read from the live screen. Strings from its source
 * (codex-rs/tui, bottom_pane/approval_overlay.rs and the footer/status widgets):
 * - approval: "Would you like to run the following command?" / "…make the following edits?" /
 *   "…grant these permissions?", options "› 1. Yes, proceed (y)", "2. Yes, and don't ask again
 *   for … (p)", "3. No, and tell Codex what to do differently (esc)", then "Press enter to
 *   confirm or esc to cancel";
 * - working: the status line "• Working (12s • esc to interrupt)";
 * - idle: the composer "› " (placeholder "Ask Codex to do anything") with no status line.
 */
const QUESTION = /Would you like to (run the following command|make the following edits|grant these permissions)\?/;
const CONFIRM_HINT = /Press enter to confirm or esc to cancel/i;
/** Other dialogs (sign-in, folder trust) end with "Press enter to continue" or "enter continue · esc back". */
const DIALOG_HINT = /(press enter to (confirm|continue|select)|enter continue|enter to select)/i;
const WORKING = /\(\s*\d+[hms]?(?:\s*\d+[ms])*\s*•\s*esc to interrupt\s*\)|esc to interrupt/i;
const SPINNER_PREFIX = /^\s*[•◦·⠀-⣿]\s+\S+(?: \S+)?\s+\(\d/;
const COMPOSER = /^\s*›\s/;

/** The shortcut a Codex option shows at its end: "(y)", "(p)", "(esc)". */
function shortcut(label: string): string | null {
  const m = /\((\w|esc)\)\s*$/.exec(label);
  if (!m) return null;
  return m[1] === 'esc' ? '\x1b' : m[1]!;
}

/** Rows grouped into paragraphs (runs of non-blank rows), indentation taken off. */
function paragraphs(rows: readonly string[]): string[][] {
  const out: string[][] = [[]];
  for (const r of rows) {
    if (r.trim() === '') {
      if (out[out.length - 1]!.length) out.push([]);
    } else out[out.length - 1]!.push(r.trim());
  }
  return out.filter((p) => p.length);
}

/**
 * What Codex shows between the question and the options (approval_overlay.rs): optionally a
 * "Reason: …" paragraph, then the subject: the command, its first line after "$ ", or the
 * files of a patch. Nothing in between is dropped: anything its layout does not have (a second
 * block, a second "$ " line, lines after the command) makes the prompt ambiguous.
 */
function subjectBlock(rows: readonly string[]): { body: string[]; ambiguity?: string } {
  const paras = paragraphs(rows);
  if (paras[0]?.[0]?.startsWith('Reason:') && paras.length > 1) paras.shift();
  const body = paras.flat();
  if (paras.length === 0) return { body, ambiguity: 'the prompt shows no subject' };
  if (paras.length > 1) return { body, ambiguity: 'the prompt shows more than one block between its question and options' };
  return { body };
}

function parse(lines: readonly string[], questionAt: number): ParsedPrompt | null {
  const menu = findMenu(lines.slice(questionAt));
  if (!menu) return null;
  const question = QUESTION.exec(lines[questionAt]!)![0];
  const block = subjectBlock(lines.slice(questionAt + 1, questionAt + menu.first));
  const tool = question.includes('command') ? 'shell' : question.includes('edits') ? 'apply_patch' : 'permissions';
  let subject: NonNullable<ParsedPrompt['subject']>;
  let ambiguity = block.ambiguity;
  if (tool === 'shell') {
    const [first = '', ...rest] = block.body;
    if (!first.startsWith('$ ') || rest.some((l) => l.startsWith('$ '))) ambiguity ??= 'the command is not shown as one "$ " line';
    // The command exactly as shown; several rows (Codex wraps long commands itself) are pieced together.
    const command = [first.replace(/^\$ /, ''), ...rest].join('\n');
    subject = { tool, command, ...(rest.length ? { reassembled: true } : {}) };
  } else subject = { tool, text: block.body.join('\n') };
  return {
    kind: 'permission',
    question,
    subject,
    options: menu.options.map((o) => {
      const key = shortcut(o.label);
      return { label: o.label.replace(/\s*\((\w|esc)\)\s*$/, ''), ...(o.number !== undefined ? { number: o.number } : {}), keys: key ? [key] : o.keys };
    }),
    selected: menu.selected,
    ...(ambiguity ? { ambiguity } : {}),
  };
}

/** A start-up dialog (sign-in, folder trust): a highlighted menu and an enter hint at the bottom, no composer. */
function dialogPrompt(lines: readonly string[], bottom: number): ParsedPrompt | null {
  const hint = lines.findLastIndex((l) => DIALOG_HINT.test(l));
  if (hint < 0 || bottom - hint > 2 || lines.slice(0, bottom + 1).some((l) => COMPOSER.test(l) && !/^\s*› \d+\./.test(l))) return null;
  const menu = findMenu(lines.slice(0, hint));
  if (!menu || menu.selected === null || hint - menu.last > 3) return null;
  const above = lines
    .slice(Math.max(0, menu.first - 12), menu.first)
    .map((l) => l.trim())
    .filter(Boolean);
  const question = above.find((l) => /\?(\s|$)/.test(l))?.replace(/\?.*$/, '?') ?? above[above.length - 1] ?? '';
  return { kind: 'menu', question, options: menu.options, selected: menu.selected };
}

const progressKeyOf = (lines: readonly string[]) => lines.filter((l) => !WORKING.test(l) && !SPINNER_PREFIX.test(l)).join('\n');

export function detectCodex(snap: ScreenSnapshot): Detection {
  const lines = snap.lines;
  const progressKey = progressKeyOf(lines);
  // The live region is the bottom of the screen: a prompt printed higher up is transcript.
  const bottom = lines.reduce((last, l, i) => (l.trim() ? i : last), -1);
  if (bottom < 0) return { state: 'unknown', reason: 'blank screen', progressKey };
  const hint = lines.findLastIndex((l) => CONFIRM_HINT.test(l));
  if (hint >= 0 && bottom - hint <= 2) {
    const questionAt = lines.findLastIndex((l, i) => i < hint && QUESTION.test(l));
    const prompt = questionAt >= 0 && hint - questionAt <= 40 ? parse(lines.slice(0, hint), questionAt) : null;
    if (prompt) {
      // Another approval on screen, or a row the terminal wrapped (Codex draws every row itself): not one clear prompt.
      const doubt =
        lines.filter((l) => QUESTION.test(l)).length > 1 || lines.filter((l) => CONFIRM_HINT.test(l)).length > 1
          ? 'two prompts on screen'
          : snap.wrapped?.slice(questionAt, hint + 1).some(Boolean)
            ? 'a row of the prompt was wrapped by the terminal'
            : undefined;
      const ambiguity = prompt.ambiguity ?? doubt;
      return { state: 'approval', reason: 'screen: codex approval', prompt: { ...prompt, at: { top: questionAt, bottom: hint }, ...(ambiguity ? { ambiguity } : {}) }, progressKey };
    }
  }
  const tail = lines.slice(Math.max(0, bottom - 6), bottom + 1);
  const dialog = dialogPrompt(lines, bottom);
  if (dialog) return { state: 'approval', reason: 'screen: codex dialog', prompt: dialog, progressKey };
  if (tail.some((l) => WORKING.test(l))) return { state: 'working', reason: 'screen: "esc to interrupt"', progressKey };
  if (tail.some((l) => COMPOSER.test(l))) return { state: 'idle', reason: 'screen: composer', progressKey };
  return { state: 'unknown', reason: 'no composer, status or approval', progressKey };
}
