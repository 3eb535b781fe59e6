/**
 * A run's watchdog, a process of its own (started by start-watchdog.ts): it ends the run's
 * agents when agentmux cannot, killed with -9 say. Arguments: the run's token and the grace in ms.
 *
 * It waits on its stdin, whose other end only agentmux holds, and so costs nothing meanwhile. When
 * agentmux has ended its agents it says "done" and the watchdog exits at once. When the pipe
 * closes without that, agentmux is gone whatever way: every process still marked with the run's
 * token gets SIGHUP, and SIGKILL after the grace. Nothing without the token is ever signalled.
 */
import { isRunToken, sweepRun } from './run-marker.js';

const [token = '', grace = ''] = process.argv.slice(2);
if (!isRunToken(token)) process.exit(2);
const graceMs = /^\d+$/.test(grace) ? Number(grace) : undefined;

let heard = '';
let sweeping = false;
const sweep = () => {
  if (sweeping) return;
  sweeping = true;
  void sweepRun(token, [process.pid], graceMs).finally(() => process.exit(0));
};
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  heard += chunk;
  if (heard.includes('done\n') && !sweeping) process.exit(0);
});
process.stdin.on('end', sweep);
process.stdin.on('error', sweep);
