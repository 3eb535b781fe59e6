#!/usr/bin/env node
// Runs a command in a real PTY (as a terminal would) and then quits it the way a person does (q,
// then y), printing nothing. It quits after <ms> milliseconds, or sooner once the file named by
// $PTY_RUN_UNTIL_FILE contains $PTY_RUN_UNTIL_TEXT. Used where a test cannot use tmux (inside
// xvfb-run + dbus-run-session). Usage: node pty-run.mjs <ms> <command> [args...]
import pty from '@lydell/node-pty';
import { readFileSync } from 'node:fs';

const [ms, file, ...args] = process.argv.slice(2);
const { PTY_RUN_UNTIL_FILE: untilFile, PTY_RUN_UNTIL_TEXT: untilText } = process.env;
const child = pty.spawn(file, args, { cols: 160, rows: 48, env: { ...process.env, CI: '0' } });
child.onData(() => {});
const done = new Promise((r) => child.onExit(r));
let quitting = false;
const quit = () => {
  if (quitting) return;
  quitting = true;
  child.write('q');
  setTimeout(() => child.write('y'), 200);
  setTimeout(() => child.kill('SIGKILL'), 6000).unref();
};
const deadline = setTimeout(quit, Number(ms));
const poll = setInterval(() => {
  if (!untilFile || !untilText) return;
  try {
    if (readFileSync(untilFile, 'utf8').includes(untilText)) setTimeout(quit, 300);
  } catch {}
}, 100);
await done;
clearTimeout(deadline);
clearInterval(poll);
