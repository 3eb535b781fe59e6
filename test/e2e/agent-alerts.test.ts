import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALERT_HOLD_MS } from '../../src/notify/policy.js';
import { BIN, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
killTmuxAfterEach();

describe("agents' own alerts count (a bell, an OSC 9 notification)", () => {
  it('mark the agent in the sidebar, put it in the tab queue and notify once, with its text made plain', async () => {
    const dir = tempDir();
    const notes = join(dir, 'notes.txt');
    // Rings three times in a row, a moment apart.
    writeFileSync(join(dir, 'ring.sh'), `echo working\nsleep 1\nprintf '\\a'\nsleep 0.2\nprintf '\\a'\nsleep 0.2\nprintf 'rung\\a\\n'\nexec sleep 600\n`);
    // Writes an OSC 9 notification whose text hides a right-to-left override (U+202E).
    writeFileSync(join(dir, 'note.sh'), `echo working\nsleep 2\nprintf '\\033]9;tests \\342\\200\\256passed\\007'\necho noted\nexec sleep 600\n`);
    writeFileSync(
      join(dir, 'agentmux.json'),
      JSON.stringify({
        agents: [
          { name: 'calm', kind: 'shell', command: ['sh', '-c', 'echo ready; exec sleep 600'] },
          { name: 'ring', kind: 'shell', command: ['bash', join(dir, 'ring.sh')] },
          { name: 'note', kind: 'shell', command: ['bash', join(dir, 'note.sh')] },
        ],
        notify: { desktop: false, terminal: 'off', command: `printf '%s|%s|%s|%s\\n' "$AGENTMUX_EVENT" "$AGENTMUX_AGENT" "$AGENTMUX_TITLE" "$AGENTMUX_BODY" >> ${notes}` },
      }),
    );
    const alerts = () =>
      existsSync(notes)
        ? readFileSync(notes, 'utf8')
            .split('\n')
            .filter((l) => l.startsWith('alert|'))
        : [];
    tmux = new Tmux();
    tmux.start({ cols: 140, rows: 40, cwd: dir, env: { XDG_STATE_HOME: tempDir() } });
    tmux.typeLine(`node ${BIN}`);

    // Both marked in the sidebar, and both notified: the bell once, the notification with its words.
    await waitFor('both marks in the sidebar', () => /2 ring\s+\w+ !/.test(tmux!.capture()) && /3 note\s+\w+ !/.test(tmux!.capture()), 15_000);
    await waitFor('both notifications', () => alerts().length >= 2, 10_000);
    expect(alerts().filter((l) => l.startsWith('alert|ring|'))).toEqual(['alert|ring|ring needs attention|rang the bell']);
    expect(alerts().filter((l) => l.startsWith('alert|note|'))).toEqual(['alert|note|note needs attention|tests passed']);
    // The calm agent rang nothing.
    expect(tmux.capture()).not.toMatch(/1 calm\s+\w+ !/);

    // tab takes you to the one that rang first, then the next; looking at each takes its mark away.
    tmux.key('Tab');
    await waitFor('ring selected, its mark gone', () => /› 2 ring\s+\w+\s/.test(tmux!.capture()) && !/2 ring\s+\w+ !/.test(tmux!.capture()));
    expect(tmux.capture()).toMatch(/3 note\s+\w+ !/);
    tmux.key('Tab');
    await waitFor('note selected, its mark gone', () => /› 3 note/.test(tmux!.capture()) && !/3 note\s+\w+ !/.test(tmux!.capture()));
    expect(alerts()).toHaveLength(2);
  });

  it('the agent you are typing into rings unannounced; once you are out, it counts', async () => {
    const dir = tempDir();
    const notes = join(dir, 'notes.txt');
    // Writes a numbered notification each time the file `ring` appears.
    writeFileSync(join(dir, 'echo.sh'), `echo ready\nwhile :; do if [ -e ring ]; then rm ring; n=$((n+1)); printf 'rang %s\\033]9;ring %s\\007\\n' $n $n; fi; sleep 0.1; done\n`);
    writeFileSync(
      join(dir, 'agentmux.json'),
      JSON.stringify({
        agents: [{ name: 'echo', kind: 'shell', command: ['bash', join(dir, 'echo.sh')] }],
        notify: { desktop: false, terminal: 'off', command: `printf '%s|%s|%s\\n' "$AGENTMUX_EVENT" "$AGENTMUX_AGENT" "$AGENTMUX_BODY" >> ${notes}` },
      }),
    );
    const alerts = () =>
      existsSync(notes)
        ? readFileSync(notes, 'utf8')
            .split('\n')
            .filter((l) => l.startsWith('alert|'))
        : [];
    const t = (tmux = new Tmux());
    t.start({ cols: 140, rows: 40, cwd: dir, env: { XDG_STATE_HOME: tempDir() } });
    t.typeLine(`node ${BIN}`);
    await waitFor('the agent ready', () => t.capture().includes('ready'), 15_000);
    t.key('1');
    await waitFor('echo focused', () => t.capture().includes('every key goes to the agent'));
    writeFileSync(join(dir, 'ring'), '');
    await waitFor('the first ring, while focused', () => t.capture().includes('rang 1'));
    t.key('C-]');
    await waitFor('back on the dashboard', () => !t.capture().includes('every key goes to the agent'));
    expect(t.capture()).not.toMatch(/1 echo\s+\w+ !/);
    // Longer than an alert is held before it goes out: nothing went out for the first.
    await new Promise((r) => setTimeout(r, ALERT_HOLD_MS + 1000));
    expect(alerts()).toEqual([]);
    // Out of it, it rings again: marked, and announced, that one only.
    writeFileSync(join(dir, 'ring'), '');
    await waitFor('the mark', () => /1 echo\s+\w+ !/.test(t.capture()), 10_000);
    await waitFor('the notification', () => alerts().length > 0, 10_000);
    expect(alerts()).toEqual(['alert|echo|ring 2']);
  });
});
