import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

const AGENT = join(ROOT, 'test', 'session', 'query-agent.mjs');

let tmux: Tmux | null = null;
killTmuxAfterEach();

describe('an agent under the dashboard asks its terminal (issue 14.4)', () => {
  it('gets the outer terminal’s colours, its own screen size and its cursor, and nothing reaches the outer terminal', async () => {
    const dir = tempDir();
    const results = join(dir, 'replies.jsonl');
    const queries = [
      ['OSC11', '\x1b]11;?\x07'],
      ['OSC10', '\x1b]10;?\x07'],
      ['18t', '\x1b[18t'],
      ['CPR', '\x1b[2;5H\x1b[6n'],
    ];
    tmux = new Tmux();
    tmux.start({ cols: 120, rows: 40, cwd: dir, env: { XDG_STATE_HOME: tempDir() } });
    // The pane's colours, as tmux reports them to what runs in it (agentmux asks at start).
    tmux.windowOption('window-style', 'bg=#102030,fg=#c0c0c0');
    const command = `${process.execPath} ${AGENT} '${JSON.stringify(queries)}' ${results}`;
    tmux.typeLine(`node ${BIN} --agent q="${command.replace(/"/g, '\\"')}"`);
    const replies = await waitFor(
      'every reply',
      () => {
        const lines = existsSync(results) ? readFileSync(results, 'utf8').trim().split('\n') : [];
        return lines.length === queries.length + 1 ? Object.fromEntries(lines.map((l) => JSON.parse(l) as [string, string])) : null;
      },
      10_000,
    );
    const [rows, cols] = replies.size!.split(';');
    expect(replies).toEqual({
      size: `${rows};${cols}`,
      OSC11: '\x1b]11;rgb:1010/2020/3030\x1b\\',
      OSC10: '\x1b]10;rgb:c0c0/c0c0/c0c0\x1b\\',
      '18t': `\x1b[8;${rows};${cols}t`,
      CPR: '\x1b[2;5R',
    });
    // The dashboard is still drawn, and none of the replies leaked in as keys.
    expect(tmux.capture()).toMatch(/1 q/);
    expect(tmux.capture()).not.toMatch(/rgb:/);
  });
});
