import xterm from '@xterm/headless';
import type { IBufferCell, IBufferLine, IBufferNamespace, IMarker, Terminal as XTerminal } from '@xterm/headless';
import type { ScreenSnapshot } from '../model/screen.js';
import { MAX_ALERT_TEXT, Osc99Reader, osc777Alert, osc9Alert } from './agent-alerts.js';
import { CompactHistory } from './compact-history.js';
import { reflowRows } from './compact-reflow.js';
import { compactLine, rowContains, rowText, styledRow } from './compact-row.js';
import { historyPieces } from './history-pieces.js';
import { lineText } from './line-text.js';
import { findInLine, styledLine } from './styled-row.js';
import { capabilityReply, colorReply, DA3_REPLY, DEFAULT_LOOK, windowReply, xtversionReply, type TerminalLook } from './terminal-replies.js';
import { watchDirtyRows } from './dirty-rows.js';
import { RowCache } from './row-cache.js';
import { canDropTopLines, dropTopLines } from './xterm-trim.js';

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

/**
 * History lines kept as xterm rows (12 bytes a cell) above the screen; older ones are kept as
 * styled text. Enough for a terminal that grows taller to pull lines back onto its screen (as
 * xterm does) and for xterm to reflow the recent history exactly; few enough to cost little.
 */
export const FULL_HISTORY = 32;
/** Lines converted at a time. */
export const BATCH = 32;
/**
 * The most lines one piece of a write may add (a write with more is cut into pieces). As many
 * of the oldest xterm lines are kept converted already, so that xterm can reuse their rows for
 * new lines (no allocation, nothing for the collector) without losing one unseen. xterm holds
 * at most FULL_HISTORY + PIECE + BATCH history rows (128: 0.3 MB at 200 columns), more on a
 * screen taller than PIECE.
 */
export const PIECE = 64;

const quiet = () => {};
const SILENT = { trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet };

/**
 * A headless xterm for one agent: writes are parsed in order and `onParsed` fires after each
 * write has been applied, so snapshots never see half a write.
 */
export class HeadlessTerminal {
  private readonly term: XTerminal;
  /** The terminal's buffers (its getter checks the options on every read: kept once). */
  private readonly buffers: IBufferNamespace;
  private readonly cell: IBufferCell;
  private cursorVisible = true;
  private title = '';
  /** An alert (a bell, an OSC 9/777/99 notification) in the write being parsed: its text, or ''. */
  private alert: string | null = null;
  private readonly alertListeners = new Set<(text: string) => void>();
  private readonly osc99 = new Osc99Reader();
  /** The older history as styled text (null: all of it is xterm's, for a short scrollback). */
  private readonly compact: CompactHistory | null;
  /**
   * Marks the first xterm line not yet in the compact history: the lines above it are in both,
   * kept for xterm to reuse (null: none). A marker, because xterm moves it as it drops lines.
   */
  private shadow: IMarker | null = null;
  /** The compact history awaits rewrapping for the screen's width (done when it is next read). */
  private reflowPending = false;
  /** Screen rows as last read, kept until the parser changes them. */
  private readonly rowCache: RowCache;

