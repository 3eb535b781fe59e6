// An agent that notes every resize it gets: node winch-agent.mjs <log> [lines] [prompt]
// Appends "<cols>x<rows>" to <log> at start and on each SIGWINCH, prints `lines` numbered
// "step N" lines, then the prompt (if any) and waits for input.
import { appendFileSync } from 'node:fs';

const [log, lines = '0', prompt = ''] = process.argv.slice(2);
const note = () => appendFileSync(log, `${process.stdout.columns}x${process.stdout.rows}\n`);
note();
process.on('SIGWINCH', note);
let out = '';
for (let i = 1; i <= Number(lines); i++) out += `step ${i}\r\n`;
process.stdout.write(out + prompt);
process.stdin.resume();
