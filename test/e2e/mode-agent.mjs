// An agent that changes its input modes when told: b / B bracketed paste on / off, c / C
// application cursor keys, m / M mouse with drags. Everything else it gets it logs, as JSON,
// one line per read, to the file named first.
import { appendFileSync } from 'node:fs';

const log = process.argv[2];
const MODES = { b: '\x1b[?2004h', B: '\x1b[?2004l', c: '\x1b[?1h', C: '\x1b[?1l', m: '\x1b[?1002h\x1b[?1006h', M: '\x1b[?1002l' };
process.stdin.setRawMode(true);
process.stdout.write('modes ready\r\n');
process.stdin.on('data', (d) => {
  const s = d.toString('utf8');
  if (MODES[s]) return process.stdout.write(`${MODES[s]}mode ${s}\r\n`);
  appendFileSync(log, `${JSON.stringify(s)}\n`);
  process.stdout.write(`got ${s.length}\r\n`);
});
