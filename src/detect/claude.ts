import { findMenu, findUnnumberedMenu, type Menu } from './menu.js';
import type { Detection, ParsedPrompt, ScreenSnapshot } from '../model/screen.js';
import { logicalLines } from './unwrap.js';

/**
 * Claude Code, read from its live screen. Learned from the real CLI's screens (2.1.x):
 * - working: a spinner line "✢ Ideating…" / "✻ Calculating… (3s · ↑ 29 tokens)" and the footer
 *   "esc to interrupt"; the window title starts with a braille spinner;
 * - approval: a numbered menu with a "❯" on one option, a hint line such as "Esc to cancel" or
 *   "Enter to confirm" after it, and no input box below it (the dialog replaces the box);
 * - idle: the input box ("❯" + NBSP between two rules) and no spinner.
 */

/** Spinner glyphs Claude Code cycles through (terminals differ: ghostty and others get their own). */
const SPINNER_GLYPHS = '·✢*✶✻✽✳∗⋆✦◐◓◑◒';
/** "✻ Calculating… (3s · ↑ 29 tokens · esc to interrupt)": a glyph, a word, the ellipsis. */
const SPINNER_LINE = new RegExp(`^\\s*[${SPINNER_GLYPHS}]\\s+\\S[^…]{0,60}…`);
const INTERRUPT = /esc to interrupt/i;
/** The line a finished turn leaves above the input box: "✻ Baked for 6s", "✻ Cooked for 3s · done 10:56 PM". */
const FINISHED_LINE = new RegExp(`^\\s*[${SPINNER_GLYPHS}]\\s+\\S+ for \\d+(\\.\\d+)?[smh]\\b`);
const BRAILLE_TITLE = /^[\u2800-\u28ff]/;
const RULE = /^\s*─{10,}\s*$/;
/** The input line: "❯" then NBSP when empty, or the typed text. */
const INPUT_LINE = /^\s*❯[\u00a0 ]/;
const MENU_HINT = /(Esc to cancel|Enter to confirm|Enter to select|Tab to amend|to navigate)/i;

/** The progress key: every line but the spinner line (its glyph, timer and tokens animate). */
function progressKeyOf(lines: readonly string[]): string {
  return lines.filter((l) => !SPINNER_LINE.test(l)).join('\n');
}

function lastNonBlank(lines: readonly string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.trim() !== '') return i;
  return -1;
}

/** Decorations drawn between the transcript and the input box (effort level, terminal hints). */
const DECORATION = /focus-events|\/effort\s*$/;

/**
 * The last `n` transcript lines above the input box, nearest last. 2.1.3xx pins the box to the
 * bottom of the screen with blank lines between, so distance means nothing; blank lines and
 * decorations are skipped.
 */
function linesAboveBox(lines: readonly string[], input: number, n: number): string[] {
  const out: string[] = [];
  for (let i = input - 2; i >= 0 && out.length < n; i--) {
    const l = lines[i]!;
    if (l.trim() !== '' && !DECORATION.test(l)) out.unshift(l);
  }
  return out;
}

/** The input box: an input line with a rule directly above it. Returns the input line's index. */
function findInputBox(lines: readonly string[]): number {
  for (let i = lines.length - 1; i > 0; i--) {
    if (INPUT_LINE.test(lines[i]!) && RULE.test(lines[i - 1]!)) return i;
  }
  return -1;
}

const trimmed = (s: string) => s.trim();

/** The text block just above the menu: the question line and the lines above it up to a rule. */
function dialogAbove(lines: readonly string[], menu: Menu): string[] {
  const out: string[] = [];
  for (let i = menu.first - 1; i >= 0 && menu.first - i <= 30; i--) {
    if (RULE.test(lines[i]!)) break;
    out.unshift(lines[i]!);
  }
  while (out.length && out[0]!.trim() === '') out.shift();
  return out;
}

const DASHED_RULE = /^\s*╌{10,}\s*$/;

/** Claude Code draws a gutter ("│ ") in front of a long command's lines: not part of the command. */
function stripGutter(text: string): string {
  const lines = text.split('\n');
  return lines.every((l) => /^│ ?/.test(l)) ? lines.map((l) => l.replace(/^│ ?/, '')).join('\n') : text;
}

/** The text between the first two dashed rules of a dialog, or null when there are none. */
function framedBlock(block: readonly string[]): string | null {
  const a = block.findIndex((l) => DASHED_RULE.test(l));
  if (a < 0) return null;
  const b = block.findIndex((l, i) => i > a && DASHED_RULE.test(l));
  if (b < 0) return null;
  return block
    .slice(a + 1, b)
    .map(trimmed)
    .filter(Boolean)
    .join('\n');
}

