// Inside the offline network namespace: carries Claude Code's http hooks from the loopback port
// its settings name to agentmux's hook socket beside that settings file (a Unix socket reaches
// across network namespaces; loopback does not). Bytes only, nothing else is reachable.
// Usage: hook-relay.mjs <claude settings file>
import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';

const file = process.argv[2];
const settings = JSON.parse(readFileSync(file, 'utf8'));
const url = Object.values(settings.hooks ?? {})[0]?.[0]?.hooks?.[0]?.url;
if (!url) process.exit(0);
const { hostname, port } = new URL(url);
const socket = join(dirname(file), 'hooks.sock');
createServer((c) => {
  const up = connect(socket);
  c.pipe(up).pipe(c);
  c.on('error', () => up.destroy());
  up.on('error', () => c.destroy());
}).listen(Number(port), hostname, () => process.stdout.write('listening\n'));
