import { isAbsolute } from 'node:path';
import { findOption, modeChange, type Intent } from '../detect/answer.js';
import { displayPath, subjectLine } from '../model/subject.js';
import { matchesGlob } from '../lib/glob.js';
import type { ParsedPrompt } from '../model/screen.js';
import { visibleText } from '../notify/sanitize.js';

export interface BarLine {
  text: string;
  style?: 'title' | 'subject' | 'option' | 'selected' | 'hint' | 'warn';
}

/** Splits text into lines of at most `width` characters, breaking at spaces where it can; nothing is cut off. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let rest = para;
    while (rest.length > width) {
      const space = rest.lastIndexOf(' ', width);
      const cut = space > width / 2 ? space : width;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut).replace(/^ /, '');
    }
    out.push(rest);
  }
  return out;
}

const SHORTCUT: Record<Intent, string> = { yes: 'y', always: 'a', no: 'n' };

/** Where the agent works and what it may touch: paths are shown relative to `cwd`, and checked against `scope`. */
export interface BarContext {
  cwd?: string;
  scope?: readonly string[];
}

/** The file a prompt is about, when it lies outside the agent's scope (globs; none: anything goes). */
export function outsideScope(prompt: ParsedPrompt, ctx: BarContext): boolean {
  const file = prompt.subject?.file;
  if (!file || !ctx.scope?.length) return false;
  const shown = displayPath(file, ctx.cwd);
  if (isAbsolute(shown) || shown.startsWith('..')) return true;
  return !ctx.scope.some((g) => matchesGlob(shown, g));
}

/**
 * The approval bar's lines for a waiting agent: who waits and on what question, the subject
 * in full (wrapped, never cut; a file outside the agent's scope marked), each option with the
 * keys that pick it (y / a / n, and o then its digit for any option), an option that changes
 * the agent's permission mode marked as such, and the last message.
 */
export function approvalBarLines(agent: string, prompt: ParsedPrompt, width: number, message: { text: string; tone: 'info' | 'warn' } | null, ctx: BarContext = {}): BarLine[] {
  // Agent text is shown with its control and invisible characters spelled out: what you approve is what you see.
  const lines: BarLine[] = wrap(`${agent} needs you · ${visibleText(prompt.question)}`, width).map((text) => ({ text, style: 'title' }));
  const subject = subjectLine(prompt, ctx.cwd);
  if (subject) lines.push(...wrap(visibleText(subject, true), width).map((text) => ({ text, style: 'subject' as const })));
  if (outsideScope(prompt, ctx)) lines.push(...wrap(`⚑ outside ${agent}'s scope (${ctx.scope!.join(', ')})`, width).map((text) => ({ text, style: 'warn' as const })));
  const shortcuts = new Map<number, string>();
  for (const intent of ['yes', 'always', 'no'] as const) {
    const i = findOption(prompt, intent);
    if (i !== null && !shortcuts.has(i)) shortcuts.set(i, SHORTCUT[intent]);
  }
  const keyWidth = Math.max(0, ...prompt.options.map((o, i) => optionKeys(shortcuts.get(i), o.number ?? i + 1).length));
  prompt.options.forEach((o, i) => {
    const keys = optionKeys(shortcuts.get(i), o.number ?? i + 1);
    const mark = i === prompt.selected ? '❯' : ' ';
    const style = i === prompt.selected ? ('selected' as const) : ('option' as const);
    lines.push(...wrap(`${mark} ${keys.padEnd(keyWidth)} ${visibleText(o.label)}`, width).map((text) => ({ text, style })));
    const what = modeChange(prompt, o.label);
    if (what) lines.push(...wrap(`    ⚠ switches ${agent} to ${what.mode} for the rest of its session: ${what.detail} (asks you first)`, width).map((text) => ({ text, style: 'warn' as const })));
  });
  if (!prompt.options.length) lines.push({ text: 'the prompt is not on the agent’s screen yet', style: 'hint' });
  if (message) lines.push(...wrap(message.text, width).map((text) => ({ text, style: message.tone === 'warn' ? ('warn' as const) : ('hint' as const) })));
  return lines;
}

/** "y/o1": the shortcut, if the option has one, and o then its digit (options 1-9). */
function optionKeys(shortcut: string | undefined, n: number): string {
  return [shortcut, n <= 9 ? `o${n}` : undefined].filter(Boolean).join('/');
}
