/** The q-quantile (0..1) of numbers, by nearest rank. */
export function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

export const median = (values) => quantile(values, 0.5);
