#!/usr/bin/env node
// The command users run: the compiled CLI in dist/ (built by `npm install` / `npm run build`).
// CommonJS (bin/package.json): `agentmux attach` and `--version` answer without starting Node's
// ES module loader, ~20 ms of what a person waits on; the rest of the CLI is imported from here.
'use strict';

// React's development build is several times slower; agentmux runs the production one. The
// variable is agentmux's own: agents do not inherit it (see session/agent-env.ts).
if (process.env.NODE_ENV === undefined) {
  process.env.NODE_ENV = 'production';
  process.env.AGENTMUX_NODE_ENV_ADDED = '1';
}

/** A built file of dist/, or null when it was not built (a clone before `npm run build`). */
function built(file) {
  try {
    return require(`../dist/${file}`);
  } catch (err) {
    if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes(file)) return null;
    throw err;
  }
}

async function main(args) {
  // `--version` answers before anything heavy loads: a script asking for it should not wait.
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${require('../package.json').version}\n`);
    return;
  }
  // `agentmux attach [NAME]`: the relay client alone, without the option parser (attaching is
  // what a person waits on, over ssh too).
  if ((args[0] === 'attach' || args[0] === 'a') && args.length <= 2 && !args.slice(1).some((a) => a.startsWith('-'))) {
    const attach = built('attach.cjs');
    if (attach) return attach.run(args[1]);
  }
  // The bundled CLI (one file: loads in a fraction of the time of dist/'s hundreds of modules),
  // or the compiled modules when the bundle is missing.
  let cli;
  try {
    cli = await import('../dist/agentmux.mjs').catch((err) => {
      if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('agentmux.mjs')) return import('../dist/cli.js');
      throw err;
    });
  } catch (err) {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
      process.stderr.write('agentmux: not built yet: run `npm run build` in the agentmux folder\n');
      process.exit(1);
    }
    throw err;
  }
  cli.run(process.argv);
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`agentmux: internal error: ${String(err?.message ?? err).split('\n')[0]}\n`);
  process.exit(1);
});
