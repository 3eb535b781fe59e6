// Process figures from /proc: CPU seconds and resident memory of a process (and its threads).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** User + system CPU seconds a process has used so far (all its threads). */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / ticks;
}

export const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

/** The pid of a process whose command line contains `text` and whose environment contains `marker`. */
export function findPid(text, marker) {
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const cmd = readFileSync(`/proc/${e}/cmdline`, 'latin1');
      if (cmd.includes(text) && readFileSync(`/proc/${e}/environ`, 'latin1').includes(marker)) return Number(e);
    } catch {}
  }
  return null;
}

/** The pid of a tmux server by its socket name. */
export function tmuxServerPid(socket) {
  return Number(execFileSync('tmux', ['-L', socket, 'display-message', '-p', '#{pid}'], { encoding: 'utf8' }).trim());
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
