import xterm from '@xterm/headless';
import type { IBufferCell, Terminal as XTerminal } from '@xterm/headless';
import type { ScreenSnapshot } from '../model/screen.js';
import { MAX_ALERT_TEXT, Osc99Reader, osc777Alert, osc9Alert } from './agent-alerts.js';
import { findInLine, styledLine } from './styled-row.js';
import { capabilityReply, colorReply, DA3_REPLY, DEFAULT_LOOK, windowReply, xtversionReply, type TerminalLook } from './terminal-replies.js';

// A named import type-checks and passes under vitest but throws under plain node: use the default export.
const { Terminal } = xterm;

export type { ScreenSnapshot };

/** How the program wants its input: keys, pastes, mouse and focus reports. */
export interface InputModes {
  bracketedPaste: boolean;
  applicationCursorKeys: boolean;
  applicationKeypad: boolean;
  mouse: 'none' | 'x10' | 'vt200' | 'drag' | 'any';
  focusEvents: boolean;
}

const quiet = () => {};
const SILENT = { trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet };

/**
 * A headless xterm for one agent: writes are parsed in order and `onParsed` fires after each
 * write has been applied, so snapshots never see half a write.
 */
export class HeadlessTerminal {
  private readonly term: XTerminal;
  private readonly cell: IBufferCell;
  private cursorVisible = true;
  private title = '';
  private styledCache: string[] | null = null;
  private viewCache: { key: string; rows: string[] } | null = null;
  /** An alert (a bell, an OSC 9/777/99 notification) in the write being parsed: its text, or ''. */
  private alert: string | null = null;
  private readonly alertListeners = new Set<(text: string) => void>();
  private readonly osc99 = new Osc99Reader();

