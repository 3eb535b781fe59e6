// A bench agent that prints realistic agent output (colours, long lines, wide characters) without
// end, at the pace of a busy build log: 10 lines every 20 ms (500 lines a second), or the number
// of lines a second given as its argument.
const words = ['const', 'return', 'await', 'function', '中文', 'résumé', 'token', 'build', 'test', '✓', 'error', 'warning'];
let i = 0;
function line() {
  const n = 8 + (i % 20);
  let s = `\x1b[38;5;${(i * 7) % 256}m${String(i).padStart(6)}\x1b[0m `;
  for (let k = 0; k < n; k++) s += `${(k % 5 === 0 ? '\x1b[1m' : '') + words[(i + k) % words.length]}\x1b[0m `;
  i++;
  return `${s}\r\n`;
}
const perSecond = Number(process.argv[2] ?? 500);
const every = perSecond >= 50 ? 20 : Math.round(1000 / perSecond);
const lines = Math.max(1, Math.round((perSecond * every) / 1000));
function burst() {
  let out = '';
  for (let k = 0; k < lines; k++) out += line();
  process.stdout.write(out, () => setTimeout(burst, every));
}
burst();
