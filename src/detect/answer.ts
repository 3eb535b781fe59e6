import type { ParsedPrompt } from './types.js';

/** What the user means, independent of how an agent numbers its options. */
export type Intent = 'yes' | 'always' | 'no';

const ALWAYS = /(don[’']t ask again|always allow|allow always|allow all|to all|for this session|remember)/i;
const SWITCH_MODE = /switch to .* mode/i;

/**
 * Finds the option for an intent by its label, never by its position (Claude Code renumbers
 * options between versions): `yes` is the plain first "Yes…", `always` the "don't ask again /
 * always allow" one, `no` the "No…" one. Null when the prompt has no such option.
 */
export function findOption(prompt: ParsedPrompt, intent: Intent): number | null {
  const labels = prompt.options.map((o) => o.label.trim());
  let i = -1;
  if (intent === 'yes') {
    // The plain yes; failing that (plan approval has only "Yes, and switch to … mode"), the first yes.
    const yes = (l: string) => /^(yes|y|allow|approve|proceed|trust|accept|use this)\b/i.test(l);
    i = labels.findIndex((l) => yes(l) && !ALWAYS.test(l) && !SWITCH_MODE.test(l));
    if (i < 0) i = labels.findIndex(yes);
  }
  if (intent === 'always') i = labels.findIndex((l) => ALWAYS.test(l) && !/^no\b/i.test(l));
  if (intent === 'no') i = labels.findIndex((l) => /^(no|n|deny|reject|cancel|continue without)\b/i.test(l));
  return i >= 0 ? i : null;
}

/** True when two prompts are the same question about the same thing with the same choices. */
export function samePrompt(a: ParsedPrompt, b: ParsedPrompt): boolean {
  return (
    a.kind === b.kind &&
    a.question === b.question &&
    JSON.stringify(a.subject ?? null) === JSON.stringify(b.subject ?? null) &&
    a.options.length === b.options.length &&
    a.options.every((o, i) => o.label === b.options[i]!.label)
  );
}
