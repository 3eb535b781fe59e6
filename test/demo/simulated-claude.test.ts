import pty from '@lydell/node-pty';
import { execa } from 'execa';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectClaude } from '../../src/detect/claude.js';
import { findOption } from '../../src/detect/answer.js';
import { HeadlessTerminal } from '../../src/session/terminal.js';
import { ROOT } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';

const SIM = join(ROOT, 'dist', 'demo', 'simulated-claude.js');
const running: pty.IPty[] = [];
afterEach(() => {
  for (const p of running.splice(0)) {
    try {
      p.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** The built simulated agent in a real PTY, mirrored into a real headless xterm. */
function start(scenario: string) {
  const term = new HeadlessTerminal(100, 34, 500);
  const p = pty.spawn(process.execPath, [SIM, scenario, '--speed', '0.25'], { cols: 100, rows: 34, cwd: ROOT, env: { ...process.env, TERM: 'xterm-256color' } as Record<string, string> });
  running.push(p);
  let exit: number | null = null;
  p.onData((d) => term.write(d));
  p.onExit((e) => (exit = e.exitCode));
  const detect = () => detectClaude(term.snapshot());
  const text = () => term.snapshot().lines.join('\n');
  return { p, term, detect, text, exited: () => exit };
}

describe('the simulated Claude Code (what agentmux demo runs)', () => {
  it('build: works, asks to run a command, and "1" runs it and finishes idle', async () => {
    const s = start('build');
    await waitFor('working', () => s.detect().state === 'working');
    const prompt = await waitFor('the Bash prompt', () => s.detect().prompt, 8000);
    expect(prompt).toMatchObject({ kind: 'permission', subject: { tool: 'Bash', command: 'npm run build > build.log 2>&1' }, selected: 0 });
    expect(findOption(prompt, 'always')).toBe(1);
    s.p.write('1');
    await waitFor('the command run', () => s.text().includes('(No output)'));
    await waitFor('idle after the turn', () => s.detect().state === 'idle' && s.text().includes('Build passes'), 8000);
    expect(s.detect().final).toBe(true);
  });

  it('build: "3" says no and goes idle; Esc does the same', async () => {
    for (const key of ['3', '\x1b']) {
      const s = start('build');
      await waitFor('the prompt', () => s.detect().state === 'approval', 8000);
      s.p.write(key);
      await waitFor('interrupted and idle', () => s.text().includes('Interrupted · What should Claude do instead?') && s.detect().state === 'idle');
    }
  });

  it('arrows move the highlight and Enter picks it', async () => {
    const s = start('build');
    await waitFor('the prompt', () => s.detect().state === 'approval', 8000);
    s.p.write('\x1b[B');
    await waitFor('option 2 highlighted', () => s.detect().prompt?.selected === 1);
    s.p.write('\r');
    await waitFor('the command run', () => s.text().includes('(No output)'));
  });

  it('edit: asks to edit src/config.ts', async () => {
    const s = start('edit');
    const prompt = await waitFor('the edit prompt', () => s.detect().prompt, 8000);
    expect(prompt).toMatchObject({ kind: 'permission', question: 'Do you want to make this edit to config.ts?', subject: { tool: 'Edit', file: 'src/config.ts' } });
  });

  it('docs: answers and sits idle; a typed task gets an answer', async () => {
    const s = start('docs');
    await waitFor('idle', () => s.detect().state === 'idle', 8000);
    s.p.write('hello there');
    await waitFor('the typed text', () => s.text().includes('❯\u00a0hello there'));
    expect(s.text()).not.toContain('? for shortcuts');
    s.p.write('\r');
    await waitFor('working', () => s.detect().state === 'working');
    await waitFor('the answer', () => s.text().includes('Hello from the demo. You said: hello there') && s.detect().state === 'idle', 8000);
  });

  it('stall: only the spinner line moves', async () => {
    const s = start('stall');
    await waitFor('the hung request', () => s.text().includes('Bash(npm install pg@9)') && s.detect().state === 'working', 8000);
    const before = s.detect().progressKey;
    const spinner = () => s.term.snapshot().lines.find((l) => /…/.test(l));
    const firstSpinner = spinner();
    await waitFor('the spinner to move', () => spinner() !== firstSpinner);
    expect(s.detect().state).toBe('working');
    expect(s.detect().progressKey).toBe(before);
  });

  it('ctrl+c twice exits 0 with the resume hint', async () => {
    const s = start('docs');
    await waitFor('idle', () => s.detect().state === 'idle', 8000);
    s.p.write('\x03');
    await waitFor('the exit hint', () => s.text().includes('Press Ctrl-C again to exit'));
    s.p.write('\x03');
    await waitFor('exit', () => s.exited() !== null);
    expect(s.exited()).toBe(0);
    expect(s.text()).toMatch(/claude --resume [0-9a-f-]{36}/);
  });

  it('an unknown scenario is one line and exit 2', async () => {
    const r = await execa(process.execPath, [SIM, 'nope'], { reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('simulated-claude: unknown scenario "nope" (expected: build, edit, docs, stall)');
  });
});