  /**
   * `answers`: where the terminal's replies to the agent's queries go (its PTY), and how its
   * pane looks; without it queries go unanswered, as in a bare buffer.
   */
  constructor(cols: number, rows: number, scrollback: number, answers?: { reply: (data: string) => void; look?: () => TerminalLook; version?: string }) {
    // The library logs parsing errors (a DEL byte, binary output) to the console, which is the
    // user's terminal: silenced, so nothing but agentmux's own drawing ever reaches it.
    // The size reports reach a handler only when enabled (answered in answerQueries).
    const windowOptions = answers ? { getWinSizePixels: true, getCellSizePixels: true, getWinSizeChars: true, getScreenSizeChars: true } : {};
    const compact = scrollback > FULL_HISTORY + PIECE + BATCH;
    this.term = new Terminal({ cols, rows, scrollback: compact ? xtermRoom(rows) : scrollback, allowProposedApi: true, logLevel: 'off', logger: SILENT, windowOptions });
    this.compact = compact && canDropTopLines(this.term) ? new CompactHistory(scrollback) : null;
    if (compact && !this.compact) this.term.options.scrollback = scrollback;
    if (this.compact) this.watchHistoryClears(this.compact);
    this.buffers = this.term.buffer;
    this.cell = this.buffers.active.getNullCell();
    this.rowCache = new RowCache(watchDirtyRows(this.term, (start, end) => this.rowCache.changed(start, end)));
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
    // The empty input that asks for a write to be parsed at once (see write) is no reply.
    this.term.onData((data) => data && reply(data));
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

  /** What wipes xterm's history (ED 3, a full reset) wipes the older history too, in step. */
  private watchHistoryClears(compact: CompactHistory): void {
    const p = this.term.parser;
    const erase = (params: (number | number[])[]) => {
      if (params[0] === 3 && this.buffers.active.type === 'normal') this.clearHistory(compact);
      return false;
    };
    p.registerCsiHandler({ final: 'J' }, erase);
    p.registerCsiHandler({ prefix: '?', final: 'J' }, erase);
    p.registerEscHandler({ final: 'c' }, () => {
      this.clearHistory(compact);
      return false;
    });
  }

  private clearHistory(compact: CompactHistory): void {
    compact.clear();
    this.shadow?.dispose();
    this.shadow = null;
  }

  /** xterm lines at the top of the normal buffer already in the compact history. */
  private get converted(): number {
    const m = this.shadow;
    return m && !m.isDisposed && m.line > 0 ? m.line : 0;
  }

  /** Lines of the active buffer the history readers skip (converted ones, shown from the compact history). */
  private get hidden(): number {
    return this.compact && this.buffers.active.type === 'normal' ? this.converted : 0;
  }

  /** The most lines a piece of a write may add: PIECE, or a repeat's worth on a very tall screen. */
  private get budget(): number {
    return Math.max(PIECE, this.term.rows + 2);
  }

  /**
   * After each piece of a write: keeps at least a piece's worth of the oldest xterm lines
   * converted (topping them up by a batch), so that the lines xterm reuses for the next piece
   * are ones already kept, and the total within the scrollback.
   */
  private readonly absorb = (): void => {
    const compact = this.compact;
    if (!compact) return;
    const buf = this.buffers.normal;
    let conv = this.converted;
    const budget = this.budget;
    if (this.buffers.active.type === 'normal' && conv < budget && buf.baseY - conv > FULL_HISTORY) {
      let end = conv + Math.min(buf.baseY - conv - FULL_HISTORY, budget + BATCH - conv);
      // A wrapped line is converted whole, when xterm still has room enough for a piece.
      const least = budget - (xtermRoom(this.term.rows) - buf.baseY);
      let k = end;
      while (k > conv && k - 1 >= least && buf.getLine(k)?.isWrapped) k--;
      if (k === conv || !buf.getLine(k)?.isWrapped) end = k;
      for (let y = conv; y < end; y++) compact.push(compactLine(buf.getLine(y)!, this.cell));
      conv = end;
      this.shadow?.dispose();
      this.shadow = this.term.registerMarker(conv - (buf.baseY + buf.cursorY)) ?? null;
    }
    const over = compact.length + buf.baseY - conv - compact.capacity;
    if (over > 0) compact.drop(over);
  };

  /** Every xterm history line past FULL_HISTORY into the compact history, and out of xterm. */
  private absorbAll(compact: CompactHistory): void {
    const buf = this.buffers.normal;
    dropTopLines(this.term, this.converted);
    this.shadow?.dispose();
    this.shadow = null;
    let n = buf.baseY - FULL_HISTORY;
    if (n <= 0) return;
    // A wrapped line moves whole, unless it starts at the top.
    let k = n;
    while (k > 0 && buf.getLine(k)?.isWrapped) k--;
    if (k > 0) n = k;
    for (let y = 0; y < n; y++) compact.push(compactLine(buf.getLine(y)!, this.cell));
    dropTopLines(this.term, n);
    const over = compact.length + buf.baseY - compact.capacity;
    if (over > 0) compact.drop(over);
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

  /**
   * Parses `data` before returning (when nothing written earlier still waits: then after it, on
   * xterm's timer); `done` runs once it is applied to the buffer. When output is parsed is the
   * parse queue's to decide, not a timer's per terminal (see parse-queue.ts).
   */
  write(data: string | Uint8Array, done?: () => void): void {
    // xterm parses a write at once after user input (its rule for echoes): the empty input says so.
    const put = (piece: string | Uint8Array, cb: () => void) => {
      this.term.input('', true);
      this.term.write(piece, cb);
    };
    if (this.compact) {
      // Each piece's lines leave xterm's buffer before the next piece can push them out of it.
      const pieces = historyPieces(data, this.budget, this.term.rows + 1);
      for (let i = 0; i < pieces.length - 1; i++) put(pieces[i]!, this.absorb);
      data = pieces[pieces.length - 1]!;
    }
    put(data, () => {
      this.absorb();
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
    this.rowCache.clear();
    const c = Math.max(1, cols);
    const r = Math.max(1, rows);
    if (!this.compact) return this.term.resize(c, r);
    // A narrower screen rewraps xterm's lines into more of them: room for them first, so xterm
    // drops none, then back to the usual room once the older ones are kept as text.
    if (c !== this.term.cols && this.compact.length) this.reflowPending = true;
    // The converted lines go first: xterm's reflow would move them.
    dropTopLines(this.term, this.converted);
    this.shadow?.dispose();
    this.shadow = null;
    const lines = this.buffers.normal.length;
    this.term.options.scrollback = Math.max(xtermRoom(r), lines * (Math.ceil(this.term.cols / c) + 1) + r);
    this.term.resize(c, r);
    this.absorbAll(this.compact);
    this.term.options.scrollback = xtermRoom(r);
  }

  snapshot(): ScreenSnapshot {
    const buf = this.buffers.active;
    const lines: string[] = [];
    const wrapped: boolean[] = [];
    const frame = this.frame();
    for (let y = 0; y < this.term.rows; y++) {
      const row = this.plainRow(frame, y);
      lines.push(row.text);
      wrapped.push(row.wrapped);
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

  /** What the kept rows were read from: the buffer, its lines above the screen, the size. */
  private frame(): string {
    const buf = this.buffers.active;
    return `${buf.type}:${buf.baseY}:${this.term.cols}x${this.term.rows}`;
  }

  /** Screen row y's text (trailing blanks trimmed) and whether it continues the row above. */
  private plainRow(frame: string, y: number): { text: string; wrapped: boolean } {
    return this.rowCache.plainRow(frame, y, () => {
      const buf = this.buffers.active;
      const line = buf.getLine(buf.baseY + y);
      return { text: lineOf(line, this.cell), wrapped: line?.isWrapped ?? false };
    });
  }

  /** The visible rows with colours and attributes as SGR-styled strings (each kept until it changes). */
  styledRows(): string[] {
    return this.styledSlice(0, this.term.rows, this.term.cols);
  }

  /** Live rows [top, top + rows), `cols` cells wide, with the cursor where it is visible. */
  private styledSlice(top: number, rows: number, cols: number): string[] {
    const buf = this.buffers.active;
    // In the pending-wrap position xterm reports the cursor one past the last column: it sits on the last cell.
    const x = Math.min(buf.cursorX, this.term.cols - 1);
    const out: string[] = [];
    const frame = this.frame();
    for (let y = top; y < top + rows && y < this.term.rows; y++) {
      const cursorX = this.cursorVisible && y === buf.cursorY ? x : -1;
      out.push(this.rowCache.styledRow(frame, y, cols, cursorX, () => this.liveStyled(buf.getLine(buf.baseY + y), cols, cursorX)));
    }
    return out;
  }

  /**
   * A live row as styledLine draws it. A whole row without the cursor (most of them) is read from
   * xterm's cell words in one pass, as history rows are, rather than a string per cell: with 50
   * agents streaming the painter's rows were ~45% of all the server allocated.
   */
  private liveStyled(line: IBufferLine | undefined, cols: number, cursorX: number): string {
    if (line && cursorX < 0 && cols >= line.length) return styledRow(compactLine(line, this.cell), cols, null);
    return styledLine(line, cols, this.cell, cursorX);
  }

  /**
   * The lowest live row that matters: the last one with text on it, or the cursor's row if lower.
   * A pane smaller than the agent's screen shows the rows ending here.
   */
  contentBottom(): number {
    const buf = this.buffers.active;
    let bottom = buf.cursorY;
    const frame = this.frame();
    for (let y = this.term.rows - 1; y > bottom; y--) {
      if (this.plainRow(frame, y).text.trim()) {
        bottom = y;
        break;
      }
    }
    return bottom;
  }

  /**
   * What a pane of `rows` x `cols` shows of a screen that may be larger: its left columns and the
   * rows ending at contentBottom() (the newest output and any prompt), styled.
   */
  styledView(rows: number, cols: number): string[] {
    if (rows >= this.term.rows && cols >= this.term.cols) return this.styledRows();
    const top = Math.max(0, Math.min(this.contentBottom() - rows + 1, this.term.rows - rows));
    return this.styledSlice(top, rows, cols);
  }

  /** Rows of compact history above xterm's own lines (none while the alternate screen shows). */
  private get compactRows(): number {
    if (!this.compact || this.buffers.active.type !== 'normal') return 0;
    if (this.reflowPending) {
      // Rewrapped when someone looks, not on every resize: most agents' history is never read.
      this.reflowPending = false;
      this.compact.replace(reflowRows(this.compact.rows(), this.term.cols));
      const over = this.compact.length + this.buffers.normal.baseY - this.converted - this.compact.capacity;
      if (over > 0) this.compact.drop(over);
    }
    return this.compact.length;
  }

  /** How many lines of history lie above the live screen. */
  get historyLength(): number {
    return this.compactRows + this.buffers.active.baseY - this.hidden;
  }

  /**
   * `rows` styled lines of history ending `back` lines above the live screen's top (no cursor):
   * what a scrolled-back pane shows, with the matches of `highlight` marked.
   */
  styledHistory(back: number, highlight: string | null = null): string[] {
    const buf = this.buffers.active;
    const c = this.compactRows;
    const skip = this.hidden;
    const top = Math.max(0, c + buf.baseY - skip - back);
    const rows: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      const at = top + y;
      if (at < c) {
        rows.push(styledRow(this.compact!.row(at), this.term.cols, highlight));
        continue;
      }
      const line = buf.getLine(at - c + skip);
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
    const buf = this.buffers.active;
    const c = this.compactRows;
    const skip = this.hidden;
    const base = c + buf.baseY - skip;
    const q = query.toLowerCase();
    const step = dir === 'up' ? -1 : 1;
    for (let y = base - from + step; y >= 0 && y < c + buf.length - skip; y += step) {
      const found =
        y < c
          ? rowContains(this.compact!.row(y), q)
          : lineOf(buf.getLine(y - c + skip), this.cell)
              .toLowerCase()
              .includes(q);
      if (found) return base - y;
    }
    return null;
  }

  /** Plain text of the whole buffer, scrollback included (for tests and search, not detection). */
  allText(): string[] {
    const buf = this.buffers.active;
    const out: string[] = [];
    for (let y = 0; y < this.compactRows; y++) out.push(rowText(this.compact!.row(y)));
    for (let y = this.hidden; y < buf.length; y++) out.push(lineOf(buf.getLine(y), this.cell));
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
    const buf = this.buffers.active;
    return buf.getLine(buf.baseY + y)?.getCell(x);
  }

  dispose(): void {
    this.term.dispose();
  }
}

/** A line's text ('' past the buffer's end). */
function lineOf(line: IBufferLine | undefined, cell: IBufferCell): string {
  return line ? lineText(line, cell) : '';
}

/** xterm's own scrollback with a compact history: the rows it keeps, a piece's worth converted, and a batch. */
function xtermRoom(rows: number): number {
  return FULL_HISTORY + Math.max(PIECE, rows + 2) + BATCH;
}
