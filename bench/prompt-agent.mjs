// A bench agent: draws Claude Code's idle screen, then on each line from its control socket
// draws the real permission prompt ("prompt") or the idle screen again ("idle").
// Usage: node prompt-agent.mjs <socket path> <permission screen file> <idle screen file>
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';

const [sock, promptFile, idleFile] = process.argv.slice(2);
const screen = (f) => `\x1b[H\x1b[2J${readFileSync(f, 'utf8').replace(/\n$/, '').replace(/\n/g, '\r\n')}`;
const prompt = screen(promptFile);
const idle = screen(idleFile);
process.stdout.write(idle);
rmSync(sock, { force: true });
createServer((c) => {
  let buf = '';
  c.on('data', (d) => {
    buf += d;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const cmd = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      process.stdout.write(cmd === 'prompt' ? prompt : idle);
    }
  });
}).listen(sock);
