import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeJson, MSG } from '../../src/server/protocol.js';
import { BIN, runCli, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

let tmux: Tmux | null = null;
killTmuxAfterEach();

/** Writes `bytes` to the socket and resolves with what came back once the server closed it (or null if it did not, within 3 s). */
function send(path: string, bytes: Buffer): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const s = connect(path);
    const got: Buffer[] = [];
    const timer = setTimeout(() => {
      s.destroy();
      resolve(null);
    }, 3000);
    s.on('connect', () => s.write(bytes));
    s.on('data', (d) => got.push(d));
    s.on('error', () => {});
    s.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(got));
    });
  });
}

describe('the session socket is private and speaks only the protocol (issue 16)', () => {
  it('refuses a socket directory open to others, in one line', async () => {
    const runtime = tempDir();
    mkdirSync(join(runtime, 'agentmux'), { mode: 0o755 });
    chmodSync(join(runtime, 'agentmux'), 0o755);
    const r = await runCli(['ls'], { env: { XDG_RUNTIME_DIR: runtime } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`agentmux: the socket directory ${join(runtime, 'agentmux')} is open to others (mode 755): run chmod 700 ${join(runtime, 'agentmux')}`);
    // Without XDG_RUNTIME_DIR: $TMPDIR/agentmux-<uid>, made private.
    const tmp = tempDir();
    const ok = await runCli(['ls'], { env: { XDG_RUNTIME_DIR: '', TMPDIR: tmp } });
    expect(ok.stdout).toBe('no sessions');
    const uid = process.getuid!();
    const attach = await runCli(['attach'], { env: { XDG_RUNTIME_DIR: '', TMPDIR: tmp } });
    expect(attach.stderr).toBe('agentmux: no session is running (start one with agentmux)');
    // Looking makes nothing; starting makes it 0700 (the tmux tests below).
    expect(readdirSync(tmp)).toEqual([]);
    expect(uid).toBeGreaterThanOrEqual(0);
  });

  it('closes a connection that is not the protocol and changes nothing; cleans a stale socket; never takes a live one', async () => {
    const dir = tempDir();
    tmux = new Tmux();
    const state = tempDir();
    tmux.start({ cols: 120, rows: 40, cwd: dir, env: { XDG_STATE_HOME: state } });
    tmux.typeLine(`node ${BIN} -s guard --agent sh="bash --norc --noprofile"`);
    await waitFor('the dashboard', () => tmux!.capture().includes('1 sh'), 10_000);
    expect(statSync(join(tmux.runtimeDir, 'agentmux')).mode & 0o777).toBe(0o700);
    const sock = join(tmux.runtimeDir, 'agentmux', 'guard.sock');
    const status = () => JSON.parse(tmux!.agentmux(['ls', '--json'])) as { name: string; clients: number; agents: number }[];

    // Not agentmux at all; an oversized frame; a message before the hello; a hello of another version.
    expect(await send(sock, Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'))).toEqual(Buffer.alloc(0));
    const huge = Buffer.alloc(5);
    huge.writeUInt8(MSG.input, 0);
    huge.writeUInt32BE(64 * 1024 * 1024, 1);
    expect(await send(sock, huge)).toEqual(Buffer.alloc(0));
    expect(await send(sock, encodeJson(MSG.input, 'rm -rf ~\r'))).toEqual(Buffer.alloc(0));
    const other = await send(sock, encodeJson(MSG.hello, { agentmux: 99, role: 'attach', cols: 80, rows: 24 }));
    expect(other?.toString()).toContain('protocol 99');
    expect(status()).toEqual([expect.objectContaining({ name: 'guard', clients: 1, agents: 1 })]);
    expect(tmux.capture()).not.toContain('rm -rf');

    // A second server for the same name never takes the live socket.
    const second = spawn(process.execPath, [BIN, '__serve', JSON.stringify({ session: 'guard', socket: sock, runDir: tempDir(), cols: 80, rows: 24, cwd: dir, flags: { agent: ['x=true'] } })], {
      env: { ...process.env, XDG_RUNTIME_DIR: tmux.runtimeDir, AGENTMUX_TEST_MARKER: tmux.marker },
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    let said = '';
    second.stdio[3]!.on('data', (d: Buffer) => (said += d.toString()));
    await waitFor('the refusal', () => second.exitCode !== null);
    expect(said).toBe('running\n');
    expect(status()).toHaveLength(1);

    // Its socket removed (a tmp cleaner, a mistake): SIGUSR1 makes the server listen again, as tmux's does.
    const server = tmux.processes().find((p) => p.cmd.includes('__serve'))!;
    unlinkSync(sock);
    expect(status()).toEqual([]);
    process.kill(server.pid, 'SIGUSR1');
    await waitFor('the socket back', () => existsSync(sock));
    expect(status()).toEqual([expect.objectContaining({ name: 'guard', clients: 1 })]);

    // The server dies without cleaning up (kill -9): its socket is stale; ls removes it, a new start takes the name.
    process.kill(server.pid, 'SIGKILL');
    await waitFor('the client gone', () => tmux!.capture().includes('lost the connection to session guard'));
    expect(existsSync(sock)).toBe(true);
    expect(tmux.agentmux(['ls'], { XDG_STATE_HOME: state })).toMatch(/^NAME .*\nguard +resumable/);
    expect(existsSync(sock)).toBe(false);
    tmux.typeLine(`node ${BIN} -s guard --agent sh="bash --norc --noprofile"`);
    await waitFor('a new session', () => status().some((s) => s.name === 'guard' && s.clients === 1));
  });

  it('a server that takes the connection and says nothing: attach gives up in one line, the terminal restored', async () => {
    tmux = new Tmux();
    const dir = join(tmux.runtimeDir, 'agentmux');
    mkdirSync(dir, { mode: 0o700 });
    // Listens (as a stopped server's socket still does: the kernel takes the connection) and never answers.
    const held: Socket[] = [];
    const silent = createServer((s) => held.push(s));
    await new Promise<void>((r) => silent.listen(join(dir, 'hung.sock'), r));
    try {
      tmux.start({ cols: 100, rows: 30 });
      tmux.typeLine(`node ${BIN} attach hung; echo "exit=$?"`);
      await waitFor('the one line', () => tmux!.capture().includes('exit=1'), 15_000);
      expect(tmux.capture()).toContain('agentmux: session hung did not answer (its server is stopped or hung)\nexit=1');
      expect(held).toHaveLength(1);
      // Back on the main screen, cursor shown: what was typed before is still there.
      expect(tmux.capture()).toContain('attach hung; echo');
      expect(tmux.display('#{alternate_on} #{cursor_flag}')).toBe('0 1');
    } finally {
      for (const s of held) s.destroy();
      silent.close();
    }
  });
});
