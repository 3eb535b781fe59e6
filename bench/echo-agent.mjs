// A bench agent that answers each key at once with a numbered marker: "K1", "K2", ...
// so the time from a key to its echo can be read off whatever draws this agent's screen. Ten to a
// line: a marker split by the screen's edge would never be read.
if (process.stdin.isTTY) process.stdin.setRawMode(true);
let n = 0;
process.stdout.write('ready\r\n');
process.stdin.on('data', (d) => {
  for (const ch of d.toString()) {
    if (ch === '\x03') process.exit(0);
    n++;
    process.stdout.write(n % 10 === 1 && n > 1 ? `\r\nK${n} ` : `K${n} `);
  }
});
