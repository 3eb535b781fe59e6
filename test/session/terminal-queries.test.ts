import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentSpec } from '../../src/model/agent.js';
import { AgentSession } from '../../src/session/agent-session.js';
import type { ExitInfo } from '../../src/model/status.js';
import { version } from '../../src/version.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';

const AGENT = join(ROOT, 'test', 'session', 'query-agent.mjs');
const sessions: AgentSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose(500)));
});

const QUERIES: [string, string][] = [
  ['DA2', '\x1b[>c'],
  ['DA3', '\x1b[=c'],
  ['DSR', '\x1b[5n'],
  ['CPR', '\x1b[3;7H\x1b[6n'],
  ['XTVERSION', '\x1b[>q'],
  ['kitty', '\x1b[?u'],
  ['OSC10', '\x1b]10;?\x07'],
  ['OSC11', '\x1b]11;?\x1b\\'],
  ['DECRQM', '\x1b[?2004h\x1b[?2004$p'],
  ['XTGETTCAP', '\x1bP+q544e;436f;7a7a\x1b\\'],
  ['14t', '\x1b[14t'],
  ['16t', '\x1b[16t'],
  ['18t', '\x1b[18t'],
];

describe('an agent asking its terminal gets the answers a real terminal gives (issue 14.4)', () => {
  it('each query round-trips through the real PTY, sized as the agent’s screen, coloured as its pane', async () => {
    const results = join(tempDir(), 'replies.jsonl');
    const spec: AgentSpec = { name: 'q', argv: [process.execPath, AGENT, JSON.stringify(QUERIES), results], cwd: tempDir(), env: {}, kind: 'shell' };
    const look = { foreground: 'rgb:1111/2222/3333', background: 'rgb:fafa/fafa/f0f0', cell: { width: 9, height: 18 } };
    const s = new AgentSession(spec, { cols: 100, rows: 30, scrollback: 1000, transcriptPath: null, look: () => look, version: version() });
    sessions.push(s);
    let exit: ExitInfo | null = null;
    s.onExit((e) => (exit = e));
    s.start();
    await waitFor('every query asked', () => exit !== null && s.terminal.allText().some((l) => l.includes('ALL ASKED')), 10_000).catch((e) => {
      throw new Error(`${(e as Error).message}:\n${s.terminal.allText().join('\n')}`);
    });
    const replies = Object.fromEntries(
      readFileSync(results, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as [string, string]),
    );
    expect(replies).toEqual({
      size: '30;100',
      DA2: '\x1b[>0;276;0c',
      DA3: '\x1bP!|00000000\x1b\\',
      DSR: '\x1b[0n',
      CPR: '\x1b[3;7R',
      XTVERSION: `\x1bP>|agentmux(${version()})\x1b\\`,
      // Not answered, as by any terminal without the kitty keyboard protocol: the DA1 after it
      // tells the agent so (the protocol's own way of asking).
      kitty: '',
      OSC10: '\x1b]10;rgb:1111/2222/3333\x1b\\',
      OSC11: '\x1b]11;rgb:fafa/fafa/f0f0\x1b\\',
      DECRQM: '\x1b[?2004;1$y',
      // TN and Co are known; the first unknown name ends the reply, as in xterm.
      XTGETTCAP: '\x1bP1+r544e=787465726D2D323536636F6C6F72\x1b\\\x1bP1+r436f=323536\x1b\\\x1bP0+r7a7a\x1b\\',
      '14t': '\x1b[4;540;900t',
      '16t': '\x1b[6;18;9t',
      '18t': '\x1b[8;30;100t',
    });
  });

  it('a bare headless terminal (no agent to answer) says nothing', async () => {
    const { HeadlessTerminal } = await import('../../src/session/terminal.js');
    const t = new HeadlessTerminal(80, 24, 10);
    await new Promise<void>((r) => t.write('\x1b[c\x1b]11;?\x07\x1b[18t', r));
    expect(t.snapshot().lines.join('').trim()).toBe('');
    t.dispose();
  });
});
