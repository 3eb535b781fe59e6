import { connectSession } from './client/connect.js';
import { attach } from './client/relay.js';
import { oneLine } from './config/quote.js';
import { runCleanups } from './lib/cleanup.js';

/**
 * `agentmux attach [NAME]` on its own: the relay client and nothing else (no option parser, no
 * config), so that attaching starts as fast as Node can. bin/agentmux.js comes here only for
 * that plain form; anything else (`--help`, a flag) goes through the full command line.
 */
export function run(name: string | undefined): void {
  connectSession(name)
    .then((found) => attach(found.socket, { name: found.name }))
    .then(
      (code) => process.exit(code),
      (err: unknown) => {
        runCleanups();
        const known = typeof (err as { exitCode?: unknown }).exitCode === 'number';
        process.stderr.write(`agentmux: ${known ? '' : 'internal error: '}${oneLine(err instanceof Error ? err.message : String(err))}\n`);
        process.exit(known ? (err as { exitCode: number }).exitCode : 1);
      },
    );
}
