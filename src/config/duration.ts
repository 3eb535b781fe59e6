/** The longest duration agentmux takes: a week (timers overflow past 24.8 days). */
export const MAX_DURATION_MS = 7 * 24 * 3_600_000;

/**
 * Parses "90s", "3m", "1h", "500ms" or a number of seconds into milliseconds; null if it is none
 * of those, or longer than MAX_DURATION_MS.
 */
export function parseDuration(value: string | number): number | null {
  const ms = parseAny(value);
  return ms !== null && ms <= MAX_DURATION_MS ? ms : null;
}

/** No duration is written in more characters than this (and a regular expression need not read a megabyte). */
const MAX_LENGTH = 40;

function parseAny(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : null;
  if (value.length > MAX_LENGTH) return null;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(value.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return Math.round(n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h']);
}
