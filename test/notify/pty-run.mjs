#!/usr/bin/env node
// Runs a command in a real PTY (as a terminal would), for <ms> milliseconds, then quits it the
// way a person does (q, then y) and prints nothing. Used where a test cannot use tmux (inside
// xvfb-run + dbus-run-session). Usage: node pty-run.mjs <ms> <command> [args...]
import pty from '@lydell/node-pty';

const [ms, file, ...args] = process.argv.slice(2);
const child = pty.spawn(file, args, { cols: 160, rows: 48, env: { ...process.env, CI: '0' } });
child.onData(() => {});
const done = new Promise((r) => child.onExit(r));
setTimeout(() => {
  child.write('q');
  setTimeout(() => child.write('y'), 200);
  setTimeout(() => child.kill('SIGKILL'), 6000);
}, Number(ms));
await done;
