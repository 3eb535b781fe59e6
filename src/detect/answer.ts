import type { ParsedPrompt } from '../model/screen.js';

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

/** A permission mode an option switches the agent to, and what that means. */
export interface ModeChange {
  mode: string;
  detail: string;
}

/**
 * What picking an option would do to the agent beyond this one call, when it changes the
 * agent's permission mode for the rest of its session ("Yes, allow all edits during this
 * session", "Yes, and switch to auto mode", "Yes, I accept" on the bypass warning), in words
 * for the confirmation; null for an option that answers only this prompt (or adds one rule).
 */
export function modeChange(prompt: Pick<ParsedPrompt, 'kind'>, label: string): ModeChange | null {
  const l = label.trim();
  if (/^no\b/i.test(l)) return null;
  const bypass = { mode: 'bypass permissions', detail: 'it runs every command and edit without asking' };
  if (prompt.kind === 'bypass' && /^yes\b/i.test(l)) return bypass;
  if (/bypass/i.test(l)) return bypass;
  if (/auto mode/i.test(l)) return { mode: 'auto mode', detail: 'it decides its own permission prompts' };
  if (/accept edits|allow all edits|auto-accept edits|auto-approve/i.test(l)) return { mode: 'accept edits', detail: 'it edits files and runs common file commands without asking' };
  const sw = /switch to (.+?)(?: \(| for this session|$)/i.exec(l);
  if (sw) return { mode: `${sw[1]!.trim()} mode`, detail: 'its permission mode changes' };
  if (/(for|during) this session/i.test(l) && /\ball\b/i.test(l)) return { mode: 'a session-wide permission', detail: l };
  return null;
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
