import type { PromptOption } from '../model/screen.js';

/** A numbered option line: "❯ 1. Yes", "  2. No, exit". The marker shows the highlighted one. */
const optionLine = (markers: string) => new RegExp(`^\\s*([${markers}])?\\s*(\\d{1,2})\\.\\s+(\\S.*?)\\s*$`);
const OPTION_DEFAULT = optionLine('❯›>');

export interface Menu {
  /** Line index of the first and last option. */
  first: number;
  last: number;
  options: PromptOption[];
  selected: number | null;
}

const UP = '\x1b[A';
const DOWN = '\x1b[B';

/** Keys that move a menu's highlight from `from` to `to` and pick it. */
export function arrowKeys(from: number, to: number): string {
  return `${(to > from ? DOWN : UP).repeat(Math.abs(to - from))}\r`;
}

/** A highlighted line without a number: "  ❯ Continue without using this MCP server". */
const MARKED = /^(\s*)❯ (\S.*?)\s*$/;

/**
 * A menu whose options have no numbers (2.1.3xx start-up dialogs): the highlighted line and the
 * lines around it whose text starts in the same column. Options are picked with arrows + Enter.
 */
export function findUnnumberedMenu(lines: readonly string[]): Menu | null {
  for (let at = lines.length - 1; at >= 0; at--) {
    const m = MARKED.exec(lines[at]!);
    if (!m) continue;
    const indent = ' '.repeat(m[1]!.length + 2);
    const sibling = (l: string | undefined) => l?.startsWith(indent) && l[indent.length] !== ' ' && l.trim() !== '';
    let first = at;
    let last = at;
    while (sibling(lines[first - 1])) first--;
    while (sibling(lines[last + 1])) last++;
    if (last === first) continue;
    const labels = lines.slice(first, last + 1).map((l, i) => (first + i === at ? m[2]! : l.trim()));
    const selected = at - first;
    return { first, last, options: labels.map((label, i) => ({ label, keys: [arrowKeys(selected, i)] })), selected };
  }
  return null;
}

/**
 * Finds the last block of consecutively numbered options (1., 2., …) on the screen. Lines
 * between options are taken as wrapped labels or descriptions, and single blank lines as the
 * spacing some CLIs put between options (Codex). Returns null when there is no such block with
 * at least two options.
 */
export function findMenu(lines: readonly string[], markers = '❯›>'): Menu | null {
  const OPTION = markers === '❯›>' ? OPTION_DEFAULT : optionLine(markers);
  for (let end = lines.length - 1; end >= 0; end--) {
    const m = OPTION.exec(lines[end]!);
    if (!m) continue;
    // Walk up from this option to option 1, allowing continuation lines in between.
    const found: { line: number; number: number; label: string; marked: boolean }[] = [];
    let expect = Number(m[2]);
    for (let i = end; i >= 0 && expect >= 1; i--) {
      const o = OPTION.exec(lines[i]!);
      if (o && Number(o[2]) === expect) {
        found.unshift({ line: i, number: expect, label: o[3]!, marked: o[1] !== undefined });
        expect--;
      } else if (o || end - i > 40 || (lines[i]!.trim() === '' && lines[i - 1]?.trim() === '')) {
        // Another numbering, too far, or two blank lines: this block of options has ended.
        break;
      }
    }
    if (expect !== 0 || found.length < 2) continue;
    const selectedIndex = found.findIndex((f) => f.marked);
    return {
      first: found[0]!.line,
      last: end,
      options: found.map((f) => ({ label: f.label, number: f.number, keys: [String(f.number)] })),
      selected: selectedIndex >= 0 ? selectedIndex : null,
    };
  }
  return null;
}
