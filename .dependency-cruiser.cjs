/**
 * The layers of src/, bottom to top. A module may import its own layer and the ones below it,
 * never above (npm run lint fails otherwise):
 *   model            the shared vocabulary: types every layer speaks, and nothing of ours
 *   lib              small generic helpers (globs, finding programs, files)
 *   detect           reading an agent's screen
 *   kinds            one profile per agent kind: recognising it, its detector, its prompts' actions
 *   config           data: the config file, its schema and its defaults
 *   hooks            Claude Code's hooks: settings, the socket, what events mean
 *   session          PTYs, headless terminals, transcripts, the manager
 *   approvals, notify, git, events   what agentmux does with sessions
 *   demo, tui        the dashboard and the simulated agents
 *   server           a session's server: its socket, protocol, clients' dashboards, manifest
 *   client           the attach client (a relay of bytes) and the commands that talk to servers
 *   (src/*.ts)       the command line
 */
const LAYERS = ['model', 'lib', 'detect', 'kinds', 'config', 'hooks', 'session', 'approvals|notify|git|events', 'demo|tui', 'server', 'client'];

const above = (i) => LAYERS.slice(i + 1).join('|');
const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `${layer.replace(/\|/g, '-')}-imports-down`,
  comment: `src/${layer}/ may import only the layers below it (see the top of this file)`,
  severity: 'error',
  from: { path: `^src/(${layer})/` },
  to: { path: `^src/((${above(i)})/|[^/]+\\.tsx?$)` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'detect-speaks-only-the-vocabulary',
      comment: 'reading a screen needs nothing but the model: src/detect/ imports only src/model/',
      severity: 'error',
      from: { path: '^src/detect/' },
      to: { path: '^src/', pathNot: '^src/(model|detect)/' },
    },
    {
      name: 'no-circular',
      comment: 'modules that import each other cannot be understood (or tested) apart',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'client-is-a-relay',
      comment: 'the attach client starts fast and carries no UI: it speaks the protocol and restores the terminal, nothing more',
      severity: 'error',
      from: { path: '^src/client/' },
      to: { path: '^src/', pathNot: '^src/(client/|model/|lib/|server/(protocol|paths|manifest)\\.ts$|tui/outer-modes\\.ts$|config/(types|notify-settings)\\.ts$|session/(transcript|make-dir)\\.ts$)' },
    },
    {
      name: 'peers-apart',
      comment: 'approvals, notify, git and events are peers: none imports another',
      severity: 'error',
      from: { path: '^src/(approvals|notify|git|events)/' },
      to: { path: '^src/(approvals|notify|git|events)/', pathNot: '^src/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
