/**
 * A simulated Claude Code session, run in a PTY like any agent (`agentmux demo`, and the
 * project's own tests): node simulated-claude.js <scenario> [--speed <factor>].
 * It draws like the real CLI and answers keys as it does: digits, arrows + Enter and Esc in a
 * dialog; Esc interrupts work; typed text + Enter starts a new turn; ctrl+c twice exits.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { bashDialog, DEMO_SCENARIOS, editDialog, TASKS, type DemoScenario } from './demo-scenarios.js';
import { finishedLine, renderScreen, resultLine, saidLine, toolLine, userLine, type Dialog, type SimScreen } from './screen-model.js';

const VERBS = ['Ideating', 'Calculating', 'Nucleating', 'Orchestrating', 'Brewing', 'Pondering'];
const PAST = ['Baked', 'Cogitated', 'Brewed', 'Churned', 'Worked'];
type Answer = 'yes' | 'always' | 'no';

class Interrupted extends Error {}

class Sim {
  readonly screen: SimScreen;
  private turnStart = Date.now();
  private spinner: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private interrupted = false;
  private pickDialog: ((a: Answer) => void) | null = null;
  private submit: ((text: string) => void) | null = null;
  private frozen = false;
  private tokens = 0;

  constructor(readonly speed: number) {
    this.screen = { cols: process.stdout.columns || 80, rows: process.stdout.rows || 24, cwd: process.cwd(), transcript: [], live: { kind: 'idle', input: '', ctrlC: false } };
    process.stdout.on('resize', () => {
      this.screen.cols = process.stdout.columns || 80;
      this.screen.rows = process.stdout.rows || 24;
      this.draw();
    });
  }

  draw(): void {
    const lines = renderScreen(this.screen);
    const working = this.screen.live.kind === 'working';
    const title = `${working ? '⠂' : '✳'} Claude Code`;
    process.stdout.write(`\x1b]0;${title}\x07\x1b[H${lines.map((l) => `${l}\x1b[K`).join('\r\n')}\x1b[J`);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms * this.speed);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  /** Works for `ms` with a spinner; throws Interrupted on Esc. `freeze` stops progress forever (a hung request). */
  async work(ms: number, freeze = false): Promise<void> {
    this.interrupted = false;
    this.frozen = freeze;
    const live = { kind: 'working' as const, verb: VERBS[Math.floor(Math.random() * VERBS.length)]!, frame: 0, seconds: 0, tokens: this.tokens };
    this.screen.live = live;
    this.spinner = setInterval(() => {
      live.frame++;
      live.seconds = Math.floor((Date.now() - this.turnStart) / 1000);
      if (!this.frozen) this.tokens = live.tokens += 7;
      this.draw();
    }, 120);
    this.draw();
    await this.sleep(freeze ? 1e9 : ms);
    clearInterval(this.spinner);
    this.spinner = null;
    if (this.interrupted) throw new Interrupted();
  }

  say(line: string): void {
    this.screen.transcript.push(line, '');
    this.draw();
  }

  /** Shows a dialog until a key answers it. */
  ask(dialog: Dialog): Promise<Answer> {
    this.screen.live = { kind: 'dialog', dialog, selected: 0 };
    this.draw();
    return new Promise((resolve) => (this.pickDialog = resolve));
  }

  /** Waits at the input box for the user's next task. */
  idle(): Promise<string> {
    this.screen.live = { kind: 'idle', input: '', ctrlC: false };
    this.draw();
    return new Promise((resolve) => (this.submit = resolve));
  }

  startTurn(task: string): void {
    this.turnStart = Date.now();
    this.tokens = 0;
    this.screen.transcript.push(userLine(task), '');
  }

  finish(): void {
    const secs = Math.max(1, Math.round((Date.now() - this.turnStart) / 1000));
    this.say(finishedLine(PAST[Math.floor(Math.random() * PAST.length)]!, secs));
  }

  onKey(key: string): void {
    const live = this.screen.live;
    if (key === '\x03') return this.ctrlC();
    if (live.kind === 'idle' && live.ctrlC) live.ctrlC = false;
    if (live.kind === 'working') {
      if (key === '\x1b') {
        this.interrupted = true;
        this.wake?.();
      }
      return;
    }
    if (live.kind === 'dialog') {
      const n = live.dialog.options.length;
      const pick = (i: number) => {
        const resolve = this.pickDialog;
        this.pickDialog = null;
        resolve?.(i === 0 ? 'yes' : i === n - 1 ? 'no' : 'always');
      };
      if (/^[1-9]$/.test(key) && Number(key) <= n) pick(Number(key) - 1);
      else if (key === '\x1b[A' || key === '\x1bOA') live.selected = (live.selected + n - 1) % n;
      else if (key === '\x1b[B' || key === '\x1bOB') live.selected = (live.selected + 1) % n;
      else if (key === '\r') pick(live.selected);
      else if (key === '\x1b') pick(n - 1);
      this.draw();
      return;
    }
    if (key === '\r') {
      const text = live.input.trim();
      if (!text) return;
      const resolve = this.submit;
      this.submit = null;
      resolve?.(text);
    } else if (key === '\x7f' || key === '\b') live.input = [...live.input].slice(0, -1).join('');
    else if (key.startsWith('\x1b[200~')) live.input += key.slice(6, -6).replace(/[\r\n]+/g, ' ');
    else if (!key.startsWith('\x1b') && key >= ' ') live.input += key;
    this.draw();
  }

  private ctrlC(): void {
    const live = this.screen.live;
    if (live.kind === 'idle' && live.ctrlC) {
      process.stdout.write(`\x1b[J\r\n${'\x1b[38;5;246m'}Resume this session with:\x1b[0m\r\nclaude --resume ${randomUUID()}\r\n\x1b[?25h\x1b[?2004l`);
      process.exit(0);
    }
    if (live.kind === 'idle') live.ctrlC = true;
    else if (live.kind === 'working') {
      this.interrupted = true;
      this.wake?.();
    }
    this.draw();
  }
}

