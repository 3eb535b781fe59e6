import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/server/manifest.js';
import { BIN, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';
import { installedClaude, offlineSetup } from './harness.js';
import { CLAUDE_VERSIONS } from './install.js';

// A person's view of `agentmux resume` with the real Claude Code CLI, offline: a conversation in
// a session whose server is then killed (SIGKILL: no clean shutdown), listed as resumable, and
// started again, where Claude carries on the same conversation (`--resume <id>`).

killTmuxAfterEach();

/** The sidebar line of agent `n` (1-based): "│› 1 cc    idle 3s". */
const sidebar = (t: Tmux, n: number) =>
  t
    .capture()
    .split('\n')
    .find((l) => new RegExp(`^│[ ›] ?${n} `).test(l)) ?? '';
const stateOf = (t: Tmux, n: number) => /\b(starting|working|approval|idle|stalled|exited(?: \d+)?)\b/.exec(sidebar(t, n))?.[1];

/** Every run's manifest under a state directory (XDG_STATE_HOME), oldest run first. */
function manifests(state: string): Manifest[] {
  const runs = join(state, 'agentmux', 'runs');
  if (!existsSync(runs)) return [];
  return readdirSync(runs)
    .sort()
    .flatMap((run) => {
      try {
        return [JSON.parse(readFileSync(join(runs, run, 'manifest.json'), 'utf8')) as Manifest];
      } catch {
        return [];
      }
    });
}

/** The request bodies the mock API received (MOCK_DUMP: one JSON body a line, possibly cut at 400 kB). */
const requests = (dump: string) => (existsSync(dump) ? readFileSync(dump, 'utf8').split('\n').filter(Boolean) : []);

/** A request's messages as role and text, in order (none when its line does not parse). */
function messageTexts(line: string): { role: string; text: string }[] {
  try {
    const body = JSON.parse(line) as { messages?: { role: string; content: string | { type: string; text?: string }[] }[] };
    return (body.messages ?? []).flatMap((m) =>
      typeof m.content === 'string' ? [{ role: m.role, text: m.content }] : m.content.flatMap((b) => (b.type === 'text' && b.text ? [{ role: m.role, text: b.text }] : [])),
    );
  } catch {
    return [];
  }
}

describe.each(CLAUDE_VERSIONS)('real Claude Code %s: agentmux resume after the server is killed', (version) => {
  const claude = installedClaude(version);

  it('carries on the same conversation: listed as resumable, started with --resume <id>, the earlier turn sent with the next message', async (ctx) => {
    const bin = claude();
    if ('skip' in bin) {
      ctx.skip(bin.skip);
      return;
    }
    const { work, wrapper, mockLog } = offlineSetup(bin.bin);
    const state = tempDir('agentmux-cc-state-');
    // The mock writes every request body here (the agents inherit the shell's environment, resumed ones too).
    const dump = join(tempDir('agentmux-cc-dump-'), 'requests.jsonl');
    const t = new Tmux();
    t.start({ cols: 160, rows: 48, cwd: work, env: { XDG_STATE_HOME: state, MOCK_DELAY_MS: '300', MOCK_DUMP: dump } });
    try {
      await scenario(t, { bin: bin.bin, work, wrapper, mockLog, state, dump });
    } catch (e) {
      // What a failure needs to be understood: the processes, the mock's last replies and the screen.
      const mock = existsSync(mockLog) ? readFileSync(mockLog, 'utf8').trim().split('\n').slice(-8).join('\n') : '(no mock log)';
      let screen = '(no screen)';
      try {
        screen = t.capture();
      } catch {
        // tmux gone
      }
      const procs = t.processes().map((p) => `${p.pid} ${p.cmd.slice(0, 200)}`);
      throw new Error(`${(e as Error).message}\nprocesses:\n${procs.join('\n')}\nmock:\n${mock}\nscreen:\n${screen}`, { cause: e });
    }
  }, 180_000);
});

async function scenario(t: Tmux, o: { bin: string; work: string; wrapper: string; mockLog: string; state: string; dump: string }): Promise<void> {
  const isClaude = (p: { cmd: string }) => p.cmd === o.bin || p.cmd.startsWith(`${o.bin} `);
  const lastLine = () =>
    t
      .capture()
      .split('\n')
      .filter((l) => l.trim() !== '')
      .pop();
  const ls = () => JSON.parse(t.agentmux(['ls', '--json'], { XDG_STATE_HOME: o.state })) as { name: string; state: string; agents: number }[];
  const session = basename(o.work);

  /** Focuses cc, types `text` into Claude's input box, sends it, waits for the mock's answer, and back to the dashboard until idle. */
  const say = async (text: string) => {
    t.key('1');
    await waitFor('cc focused', () => t.capture().includes('every key goes to the agent'), 10_000);
    t.literal(text);
    await waitFor('the message in the input box', () => t.capture().includes(`❯\u00a0${text}`), 10_000);
    t.key('Enter');
    await waitFor("the mock's answer on screen", () => t.capture().includes(`You said: ${text}`), 30_000);
    t.key('C-]');
    await waitFor('cc idle on the dashboard after the turn', () => stateOf(t, 1) === 'idle', 30_000);
  };

  // 1-2. A session with one Claude Code agent (a program named claude: agentmux's hooks), and a first turn.
  t.typeLine(`node ${BIN} --agent cc=${o.wrapper}`);
  await waitFor('cc idle at its input', () => stateOf(t, 1) === 'idle' && sidebar(t, 1).includes('cc'), 60_000);
  const first = 'remember the word periwinkle-7391';
  await say(first);

  // 3. The hooks reported Claude's conversation id, and the run's manifest has it.
  const reported = () =>
    manifests(o.state)
      .at(-1)
      ?.agents.find((a) => a.spec.name === 'cc')?.claudeSession;
  const id = await waitFor('claudeSession in the manifest', reported, 15_000);
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(manifests(o.state).map((m) => m.session)).toEqual([session]);

  // 4. The server is killed outright: its watchdog ends Claude, the client goes back to the shell.
  const server = t.processes().find((p) => p.cmd.includes('agentmux.js __serve'));
  expect(server, 'the server process').toBeDefined();
  expect(t.processes().some(isClaude), 'claude running').toBe(true);
  process.kill(server!.pid, 'SIGKILL');
  await waitFor('claude ended by the watchdog', () => !t.processes().some(isClaude), 20_000);
  await waitFor('the shell prompt back', () => lastLine() === '$', 20_000);
  await waitFor('no process of the session left (client, watchdog, mock)', () => t.processes().length === 0, 20_000);

  // 5. The session is listed as one to resume.
  expect(ls()).toEqual([expect.objectContaining({ name: session, state: 'resumable', agents: 1 })]);

  // 6. Resumed: the dashboard again, Claude started with --resume <id>, its screen showing the earlier turn.
  t.typeLine(`clear; node ${BIN} resume`);
  await waitFor('cc idle at its input after resume', () => stateOf(t, 1) === 'idle' && sidebar(t, 1).includes('cc'), 60_000);
  await waitFor('the earlier turn on the resumed screen', () => t.capture().includes(`You said: ${first}`), 10_000);
  const resumed = t.processes().find(isClaude);
  expect(resumed, 'the resumed claude').toBeDefined();
  const argv = readFileSync(`/proc/${resumed!.pid}/cmdline`, 'latin1').split('\0');
  expect(argv.slice(argv.indexOf('--resume'), argv.indexOf('--resume') + 2)).toEqual(['--resume', id]);
  const runs = manifests(o.state);
  expect(runs).toHaveLength(2);
  expect(runs[1]!.agents.map((a) => a.spec.argv)).toEqual([[o.wrapper, '--resume', id]]);
  expect(runs[0]!.resumedBy).toBe(runs[1]!.runDir);
  expect(ls()).toEqual([expect.objectContaining({ name: session, state: 'running' })]);

  // The request for the next message carries the earlier turn: the same conversation goes on.
  const sent = requests(o.dump).length;
  const second = 'what word did I ask you to remember';
  await say(second);
  const since = requests(o.dump).slice(sent);
  const asked = since.map(messageTexts).find((texts) => texts.some((m) => m.role === 'user' && m.text.includes(second)));
  expect(asked, `a request with the second message; requests since resume:\n${since.map((l) => l.slice(0, 300)).join('\n')}`).toBeDefined();
  const at = (role: string, text: string) => asked!.findIndex((m) => m.role === role && m.text.includes(text));
  expect(at('user', first), JSON.stringify(asked)).toBeGreaterThanOrEqual(0);
  expect(at('assistant', `You said: ${first}`)).toBeGreaterThan(at('user', first));
  expect(at('user', second)).toBeGreaterThan(at('assistant', `You said: ${first}`));
  expect(readFileSync(o.mockLog, 'utf8')).toContain(`You said: ${second}`);

  // 7. Ended for good.
  t.agentmux(['kill', '--all'], { XDG_STATE_HOME: o.state });
  await waitFor('every process ended', () => t.processes().length === 0, 20_000);
}
