import pty from '@lydell/node-pty';
import { StringDecoder } from 'node:string_decoder';
import { afterEach } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './cli.js';
import { killMarked } from './tmux.js';

/** agentmux under a PTY the test owns: the test is its terminal, sees every byte and can stop reading. */
export interface OuterTerminal {
  readonly pty: pty.IPty;
  /** Every decoded chunk agentmux writes, as it comes. */
  onText(listener: (text: string) => void): void;
  /** Everything written so far, byte for byte (only with keepBytes). */
  bytes(): Buffer;
}

const running: pty.IPty[] = [];
/** Every agentmux started here carries this marker: its server and agents are ended with it. */
const marker = randomBytes(6).toString('hex');

/** Kills, after each test of the file, every agentmux started with startOuterTerminal. */
export function endOuterTerminalsAfterEach(): void {
  afterEach(() => {
    for (const p of running.splice(0)) {
      try {
        p.kill('SIGKILL');
      } catch {
        // gone already
      }
    }
    killMarked(marker);
  });
}

/** Starts agentmux with `args` under a new PTY (CI=0, as in a person's terminal). */
export function startOuterTerminal(args: string[], opts: { cols: number; rows: number; cwd: string; env?: Record<string, string>; keepBytes?: boolean }): OuterTerminal {
  const p = pty.spawn(process.execPath, [BIN, ...args], {
    cols: opts.cols,
    rows: opts.rows,
    cwd: opts.cwd,
    env: { ...process.env, CI: '0', XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'agentmux-run-')), AGENTMUX_TEST_MARKER: marker, ...opts.env } as Record<string, string>,
    encoding: null,
  });
  running.push(p);
  const chunks: Buffer[] = [];
  const listeners: ((text: string) => void)[] = [];
  // A character split across reads stays whole.
  const decoder = new StringDecoder('utf8');
  p.onData((d: Buffer | string) => {
    const b = typeof d === 'string' ? Buffer.from(d) : d;
    if (opts.keepBytes) chunks.push(b);
    const text = decoder.write(b);
    for (const l of listeners) l(text);
  });
  return { pty: p, onText: (l) => void listeners.push(l), bytes: () => Buffer.concat(chunks) };
}
