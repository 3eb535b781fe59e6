import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { BIN } from './cli.js';

/** Every Tmux made in the running test (see killTmuxAfterEach). */
const made: Tmux[] = [];

/**
 * Kills, after each test of the file, every Tmux the test made and everything started under
 * them (agentmux's servers outlive their terminal). A failed test's screens are printed first.
 */
export function killTmuxAfterEach(): void {
  afterEach((ctx) => {
    for (const t of made.splice(0)) {
      if (ctx.task.result?.state === 'fail') {
        try {
          console.log(t.capture());
        } catch {
          // no screen to show
        }
      }
      t.kill();
    }
  });
}

/**
 * A private tmux server (own socket, no user config) to drive agentmux as a person would:
 * keys one at a time with send-keys, the screen read back with capture-pane.
 */
export class Tmux {
  readonly socket = `agentmux-test-${randomBytes(4).toString('hex')}`;
  /** Every process started under this tmux carries this marker in its environment. */
  readonly marker = randomBytes(6).toString('hex');
  /** This tmux's own socket directory for agentmux sessions (XDG_RUNTIME_DIR): no test attaches to another's. */
  readonly runtimeDir: string;

  /** `runtimeDir`: another tmux's, to reach its agentmux sessions (a second terminal, a later login). */
  constructor(opts: { runtimeDir?: string } = {}) {
    this.runtimeDir = opts.runtimeDir ?? mkdtempSync(join(tmpdir(), 'agentmux-run-'));
    made.push(this);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  /** Starts an interactive shell in a detached session of the given size. */
  start(opts: { cols?: number; rows?: number; env?: Record<string, string>; cwd?: string } = {}): void {
    const env = { CI: '0', AGENTMUX_TEST_MARKER: this.marker, XDG_RUNTIME_DIR: this.runtimeDir, ...opts.env };
    const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    // A plain "$ " prompt, whoever runs the tests.
    const rc = join(mkdtempSync(join(tmpdir(), 'agentmux-tmux-')), 'bashrc');
    writeFileSync(rc, "PS1='$ '\n");
    this.tmux(
      'new-session',
      '-d',
      '-s',
      'main',
      '-x',
      String(opts.cols ?? 160),
      '-y',
      String(opts.rows ?? 48),
      ...(opts.cwd ? ['-c', opts.cwd] : []),
      ...envArgs,
      `bash --rcfile ${rc} --noprofile -i`,
    );
    this.tmux('set-option', '-t', 'main', 'status', 'off');
    this.tmux('set-window-option', '-t', 'main', 'window-size', 'manual');
  }

  /** Sets a window option of the session (say window-style, the colours the pane reports). */
  windowOption(name: string, value: string): void {
    this.tmux('set-window-option', '-t', 'main', name, value);
  }

  /** Pastes text as a terminal does: bracketed only if the program in the pane asked for it. */
  paste(text: string): void {
    this.tmux('set-buffer', '-b', 'test', text);
    this.tmux('paste-buffer', '-p', '-b', 'test', '-t', 'main');
  }

  /** Types a command line into the shell and presses Enter. */
  typeLine(line: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', line);
    this.tmux('send-keys', '-t', 'main', 'Enter');
  }

  /** Sends one key (tmux key name such as q, Enter, Escape, C-c, Up). */
  key(name: string): void {
    this.tmux('send-keys', '-t', 'main', name);
  }

  /** Sends bytes as they are (a mouse report, say). */
  literal(bytes: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', bytes);
  }

  capture(escapes = false): string {
    return this.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'main');
  }

  resize(cols: number, rows: number): void {
    this.tmux('resize-window', '-t', 'main', '-x', String(cols), '-y', String(rows));
  }

  /** A tmux format evaluated for the pane, e.g. '#{alternate_on}'. */
  display(format: string): string {
    return this.tmux('display-message', '-p', '-t', 'main', format).trim();
  }

  shellPid(): number {
    return Number(this.display('#{pane_pid}'));
  }

  /** Pids of processes started under this tmux (by the environment marker), the shell excluded. */
  processes(): { pid: number; cmd: string }[] {
    const shell = this.shellPid();
    return Tmux.processesWithMarker(this.marker).filter((p) => p.pid !== shell);
  }

  /** Every process whose environment carries `marker` (works after the tmux server is gone). */
  static processesWithMarker(marker: string): { pid: number; cmd: string }[] {
    const out: { pid: number; cmd: string }[] = [];
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!pid) continue;
      try {
        if (!readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`AGENTMUX_TEST_MARKER=${marker}`)) continue;
        out.push({ pid, cmd: readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ').trim() });
      } catch {
        // gone already, or not ours to read
      }
    }
    return out;
  }

  /** Ends the tmux server, then every process started under it (agentmux's servers outlive their terminal). */
  kill(): void {
    this.closeTerminal();
    killMarked(this.marker);
  }

  /** Ends the tmux server only: the terminal disappears, as when its window is closed. */
  closeTerminal(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }

  /** Runs agentmux with `args` outside tmux, with this tmux's socket directory (say `kill --all`). */
  agentmux(args: string[], env: Record<string, string> = {}): string {
    return execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, XDG_RUNTIME_DIR: this.runtimeDir, ...env }, timeout: 30_000 });
  }
}

/** SIGKILLs every process whose environment carries the test marker. */
export function killMarked(marker: string): void {
  for (const p of Tmux.processesWithMarker(marker)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}
