/**
 * What a simulated Claude Code session shows, as pure data -> styled lines. The look (glyphs,
 * colours, layout) follows the real Claude Code 2.1.197 screens.
 */
export const SGR = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  orange: '\x1b[38;5;174m',
  peach: '\x1b[38;5;216m',
  gray: '\x1b[38;5;246m',
  rule: '\x1b[38;5;244m',
  white: '\x1b[38;5;231m',
  blue: '\x1b[38;5;153m',
  green: '\x1b[38;5;114m',
  red: '\x1b[38;5;210m',
  userBg: '\x1b[48;5;237m',
};

export interface Dialog {
  /** " Bash command", " Edit file" */
  header: string;
  /** Lines under the header (already indented and styled). */
  body: string[];
  note?: string;
  question: string;
  options: string[];
  hint: string;
}

export type Live =
  | { kind: 'idle'; input: string; ctrlC: boolean }
  | { kind: 'working'; verb: string; frame: number; seconds: number; tokens: number }
  | { kind: 'dialog'; dialog: Dialog; selected: number };

export interface SimScreen {
  cols: number;
  rows: number;
  cwd: string;
  transcript: string[];
  live: Live;
  /** The permission mode the footer shows when it is not the default ("accept edits"). */
  mode?: string;
}

export const SPINNER_FRAMES = ['·', '✢', '*', '✶', '✻', '✽', '✻', '✶', '*', '✢'];
const NBSP = '\u00a0';

function header(cwd: string): string[] {
  const o = SGR.orange;
  const g = SGR.gray;
  const r = SGR.reset;
  return [`${o} ▐▛███▜▌${r}   ${SGR.bold}Claude Code${r} ${g}v2.1.197${r}`, `${o}▝▜█████▛▘${r}  ${g}Opus 4.8 (1M context) · agentmux demo${r}`, `${o}  ▘▘ ▝▝  ${r}  ${g}${cwd}${r}`, ''];
}

const rule = (cols: number) => `${SGR.rule}${'─'.repeat(Math.max(1, cols))}${SGR.reset}`;

function spinnerLine(w: Extract<Live, { kind: 'working' }>): string {
  const glyph = SPINNER_FRAMES[w.frame % SPINNER_FRAMES.length]!;
  const stats = w.seconds >= 2 ? ` ${SGR.gray}(${w.seconds}s · ↑ ${w.tokens} tokens)${SGR.reset}` : '';
  return `${SGR.orange}${glyph}${SGR.reset} ${SGR.orange}${w.verb}${SGR.peach}…${SGR.reset}${stats}`;
}

function inputBox(cols: number, input: string, footer: string): string[] {
  const text = input === '' ? `${SGR.gray}❯${NBSP}${SGR.reset}\x1b[7m \x1b[27m` : `${SGR.gray}❯${NBSP}${SGR.reset}${input}\x1b[7m \x1b[27m`;
  return [rule(cols), text, rule(cols), footer];
}

function dialogLines(cols: number, d: Dialog, selected: number): string[] {
  const lines = [`${SGR.blue}${rule(cols)}`, ` ${SGR.bold}${SGR.blue}${d.header}${SGR.reset}`, '', ...d.body, ''];
  if (d.note) lines.push(` ${d.note}`);
  lines.push(` ${d.question}`);
  d.options.forEach((label, i) => {
    const mark = i === selected ? `${SGR.blue}❯${SGR.reset} ` : '  ';
    const text = i === selected ? `${SGR.blue}${label}${SGR.reset}` : label;
    lines.push(` ${mark}${SGR.gray}${i + 1}.${SGR.reset} ${text}`);
  });
  lines.push('', ` ${SGR.gray}${d.hint}${SGR.reset}`);
  return lines;
}

/** The footer's mode, as the real CLI shows it: "⏵⏵ accept edits on (shift+tab to cycle) · ". */
function modeHint(mode: string | undefined): string {
  return mode ? `⏵⏵ ${mode} on (shift+tab to cycle) · ` : '';
}

/** Every line of the screen, top to bottom, at most `rows` (the oldest transcript lines go first). */
export function renderScreen(s: SimScreen): string[] {
  let live: string[];
  if (s.live.kind === 'dialog') live = dialogLines(s.cols, s.live.dialog, s.live.selected);
  else if (s.live.kind === 'working') live = [spinnerLine(s.live), '', ...inputBox(s.cols, '', `  ${SGR.gray}${modeHint(s.mode)}esc to interrupt · ← for agents${SGR.reset}`)];
  else {
    const idleHint = s.mode ? `${modeHint(s.mode)}← for agents` : '? for shortcuts · ← for agents';
    const footer = s.live.ctrlC ? `  ${SGR.gray}Press Ctrl-C again to exit${SGR.reset}` : s.live.input ? '' : `  ${SGR.gray}${idleHint}${SGR.reset}`;
    live = ['', ...inputBox(s.cols, s.live.input, footer)];
  }
  const top = header(s.cwd);
  const room = Math.max(0, s.rows - live.length - top.length);
  const transcript = s.transcript.slice(-room);
  return [...top, ...transcript, ...live].slice(-s.rows);
}

export const userLine = (text: string) => `${SGR.userBg}${SGR.gray}❯ ${SGR.white}${text} ${SGR.reset}`;
export const saidLine = (text: string) => `${SGR.white}●${SGR.reset} ${text}`;
export const toolLine = (tool: string, arg: string) => `${SGR.green}●${SGR.reset} ${SGR.bold}${tool}${SGR.reset}(${arg})`;
export const resultLine = (text: string) => `${SGR.gray}  ⎿  ${text}${SGR.reset}`;
export const finishedLine = (verb: string, seconds: number) => `${SGR.gray}✻ ${verb} for ${seconds}s${SGR.reset}`;