/** Splits raw input into keys: escape sequences, bracketed pastes, single characters. */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < data.length; ) {
    if (data.startsWith('\x1b[200~', i)) {
      const end = data.indexOf('\x1b[201~', i);
      const stop = end < 0 ? data.length : end + 6;
      keys.push(data.slice(i, stop));
      i = stop;
    } else if (data[i] === '\x1b' && (data[i + 1] === '[' || data[i + 1] === 'O') && i + 2 < data.length) {
      let j = i + 2;
      while (j < data.length && !/[A-Za-z~]/.test(data[j]!)) j++;
      keys.push(data.slice(i, j + 1));
      i = j + 1;
    } else {
      const ch = String.fromCodePoint(data.codePointAt(i)!);
      keys.push(ch);
      i += ch.length;
    }
  }
  return keys;
}

/** The scripted first turn of each scenario. */
async function firstTurn(sim: Sim, scenario: DemoScenario): Promise<void> {
  sim.startTurn(TASKS[scenario]);
  if (scenario === 'stall') {
    await sim.work(2500);
    sim.say(toolLine('Bash', 'npm install pg@9'));
    await sim.work(0, true); // the request hangs: the spinner and timer go on, nothing else moves
    return;
  }
  if (scenario === 'docs') {
    await sim.work(3000);
    sim.say(toolLine('Read', 'src/retry.ts'));
    sim.say(resultLine('Read 58 lines'));
    await sim.work(1500);
    sim.say(saidLine('`retry(fn, {attempts, backoffMs})` calls `fn` until it succeeds, waiting'));
    sim.screen.transcript.push('  backoffMs × 2ⁿ between attempts, and rethrows the last error.', '');
    sim.finish();
    return;
  }
  if (scenario === 'build') {
    await sim.work(2000);
    sim.say(toolLine('Read', 'src/index.ts'));
    sim.say(resultLine('Read 42 lines'));
    await sim.work(1500);
    sim.say(saidLine('I will run the build.'));
    const command = 'npm run build > build.log 2>&1';
    sim.screen.transcript.push(toolLine('Bash', command), resultLine('Waiting…'));
    const answer = await sim.ask(bashDialog(command, 'Run the build'));
    sim.screen.transcript.splice(-1, 1);
    if (answer === 'no') return interrupted(sim);
    sim.say(resultLine('(No output)'));
    await sim.work(2000);
    sim.say(saidLine('Build passes: no type errors.'));
    sim.finish();
    return;
  }
  await sim.work(2500);
  sim.say(saidLine('I will add a TIMEOUT_MS setting.'));
  const answer = await sim.ask(editDialog('src/config.ts'));
  if (answer === 'no') return interrupted(sim);
  // "Yes, allow all edits during this session": the session is in accept-edits mode from now on.
  if (answer === 'always') sim.screen.mode = 'accept edits';
  sim.say(toolLine('Update', 'src/config.ts'));
  sim.say(resultLine('Updated src/config.ts with 2 additions and 1 removal'));
  await sim.work(1500);
  sim.say(saidLine('Done: the timeout now comes from TIMEOUT_MS (default 5000).'));
  sim.finish();
}

function interrupted(sim: Sim): void {
  sim.say(resultLine('Interrupted · What should Claude do instead?'));
}

async function turn(sim: Sim, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!(err instanceof Interrupted)) throw err;
    interrupted(sim);
  }
}

export async function main(argv: string[]): Promise<void> {
  const scenario = argv[0] as DemoScenario;
  if (!DEMO_SCENARIOS.includes(scenario)) {
    process.stderr.write(`simulated-claude: unknown scenario "${argv[0] ?? ''}" (expected: ${DEMO_SCENARIOS.join(', ')})\n`);
    process.exit(2);
  }
  const speedArg = argv.indexOf('--speed');
  const speed = Number(speedArg >= 0 ? argv[speedArg + 1] : (process.env.AGENTMUX_DEMO_SPEED ?? 1)) || 1;
  const sim = new Sim(speed);
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d: string) => {
    for (const k of splitKeys(d)) sim.onKey(k);
  });
  for (const sig of ['SIGTERM', 'SIGHUP'] as const) process.on(sig, () => process.exit(0));
  process.on('exit', () => process.stdout.write('\x1b[?25h\x1b[?2004l'));
  process.stdout.write('\x1b[?25l\x1b[?2004h\x1b[H\x1b[2J');
  await turn(sim, () => firstTurn(sim, scenario));
  for (;;) {
    const task = await sim.idle();
    sim.startTurn(task);
    await turn(sim, async () => {
      await sim.work(2000);
      sim.say(saidLine(`Hello from the demo. You said: ${task}`));
      sim.finish();
    });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main(process.argv.slice(2));
