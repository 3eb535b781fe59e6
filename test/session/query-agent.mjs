// An agent that asks its terminal each query given (JSON list of [name, bytes]) and prints what
// came back, as JSON, one line each, into a file (the screen is the queries' to move about). Every query is followed by DA1, which every terminal
// answers, so a query left unanswered shows as an empty reply instead of a hang.
import { appendFileSync } from 'node:fs';

const queries = JSON.parse(process.argv[2]);
const results = process.argv[3];
appendFileSync(results, `${JSON.stringify(['size', `${process.stdout.rows};${process.stdout.columns}`])}\n`);
process.stdin.setRawMode(true);
let buf = '';
let i = -1;
const DA1 = /\x1b\[\?[\d;]*c/;
const next = () => {
  i++;
  if (i >= queries.length) {
    process.stdout.write('ALL ASKED\r\n');
    process.exit(0);
  }
  buf = '';
  process.stdout.write(`${queries[i][1]}\x1b[c`);
};
process.stdin.on('data', (d) => {
  buf += d.toString('latin1');
  const m = DA1.exec(buf);
  if (!m) return;
  appendFileSync(results, `${JSON.stringify([queries[i][0], buf.slice(0, m.index)])}\n`);
  next();
});
next();
