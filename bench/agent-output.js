// Realistic coding-agent output for the ingest benchmark: coloured diffs and logs, long lines
// that wrap, cursor movement (a spinner redrawn in place, erased lines), wide characters.
// Deterministic (seeded), so every run and both contenders parse the same bytes.

const WORDS = [
  'const',
  'function',
  'return',
  'await',
  'import',
  'export',
  'config',
  'timeout',
  'retry',
  'request',
  'handler',
  'error',
  'value',
  'result',
  'test',
  'expect',
  'describe',
  'module',
  'async',
  'string',
];
const WIDE = ['配置', '超时', '重试', '错误', '結果', 'テスト', '✅', '🚀', '📦', '한국어'];

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `bytes` bytes (at least) of agent-like terminal output. */
export function agentOutput(bytes, seed = 1) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const words = (n) => Array.from({ length: n }, () => (r() < 0.05 ? pick(WIDE) : pick(WORDS))).join(' ');
  const parts = [];
  let size = 0;
  const push = (s) => {
    parts.push(s);
    size += Buffer.byteLength(s);
  };
  let n = 0;
  while (size < bytes) {
    n++;
    const k = r();
    if (k < 0.35) push(`\x1b[32m+  ${words(6 + Math.floor(r() * 8))}\x1b[0m\r\n`);
    else if (k < 0.5) push(`\x1b[31m-  ${words(5 + Math.floor(r() * 6))}\x1b[0m\r\n`);
    else if (k < 0.6) push(`\x1b[38;5;${Math.floor(r() * 256)}m● \x1b[1mBash\x1b[22m(${words(3)})\x1b[0m  \x1b[2m${words(4)}\x1b[0m\r\n`);
    else if (k < 0.7)
      push(`\x1b[38;2;${Math.floor(r() * 256)};${Math.floor(r() * 256)};${Math.floor(r() * 256)}m${words(40 + Math.floor(r() * 40))}\x1b[0m\r\n`); // long: wraps
    else if (k < 0.8)
      push(`\r\x1b[2K\x1b[33m✻\x1b[0m Working… (${n % 60}s · ↑ ${n} tokens)\x1b[1A\x1b[1B`); // a spinner redrawn in place
    else if (k < 0.85)
      push(`\x1b[s\x1b[1;1H\x1b[7m ${words(3)} \x1b[0m\x1b[u`); // a status drawn elsewhere, cursor restored
    else push(`  ${words(8 + Math.floor(r() * 10))}\r\n`);
  }
  return parts.join('');
}