/** Groups the dialog's lines into paragraphs separated by blank lines. */
function paragraphs(lines: readonly string[]): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  for (const l of lines) {
    if (l.trim() === '') {
      if (cur.length) out.push(cur);
      cur = [];
    } else cur.push(l);
  }
  if (cur.length) out.push(cur);
  return out;
}

const TOOL_HEADERS: ReadonlyArray<[RegExp, string]> = [
  [/^Bash command$/, 'Bash'],
  [/^Edit file$/, 'Edit'],
  [/^Create file$/, 'Write'],
  [/^Write file$/, 'Write'],
  [/^Overwrite file$/, 'Write'],
  [/^Read file$/, 'Read'],
  [/^Fetch$/, 'WebFetch'],
  [/^Web ?Search$/i, 'WebSearch'],
  [/^Tool use$/, 'MCP'],
  [/^Notebook/, 'NotebookEdit'],
];

/**
 * An MCP tool call: 2.1.1xx shows "notes - add_note(text: "…") (MCP)", 2.1.3xx shows
 * "notes — Add Note Tool: (MCP)" with the arguments framed below. The tool is named as Claude
 * Code's permission rules name it (mcp__server__tool) when the screen shows its real name.
 */
function mcpSubject(block: readonly string[], framed: string | null): { tool: string; text: string } {
  const lines = block.map(trimmed).filter(Boolean);
  for (const l of lines) {
    const old = /^(\S+) - (\S+?)\((.*)\) \(MCP\)$/.exec(l);
    if (old) return { tool: `mcp__${old[1]}__${old[2]}`, text: old[3]! };
    const cur = /^(\S+) — (.+?):? \(MCP\)$/.exec(l);
    if (cur) return { tool: `mcp__${cur[1]}`, text: [cur[2], framed].filter(Boolean).join('\n') };
  }
  return { tool: 'MCP', text: framed ?? lines.slice(1, 2).join('') };
}

