/**
 * How many colours the dashboard uses, decided from the terminal itself: NO_COLOR (any
 * non-empty value) turns colour off; otherwise a TTY that is not `dumb` gets colour, 24-bit
 * with COLORTERM=truecolor/24bit, 256 with a TERM naming 256 colours. Whether a `CI` variable
 * is set says nothing about the terminal agentmux draws on (Ink's colour library would turn
 * colour off for any of them, even CI=0).
 * 0: none, 1: 16 colours, 2: 256, 3: 24-bit.
 */
export function colorLevel(env: NodeJS.ProcessEnv, isTTY: boolean): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') {
    if (force === 'false' || force === '0') return 0;
    const n = Number(force);
    return n >= 1 && n <= 3 ? (n as 1 | 2 | 3) : 1;
  }
  if (!isTTY || !env.TERM || env.TERM === 'dumb') return 0;
  if (/^(truecolor|24bit)$/i.test(env.COLORTERM ?? '')) return 3;
  if (/256/.test(env.TERM)) return 2;
  return 1;
}
