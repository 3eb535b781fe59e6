import { execa } from 'execa';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The Claude Code versions the end-to-end tests run against: the one NOTES describe and the newest known. */
export const CLAUDE_VERSIONS = ['2.1.197', '2.1.331'] as const;

/** How long an install by another test file may hold the cache folder before it is taken as dead. */
const INSTALL_LOCK_MS = 360_000;

/**
 * Holds `lock` (a directory: made atomically, by one process only) while `work` runs. Test files
 * run side by side: two installing one version into one folder at once left a half-installed
 * package that the second saw as broken, and the real-CLI tests were skipped.
 */
async function locked<T>(lock: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(lock).mtimeMs > INSTALL_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      } catch {
        // released in between
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Installs a pinned @anthropic-ai/claude-code from the npm registry into a cache folder (once)
 * and returns its binary, or the reason it cannot be had.
 */
export async function ensureClaude(version: string): Promise<{ bin: string } | { skip: string }> {
  const dir = join(process.env.AGENTMUX_CLAUDE_CACHE ?? join(tmpdir(), 'agentmux-claude-code'), version);
  const bin = join(dir, 'node_modules', '.bin', 'claude');
  const works = async () => (await execa(bin, ['--version'], { reject: false, timeout: 30_000, env: { DISABLE_AUTOUPDATER: '1' } })).stdout.startsWith(version);
  mkdirSync(dirname(dir), { recursive: true });
  return locked(`${dir}.lock`, async () => {
    if (existsSync(bin) && (await works())) return { bin };
    mkdirSync(dir, { recursive: true });
    const r = await execa('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `@anthropic-ai/claude-code@${version}`], {
      reject: false,
      timeout: 300_000,
    });
    if (r.exitCode !== 0) return { skip: `npm install @anthropic-ai/claude-code@${version} failed: ${(r.stderr || r.stdout).split('\n').slice(-3).join(' ')}` };
    if (!(await works())) return { skip: `claude ${version} installed but does not run (postinstall skipped?)` };
    return { bin };
  });
}

/** Whether this machine can make a loopback-only network namespace (the tests' safety net). */
export async function canUnshareNet(): Promise<string | null> {
  const args = process.getuid?.() === 0 ? ['-n', 'true'] : ['-r', '-n', 'true'];
  const r = await execa('unshare', args, { reject: false });
  return r.exitCode === 0 ? null : `unshare ${args.join(' ')} failed: ${r.stderr.trim() || `exit ${r.exitCode}`}`;
}
