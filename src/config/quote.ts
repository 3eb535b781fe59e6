/**
 * What a terminal would act on, or that would hide or reorder a message: C0 and C1 controls
 * (ESC, CSI, newlines), DEL, soft hyphen, bidi and zero-width marks, line and paragraph
 * separators, byte order marks, interlinear annotations and lone surrogates.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escaped(c: string): string {
  return SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The first `n` UTF-16 units of `text`, never ending inside a surrogate pair. */
function head(text: string, n: number): string {
  const cut = text.slice(0, n);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** The last `n` UTF-16 units of `text`, never starting inside a surrogate pair. */
function tail(text: string, n: number): string {
  const cut = text.slice(-n);
  return /^[\udc00-\udfff]/.test(cut) ? cut.slice(1) : cut;
}

/**
 * A user's text as a message shows it: in double quotes, with `"`, `\` and every character a
 * terminal would act on escaped as in JSON ("\u001b"), cut after `max` characters with the
 * length said ("aaaa…" (1000000 characters)).
 */
export function quote(text: string, max = 60): string {
  const shown = text.length > max ? `${head(text, max)}…` : text;
  const body = shown.replace(/["\\]/g, '\\$&').replace(UNSAFE, escaped);
  return text.length > max ? `"${body}" (${text.length} characters)` : `"${body}"`;
}

/**
 * A message made safe for one line of a terminal: every character it would act on escaped,
 * and at most `max` characters (a long one keeps its start and its end, which say where and what).
 */
export function oneLine(message: string, max = 500): string {
  const safe = message.replace(UNSAFE, escaped);
  if (safe.length <= max) return safe;
  const half = Math.floor((max - 1) / 2);
  return `${head(safe, half)}…${tail(safe, half)}`;
}
