import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/config/types.js';
import type { AgentSpec } from '../../src/model/agent.js';
import type { ExitInfo } from '../../src/model/status.js';
import { AgentSession } from '../../src/session/agent-session.js';
import { SessionManager } from '../../src/session/manager.js';
import { ParseQueue } from '../../src/session/parse-queue.js';
import { tempDir } from '../helpers/cli.js';
import { fakePtys } from '../helpers/fake-pty.js';
import { waitFor } from '../helpers/poll.js';

const sessions: AgentSession[] = [];
const managers: SessionManager[] = [];
afterEach(async () => {
  await Promise.all([...sessions.splice(0).map((s) => s.dispose(500)), ...managers.splice(0).map((m) => m.dispose(0))]);
});

describe('output waits to be parsed, the typed-into agent first', () => {
  it("an agent's echo is on its screen as it is read, while fifteen others' output still waits", async () => {
    const { spawn, emit, started } = fakePtys();
    const names = ['e', ...Array.from({ length: 15 }, (_, i) => `s${i}`)];
    const spec = (name: string): AgentSpec => ({ name, argv: ['/bin/sh'], cwd: '/', env: {}, kind: 'shell' });
    const manager = new SessionManager(names.map(spec), { settings: DEFAULT_SETTINGS, runDir: null, spawn });
    managers.push(manager);
    manager.startAll(() => ({ cols: 80, rows: 24 }));
    await waitFor('every agent started', () => started().length === names.length);
    manager.setPriority('e');
    const log = Array.from({ length: 2000 }, (_, i) => `\x1b[32mbuild step ${i}\x1b[0m compiling module ${i}`).join('\r\n');
    for (const n of names.slice(1)) emit(n, log);
    emit('e', 'K1 ');
    // No await: parsed before the read's callback returned.
    expect(manager.session('e')!.snapshot().lines[0]).toMatch(/^K1 *$/);
    const waiting = names.slice(1).filter((n) => manager.session(n)!.unparsed > 0);
    expect(waiting).toHaveLength(15);
  });

  it('a fast agent is held back while its output waits (its PTY paused), and not a byte is lost', async () => {
    const dir = tempDir();
    const transcript = join(dir, 't.log');
    // Turns run only when the test lets them: the parsing side is as far behind as can be.
    const turns: (() => void)[] = [];
    const queue = new ParseQueue({ highWater: 64 * 1024, defer: (turn) => (turns.push(turn), { cancel: () => {} }) });
    const lines = 20_000;
    const program = `for (let i = 1; i <= ${lines}; i++) process.stdout.write('line ' + String(i).padStart(6, '0') + ' ' + '.'.repeat(80) + '\\n'); process.stdout.write('done\\n');`;
    const spec: AgentSpec = { name: 'fast', argv: [process.execPath, '-e', program], cwd: dir, env: {}, kind: 'shell' };
    const s = new AgentSession(spec, { cols: 120, rows: 10, scrollback: 100, transcriptPath: transcript, parseQueue: queue });
    sessions.push(s);
    let exit: ExitInfo | null = null;
    s.onExit((e) => (exit = e));
    s.start();
    await waitFor('output past the high-water mark', () => s.unparsed > 64 * 1024);
    // Paused: what waits stops growing past one read, and the program cannot finish its 1.8 MB.
    const held = s.unparsed;
    await new Promise((r) => setTimeout(r, 300));
    expect(s.unparsed - held).toBeLessThanOrEqual(64 * 1024);
    expect(s.pid && process.kill(s.pid, 0)).toBe(true);
    await waitFor(
      'the program to finish once its output is parsed',
      () => {
        turns.shift()?.();
        return exit;
      },
      20_000,
      1,
    );
    const text = s.terminal.allText().filter((l) => l.startsWith('line '));
    expect(text.length).toBeGreaterThan(90);
    expect(text).toEqual(text.map((_, i) => `line ${String(lines - text.length + 1 + i).padStart(6, '0')} ${'.'.repeat(80)}`));
    expect(s.snapshot().lines).toContain('done');
    expect(
      readFileSync(transcript, 'utf8')
        .split('\r\n')
        .filter((l) => l.startsWith('line ')),
    ).toHaveLength(lines);
  });
});
