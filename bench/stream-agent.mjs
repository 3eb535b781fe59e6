// A bench agent that prints realistic agent output (colours, long lines, wide characters) without
// end, at the pace of a busy build log: 10 lines every 20 ms (500 lines a second).
const words = ['const', 'return', 'await', 'function', '中文', 'résumé', 'token', 'build', 'test', '✓', 'error', 'warning'];
let i = 0;
function line() {
  const n = 8 + (i % 20);
  let s = `\x1b[38;5;${(i * 7) % 256}m${String(i).padStart(6)}\x1b[0m `;
  for (let k = 0; k < n; k++) s += (k % 5 === 0 ? '\x1b[1m' : '') + words[(i + k) % words.length] + '\x1b[0m ';
  i++;
  return `${s}\r\n`;
}
function burst() {
  let out = '';
  for (let k = 0; k < 10; k++) out += line();
  process.stdout.write(out, () => setTimeout(burst, 20));
}
burst();
