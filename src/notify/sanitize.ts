/**
 * Characters that change how the text around them is shown without being seen themselves:
 * bidirectional overrides, embeddings, isolates and marks (U+202A–U+202E, U+2066–U+2069,
 * U+200E, U+200F, U+061C), zero-width spaces and joiners (U+200B–U+200D, U+2060, U+FEFF) and
 * other invisible format characters (soft hyphen, Mongolian vowel separator). In agent text they
 * can make `rm -rf x` read as something harmless.
 */
// eslint-disable-next-line no-misleading-character-class
export const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Agent text made safe for a notification or an escape sequence: control characters
 * (C0, DEL, C1 — so ESC, BEL, ST and CSI cannot start or end a sequence) become spaces,
 * invisible format characters (bidi overrides, zero-width) are removed, runs of space
 * collapse, and the result is cut to `max` characters.
 */
export function plainText(text: string, max = 200): string {
  const clean = text
    .replace(INVISIBLE, '')
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/**
 * Agent text shown to someone deciding about it (the approval bar, the `L` list): every control
 * and invisible character is shown as its code point (`‹U+202E›`), so nothing it says is hidden
 * or reordered. Line breaks stay when `keepNewlines`.
 */
export function visibleText(text: string, keepNewlines = false): string {
  const mark = (c: string) => (keepNewlines && c === '\n' ? c : `‹U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}›`);
  return text.replace(INVISIBLE, mark).replace(CONTROL, mark);
}
