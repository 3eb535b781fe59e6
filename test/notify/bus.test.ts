import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findProgram } from '../../src/lib/find-program.js';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';

const needed = ['xvfb-run', 'dbus-run-session', 'dbus-monitor', 'dunst', 'notify-send'];
const missing = needed.filter((p) => !findProgram(p, ROOT, process.env.PATH));

describe('desktop notifications on a real bus (Xvfb, D-Bus session, dunst)', () => {
  let log = '';
  beforeAll(async () => {
    if (missing.length) return;
    const dir = tempDir();
    const monitor = join(dir, 'dbus.log');
    const script = [
      'dunst >/dev/null 2>&1 &',
      `dbus-monitor "interface=org.freedesktop.Notifications" > ${monitor} 2>/dev/null &`,
      'sleep 0.5',
      // Until the waiting build agent's notification is on the bus (or 30 s, on a loaded machine).
      `PTY_RUN_UNTIL_FILE=${monitor} PTY_RUN_UNTIL_TEXT='build needs you' node ${join(ROOT, 'test', 'notify', 'pty-run.mjs')} 30000 ${process.execPath} ${BIN} demo --speed 0.3`,
      'sleep 0.5',
    ].join('\n');
    await execa('xvfb-run', ['-a', 'dbus-run-session', '--', 'bash', '-c', script], {
      env: { XDG_STATE_HOME: tempDir(), XDG_RUNTIME_DIR: tempDir(), HOME: tempDir(), PATH: process.env.PATH ?? '' },
      extendEnv: false,
      timeout: 60_000,
      reject: false,
    });
    log = readFileSync(monitor, 'utf8');
  }, 90_000);

  it('a Notify call names the waiting demo agent and its command', (ctx) => {
    if (missing.length) {
      ctx.skip(`not installed: ${missing.join(', ')} (.ci/run installs them)`);
      return;
    }
    const calls = log.split('method call').filter((c) => c.includes('member=Notify'));
    expect(calls.length).toBeGreaterThan(0);
    const build = calls.find((c) => c.includes('string "build needs you"'));
    expect(build, log.slice(0, 2000)).toBeDefined();
    expect(build).toContain('string "Bash: npm run build > build.log 2>&1"');
  });
});