  /**
   * `answers`: where the terminal's replies to the agent's queries go (its PTY), and how its
   * pane looks; without it queries go unanswered, as in a bare buffer.
   */
  constructor(cols: number, rows: number, scrollback: number, answers?: { reply: (data: string) => void; look?: () => TerminalLook; version?: string }) {
    // The library logs parsing errors (a DEL byte, binary output) to the console, which is the
    // user's terminal: silenced, so nothing but agentmux's own drawing ever reaches it.
    // The size reports reach a handler only when enabled (answered in answerQueries).
    const windowOptions = answers ? { getWinSizePixels: true, getCellSizePixels: true, getWinSizeChars: true, getScreenSizeChars: true } : {};
    this.term = new Terminal({ cols, rows, scrollback, allowProposedApi: true, logLevel: 'off', logger: SILENT, windowOptions });
    this.cell = this.term.buffer.active.getNullCell();
    this.term.onTitleChange((t) => (this.title = t));
    // DECTCEM (?25) is not exposed by the public API: watch for it, and let xterm handle it too.
    const watch = (visible: boolean) => (params: (number | number[])[]) => {
      if (params.includes(25)) this.cursorVisible = visible;
      return false;
    };
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, watch(true));
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, watch(false));
    // The agent's own alerts: heard while the bytes are parsed anyway, told once the write is applied.
    this.term.onBell(() => this.noteAlert(''));
    this.term.parser.registerOscHandler(9, (data) => this.noteAlert(osc9Alert(data)));
    this.term.parser.registerOscHandler(777, (data) => this.noteAlert(osc777Alert(data)));
    this.term.parser.registerOscHandler(99, (data) => this.noteAlert(this.osc99.read(data)));
    if (answers) this.answerQueries(answers.reply, answers.look ?? (() => DEFAULT_LOOK), answers.version ?? 'unknown');
  }

  /** Sends the terminal's own replies (DA1, DA2, DSR, DECRQM) and the ones it lacks back to the agent. */
  private answerQueries(reply: (data: string) => void, look: () => TerminalLook, version: string): void {
    this.term.onData(reply);
    const p = this.term.parser;
    const answer = (data: string | null): boolean => {
      if (data === null) return false;
      reply(data);
      return true;
    };
    p.registerCsiHandler({ prefix: '=', final: 'c' }, (params) => ((params[0] ?? 0) === 0 ? answer(DA3_REPLY) : false));
    p.registerCsiHandler({ prefix: '>', final: 'q' }, (params) => ((params[0] ?? 0) === 0 ? answer(xtversionReply(version)) : false));
    p.registerCsiHandler({ final: 't' }, (params) => answer(typeof params[0] === 'number' ? windowReply(params[0], this.term.cols, this.term.rows, look()) : null));
    p.registerDcsHandler({ intermediates: '+', final: 'q' }, (data) => answer(capabilityReply(data)));
    for (const code of [10, 11, 12]) p.registerOscHandler(code, (data) => answer(colorReply(code, data, look())));
  }

  /** A write's alerts are one: its last words, if any said something. */
  private noteAlert(text: string | null): boolean {
    if (text === null) return false;
    this.alert = (text || this.alert) ?? '';
    return true;
  }

  /**
   * Hears the program's alerts: a bell, or a notification it wrote (OSC 9, 777, 99), with its
   * text ('' for a bell). Several in one write are one.
   */
  onAlert(listener: (text: string) => void): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /** Parses `data`; `done` runs once it is applied to the buffer. */
  write(data: string | Uint8Array, done?: () => void): void {
    // The buffer changes when xterm parses the data, not now: drop the cache then.
    this.term.write(data, () => {
      this.styledCache = null;
      this.viewCache = null;
      if (this.alert !== null) {
        const text = this.alert.slice(0, MAX_ALERT_TEXT);
        this.alert = null;
        for (const l of this.alertListeners) l(text);
      }
      done?.();
    });
  }

  resize(cols: number, rows: number): void {
    if (cols === this.term.cols && rows === this.term.rows) return;
    this.styledCache = null;
    this.viewCache = null;
    this.term.resize(Math.max(1, cols), Math.max(1, rows));
  }

  snapshot(): ScreenSnapshot {
    const buf = this.term.buffer.active;
    const lines: string[] = [];
    const wrapped: boolean[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      const line = buf.getLine(buf.baseY + y);
      lines.push(line?.translateToString(true) ?? '');
      wrapped.push(line?.isWrapped ?? false);
    }
    return {
      cols: this.term.cols,
      rows: this.term.rows,
      lines,
      wrapped,
      cursor: { x: buf.cursorX, y: buf.cursorY, visible: this.cursorVisible },
      title: this.title,
      alternate: buf.type === 'alternate',
    };
  }

  /** The visible rows with colours and attributes as SGR-styled strings (cached until the next write). */
  styledRows(): string[] {
    if (this.styledCache) return this.styledCache;
    this.styledCache = this.styledSlice(0, this.term.rows, this.term.cols);
    return this.styledCache;
  }

  /** Live rows [top, top + rows), `cols` cells wide, with the cursor where it is visible. */
  private styledSlice(top: number, rows: number, cols: number): string[] {
    const buf = this.term.buffer.active;
    // In the pending-wrap position xterm reports the cursor one past the last column: it sits on the last cell.
    const x = Math.min(buf.cursorX, this.term.cols - 1);
    const out: string[] = [];
    for (let y = top; y < top + rows && y < this.term.rows; y++) {
      const cursorX = this.cursorVisible && y === buf.cursorY ? x : -1;
      out.push(styledLine(buf.getLine(buf.baseY + y), cols, this.cell, cursorX));
    }
    return out;
  }

  /**
   * The lowest live row that matters: the last one with text on it, or the cursor's row if lower.
   * A pane smaller than the agent's screen shows the rows ending here.
   */
  contentBottom(): number {
    const buf = this.term.buffer.active;
    let bottom = buf.cursorY;
    for (let y = this.term.rows - 1; y > bottom; y--) {
      if (
        buf
          .getLine(buf.baseY + y)
          ?.translateToString(true)
          .trim()
      ) {
        bottom = y;
        break;
      }
    }
    return bottom;
  }

  /**
   * What a pane of `rows` x `cols` shows of a screen that may be larger: its left columns and the
   * rows ending at contentBottom() (the newest output and any prompt), styled (cached until the next write).
   */
  styledView(rows: number, cols: number): string[] {
    if (rows >= this.term.rows && cols >= this.term.cols) return this.styledRows();
    const top = Math.max(0, Math.min(this.contentBottom() - rows + 1, this.term.rows - rows));
    const key = `${top}:${rows}:${cols}`;
    if (this.viewCache?.key === key) return this.viewCache.rows;
    const view = this.styledSlice(top, rows, cols);
    this.viewCache = { key, rows: view };
    return view;
  }

  /** How many lines of history lie above the live screen. */
  get historyLength(): number {
    return this.term.buffer.active.baseY;
  }

  /**
   * `rows` styled lines of history ending `back` lines above the live screen's top (no cursor):
   * what a scrolled-back pane shows, with the matches of `highlight` marked.
   */
  styledHistory(back: number, highlight: string | null = null): string[] {
    const buf = this.term.buffer.active;
    const top = Math.max(0, buf.baseY - back);
    const rows: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      const line = buf.getLine(top + y);
      const marks = highlight ? findInLine(line, highlight, this.cell) : [];
      rows.push(styledLine(line, this.term.cols, this.cell, -1, marks));
    }
    return rows;
  }

  /**
   * The nearest line beyond position `from` whose text contains `query` (case-insensitive),
   * going up or down, or null. Positions count lines above the live screen's top: 0 is its
   * first row, the screen's other rows are negative (the screen is searched too).
   */
  searchLines(query: string, from: number, dir: 'up' | 'down'): number | null {
    const buf = this.term.buffer.active;
    const q = query.toLowerCase();
    const step = dir === 'up' ? -1 : 1;
    for (let y = buf.baseY - from + step; y >= 0 && y < buf.length; y += step) {
      if (buf.getLine(y)?.translateToString(true).toLowerCase().includes(q)) return buf.baseY - y;
    }
    return null;
  }

  /** Plain text of the whole buffer, scrollback included (for tests and search, not detection). */
  allText(): string[] {
    const buf = this.term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < buf.length; y++) out.push(buf.getLine(y)?.translateToString(true) ?? '');
    return out;
  }

  /** Input modes the program asked for: the outer terminal mirrors them while the agent is focused. */
  inputModes(): InputModes {
    const m = this.term.modes;
    return {
      bracketedPaste: m.bracketedPasteMode,
      applicationCursorKeys: m.applicationCursorKeysMode,
      applicationKeypad: m.applicationKeypadMode,
      mouse: m.mouseTrackingMode,
      focusEvents: m.sendFocusMode,
    };
  }

  /** True when the program turned on mouse reporting. */
  wantsMouse(): boolean {
    return this.term.modes.mouseTrackingMode !== 'none';
  }

  /** The xterm cell at a visible position, for attribute checks. */
  cellAt(x: number, y: number): IBufferCell | undefined {
    const buf = this.term.buffer.active;
    return buf.getLine(buf.baseY + y)?.getCell(x);
  }

  dispose(): void {
    this.term.dispose();
  }
}
