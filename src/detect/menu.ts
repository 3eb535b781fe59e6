import type { PromptOption } from './types.js';

/** A numbered option line: "❯ 1. Yes", "  2. No, exit". The marker shows the highlighted one. */
const OPTION = /^\s*([❯›>])?\s*(\d{1,2})\.\s+(\S.*?)\s*$/;

export interface Menu {
  /** Line index of the first and last option. */
  first: number;
  last: number;
  options: PromptOption[];
  selected: number | null;
}

/**
 * Finds the last block of consecutively numbered options (1., 2., …) on the screen. Lines
 * between options that are neither options nor blank are taken as wrapped labels or
 * descriptions. Returns null when there is no such block with at least two options.
 */
export function findMenu(lines: readonly string[]): Menu | null {
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
      } else if (o || lines[i]!.trim() === '' || end - i > 40) {
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
