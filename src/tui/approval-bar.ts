import { findOption, type Intent } from '../detect/answer.js';
import type { ParsedPrompt } from '../detect/types.js';

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

/** What the subject of a prompt is, in words: "Bash: npm test", "Edit: src/a.ts". */
export function subjectText(prompt: ParsedPrompt): string | null {
  const s = prompt.subject;
  if (!s) return null;
  const what = s.command ?? s.file ?? s.text;
  if (!what) return s.tool ?? null;
  return s.tool ? `${s.tool}: ${what}` : what;
}

/**
 * The approval bar's lines for a waiting agent: who waits and on what question, the subject
 * in full (wrapped, never cut), each option with the keys that pick it, and the last message.
 */
export function approvalBarLines(agent: string, prompt: ParsedPrompt, width: number, message: { text: string; tone: 'info' | 'warn' } | null): BarLine[] {
  const lines: BarLine[] = wrap(`${agent} needs you · ${prompt.question}`, width).map((text) => ({ text, style: 'title' }));
  const subject = subjectText(prompt);
  if (subject) lines.push(...wrap(subject, width).map((text) => ({ text, style: 'subject' as const })));
  const shortcuts = new Map<number, string>();
  for (const intent of ['yes', 'always', 'no'] as const) {
    const i = findOption(prompt, intent);
    if (i !== null && !shortcuts.has(i)) shortcuts.set(i, SHORTCUT[intent]);
  }
  prompt.options.forEach((o, i) => {
    const keys = [shortcuts.get(i), o.number !== undefined && o.number <= 9 ? String(o.number) : i < 9 ? String(i + 1) : undefined].filter(Boolean).join('/');
    const mark = i === prompt.selected ? '❯' : ' ';
    const label = `${mark} ${keys.padEnd(3)} ${o.label}`;
    lines.push(...wrap(label, width).map((text) => ({ text, style: i === prompt.selected ? ('selected' as const) : ('option' as const) })));
  });
  if (!prompt.options.length) lines.push({ text: 'the prompt is not on the agent’s screen yet', style: 'hint' });
  if (message) lines.push(...wrap(message.text, width).map((text) => ({ text, style: message.tone === 'warn' ? ('warn' as const) : ('hint' as const) })));
  return lines;
}
