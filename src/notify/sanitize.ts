/**
 * Agent text made safe for a notification or an escape sequence: control characters
 * (C0, DEL, C1 — so ESC, BEL, ST and CSI cannot start or end a sequence) become spaces,
 * runs of space collapse, and the result is cut to `max` characters.
 */
export function plainText(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
