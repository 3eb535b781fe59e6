// Bundles the CLI (dist/agentmux.mjs and the chunks it loads on demand): loading hundreds of small modules costs
// over a second on a slow disk; a few files load in a fraction of that. The native PTY module and
// node-notifier (which finds its helper binaries next to itself) stay outside.
import { resolve } from 'node:path';
import { build } from 'esbuild';

await build({
  entryPoints: { agentmux: 'dist/cli.js' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  // What a command does not need is not loaded: `ls` loads no UI code.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@lydell/node-pty', 'node-notifier'],
  plugins: [
    {
      // Ink's output stage builds every cell of every frame anew; dist/tui/ink-output.js makes the
      // same frames at a fraction of the cost (see there), and takes its place.
      name: 'ink-output',
      setup(b) {
        b.onResolve({ filter: /^\.\/output\.js$/ }, (args) => (/[\\/]ink[\\/]build[\\/]renderer\.js$/.test(args.importer) ? { path: resolve('dist/tui/ink-output.js') } : undefined));
      },
    },
    {
      // Ink imports React's devtools, used only when DEV=true (and not installed): a stub.
      name: 'no-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
        b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };' }));
      },
    },
  ],
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS dependencies bundled into an ES module still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __agentmuxRequire } from 'node:module'; const require = __agentmuxRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
});

// The attach client, as one CommonJS file: bin/agentmux.js requires it without Node's
// ES module loader or the chunks (what `agentmux attach` waits on is Node's start and this).
await build({
  entryPoints: ['dist/attach.js'],
  outfile: 'dist/attach.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['@lydell/node-pty', 'node-notifier'],
  logLevel: 'warning',
  legalComments: 'none',
});
