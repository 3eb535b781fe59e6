// An agent for the review comments: it changes files in its directory (app.txt, new.txt), then
// takes orders from files in the directory named second: while `work` exists it prints (it is
// working); `edit` makes it change line 2 of app.txt once more. Every read of its input is logged,
// as JSON, one line per read, to the file named first. It asks for bracketed paste, as Claude Code does.
import { appendFileSync, existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [log, control] = process.argv.slice(2);
writeFileSync('app.txt', 'a\nB changed\nc\nd added\n');
writeFileSync('new.txt', 'new one\ntwo\n');
process.stdin.setRawMode(true);
process.stdout.write('\x1b[?2004hchanged app.txt and new.txt\r\n');
process.stdin.on('data', (d) => {
  appendFileSync(log, `${JSON.stringify(d.toString('utf8'))}\n`);
  process.stdout.write(`got ${d.length} bytes\r\n`);
});
let n = 0;
setInterval(() => {
  if (existsSync(join(control, 'work'))) process.stdout.write(`working ${++n}\r\n`);
  if (existsSync(join(control, 'edit'))) {
    unlinkSync(join(control, 'edit'));
    writeFileSync('app.txt', 'a\nB edited again\nc\nd added\n');
    process.stdout.write('edited app.txt\r\n');
  }
}, 100);