/** Reads the question, subject and kind of a dialog whose options are `menu`. */
export function parseClaudePrompt(lines: readonly string[], menu: Menu): ParsedPrompt {
  const block = dialogAbove(lines, menu);
  const paras = paragraphs(block);
  const flat = block.map(trimmed).filter(Boolean);
  const text = flat.join('\n');
  const questionLine = [...flat].reverse().find((l) => /\?\s*$/.test(l)) ?? flat[flat.length - 1] ?? '';
  const base = { question: questionLine, options: menu.options, selected: menu.selected };
  const labels = menu.options.map((o) => o.label).join('\n');

  if (/Accessing workspace:|trust this folder/i.test(text + labels)) {
    const path = flat.find((l) => l.startsWith('/') || l.startsWith('~'));
    return { ...base, kind: 'trust', question: questionLine.endsWith('?') ? questionLine : 'Do you trust this folder?', ...(path ? { subject: { file: path } } : {}) };
  }
  if (/Detected a custom API key/i.test(text)) {
    const key = flat.find((l) => /API_KEY/.test(l));
    return { ...base, kind: 'api-key', ...(key ? { subject: { text: key } } : {}) };
  }
  if (/Bypass Permissions mode/i.test(text)) {
    return { ...base, kind: 'bypass', question: flat[0] ?? questionLine };
  }
  const mcp = /New MCP server found in [^:\n]*:\s*(.+)/i.exec(text);
  if (mcp) {
    return { ...base, kind: 'mcp-server', question: questionLine.endsWith('?') ? questionLine : 'Use this MCP server?', subject: { text: mcp[1]!.trim() } };
  }
  if (/limit|usage/i.test(text) && /wait|upgrade|limit/i.test(labels)) {
    return { ...base, kind: 'rate-limit', question: flat[0] ?? questionLine };
  }
  if (/Exit plan mode\?|Would you like to proceed\?|ready to code/i.test(text)) {
    return { ...base, kind: 'plan' };
  }

  // Tool permission: a header naming the tool, the subject indented under it, then the question.
  const header = paras[0]?.[0]?.trim() ?? '';
  const tool = TOOL_HEADERS.find(([re]) => re.test(header))?.[1];
  const fileQuestion = /Do you want to (?:make this edit to|create|overwrite|write to|read) (.+?)\?$/.exec(questionLine);
  if (tool || fileQuestion || /Do you want to proceed\?/.test(questionLine)) {
    const body = (paras[1] ?? []).map(trimmed);
    const subject: NonNullable<ParsedPrompt['subject']> = {};
    if (tool) subject.tool = tool;
    const framed = framedBlock(block);
    if (tool === 'Bash') {
      // 2.1.3xx frames the command with dashed rules; 2.1.1xx indents it above one line describing it.
      subject.command = stripGutter(framed ?? (body.length > 1 ? body.slice(0, -1) : body).join('\n'));
    } else if (fileQuestion) {
      subject.tool ??= /edit/.test(questionLine) ? 'Edit' : 'Write';
      // The question names the file's base name only; the path is the line under the header.
      const base = fileQuestion[1]!;
      const underHeader = (paras[0] ?? [])
        .slice(1)
        .map(trimmed)
        .find((l) => l !== '' && !DASHED_RULE.test(l));
      subject.file = [underHeader, ...body].find((l) => l !== undefined && (l === base || l.endsWith(`/${base}`))) ?? base;
    } else if (tool === 'WebFetch') {
      const url = /https?:\/\/[^\s"',]+/.exec(block.join('\n'));
      if (url) subject.text = url[0];
    } else if (tool === 'MCP') {
      Object.assign(subject, mcpSubject(block, framed));
    } else if (body.length) {
      subject.text = body.join('\n');
    } else if (!tool && header) {
      subject.text = header;
    }
    return { ...base, kind: 'permission', subject };
  }
  if (/Enter to select|to navigate/i.test(lines.slice(menu.last).join('\n'))) {
    return { ...base, kind: 'question' };
  }
  return { ...base, kind: 'menu' };
}

/** The footer's mode: "⏵⏵ accept edits on (shift+tab to cycle)", "⏸ plan mode on", "⏸ manual mode on" (2.1.3xx's name for the default). */
const FOOTER_MODE = /[⏵⏸]+\s*([a-z][a-z ]*?) (?:mode )?on\b/;
const MODE_NAMES: Record<string, string> = { 'accept edits': 'accept edits', auto: 'auto', 'bypass permissions': 'bypass', plan: 'plan', manual: 'default', default: 'default' };

/** Claude Code's permission mode from the footer under its input box; undefined when not shown. */
export function footerMode(footer: string): string | undefined {
  const m = FOOTER_MODE.exec(footer);
  if (m) return MODE_NAMES[m[1]!.trim()] ?? m[1]!.trim();
  // The default mode shows no mode, only the shortcuts hint (which typing hides).
  return /\? for shortcuts/.test(footer) ? 'default' : undefined;
}

/** Claude Code's state, read from its logical lines: a label or command the terminal wrapped is read whole. */
export function detectClaude(snap: ScreenSnapshot): Detection {
  const { lines } = logicalLines(snap);
  const logical = { ...snap, lines };
  const d = detectClaudeState(logical);
  if (d.state === 'approval') return d;
  const input = findInputBox(lines);
  const mode = input >= 0 ? footerMode(lines.slice(input + 1, input + 4).join('\n')) : undefined;
  return mode ? { ...d, agentMode: mode } : d;
}

function detectClaudeState(snap: ScreenSnapshot): Detection {
  const lines = snap.lines;
  const progressKey = progressKeyOf(lines);
  const bottom = lastNonBlank(lines);
  if (bottom < 0) return { state: 'unknown', reason: 'blank screen', progressKey };
  const input = findInputBox(lines);
  const footer = input >= 0 ? lines.slice(input + 1, bottom + 1).join('\n') : '';

  // A live dialog replaces the input box: a menu with a hint line after it and no box below.
  const menu = findMenu(lines) ?? findUnnumberedMenu(lines);
  if (menu && menu.selected !== null && input < menu.first) {
    const after = lines.slice(menu.last + 1, Math.min(lines.length, menu.last + 6)).join('\n');
    const tail = lines.slice(menu.last + 1, bottom + 1).filter((l) => l.trim() !== '');
    // Every real dialog replaces the input box; some (fetch, plan) have no hint line under the options.
    if ((MENU_HINT.test(after) || input < 0) && tail.length <= 3) {
      const prompt = parseClaudePrompt(lines, menu);
      return { state: 'approval', reason: `screen: ${prompt.kind} prompt`, prompt, progressKey };
    }
  }

  // The spinner is the last transcript line, or the one before a "⎿ Tip: …" line: never deeper in the transcript.
  const live = input >= 0 ? linesAboveBox(lines, input, 3) : lines.slice(Math.max(0, bottom - 3), bottom + 1);
  const spinner = live.some((l) => SPINNER_LINE.test(l));
  if (INTERRUPT.test(footer) || (input < 0 && INTERRUPT.test(lines.slice(Math.max(0, bottom - 3), bottom + 1).join('\n')))) {
    return { state: 'working', reason: 'screen: "esc to interrupt"', progressKey };
  }
  if (spinner) return { state: 'working', reason: 'screen: spinner', progressKey };
  if (input >= 0) {
    if (BRAILLE_TITLE.test(snap.title)) return { state: 'working', reason: 'title: spinner', progressKey };
    if (FINISHED_LINE.test(linesAboveBox(lines, input, 1)[0] ?? '')) return { state: 'idle', reason: 'screen: turn finished', progressKey, final: true };
    return { state: 'idle', reason: 'screen: input box, no spinner', progressKey };
  }
  return { state: 'unknown', reason: 'no input box, prompt or spinner', progressKey };
}
