import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
killTmuxAfterEach();

describe('notify.digest: a check-in summary through notify.command', () => {
  it('sums up the agents every few seconds, also while nobody is attached', async () => {
    const dir = tempDir();
    const notes = join(dir, 'notes.txt');
    // Works until the file `go` exists, then finishes and sits quiet.
    writeFileSync(join(dir, 'agent.sh'), `while [ ! -e go ]; do echo step; sleep 0.3; done\necho done\nexec sleep 600\n`);
    writeFileSync(
      join(dir, 'agentmux.json'),
      JSON.stringify({
        agents: [
          { name: 'build', kind: 'shell', command: ['bash', join(dir, 'agent.sh')] },
          { name: 'quiet', kind: 'shell', command: ['sleep', '600'] },
        ],
        notify: { desktop: false, terminal: 'off', digest: '2s', command: `printf '%s|%s|%s\\n' "$AGENTMUX_EVENT" "$AGENTMUX_TITLE" "$AGENTMUX_BODY" >> ${notes}` },
      }),
    );
    const digests = () =>
      existsSync(notes)
        ? readFileSync(notes, 'utf8')
            .split('\n')
            .filter((l) => l.startsWith('digest|'))
        : [];
    tmux = new Tmux();
    tmux.start({ cols: 140, rows: 40, cwd: dir, env: { XDG_STATE_HOME: tempDir() } });
    tmux.typeLine(`node ${BIN} -s check`);
    await waitFor('a digest naming the working agent', () => digests().find((l) => /working: build (<1m|\d+m)/.test(l)), 15_000);

    // Nobody attached: the digest still comes, and says who finished.
    tmux.key('q');
    await waitFor('the quit question', () => tmux!.capture().includes('Quit and end them?'));
    tmux.key('d');
    await waitFor('detached', () => tmux!.capture().includes('detached from check'));
    writeFileSync(join(dir, 'go'), '');
    const finished = await waitFor('a digest saying build finished', () => digests().find((l) => l.includes('finished: build')), 20_000);
    expect(finished).toMatch(/^digest\|agentmux: .*1 finished.*\|.*finished: build/);
    // A check-in where nothing changed sends nothing: no digest repeats the one before it.
    const all = digests();
    expect(
      all.filter((l, i) => i > 0 && l === all[i - 1]),
      all.join('\n'),
    ).toEqual([]);
  });
});
