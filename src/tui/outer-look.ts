import { DEFAULT_LOOK, type TerminalLook } from '../session/terminal-replies.js';

/**
 * What the outer terminal says its panes look like, asked once at start: its default colours
 * (OSC 10/11) and its cell size in pixels (CSI 16 t). The agents' panes are drawn in those
 * colours, so an agent asking its terminal for them gets the outer terminal's.
 */
export const OUTER_LOOK_QUERY = '\x1b]10;?\x1b\\\x1b]11;?\x1b\\\x1b[16t';

/** How long after the query replies are looked for in the input; after that it is all keys. */
const REPLY_WINDOW_MS = 3000;

const COLOR_REPLY = /\x1b\](1[01]);(rgb:[0-9a-fA-F]{1,4}\/[0-9a-fA-F]{1,4}\/[0-9a-fA-F]{1,4})(?:\x07|\x1b\\)/g;
const CELL_REPLY = /\x1b\[6;(\d{1,4});(\d{1,4})t/g;
/** The start of a reply, cut off at the end of a chunk: held until the next one. */
const PARTIAL = /(?:\x1b\](?:1(?:[01](?:;[^\x07\x1b]*)?)?)?|\x1b\[(?:6(?:;\d*(?:;\d*)?)?)?)$/;

/** A light look when COLORFGBG says the background is white (7 or 15), else DEFAULT_LOOK. */
export function lookFromEnv(env: NodeJS.ProcessEnv): TerminalLook {
  const bg = env.COLORFGBG?.split(';').pop();
  return bg === '7' || bg === '15' ? { ...DEFAULT_LOOK, foreground: 'rgb:0000/0000/0000', background: 'rgb:ffff/ffff/ffff' } : DEFAULT_LOOK;
}

/** Takes the outer terminal's replies out of its input stream, keeping the look they give. */
export class OuterLook {
  private look: TerminalLook;
  private held = '';
  private readonly until: number;

  constructor(env: NodeJS.ProcessEnv, now = Date.now()) {
    this.look = lookFromEnv(env);
    this.until = now + REPLY_WINDOW_MS;
  }

  get current(): TerminalLook {
    return this.look;
  }

  /** The input with any replies taken out (a reply cut at the end waits for the rest). */
  feed(data: string, now = Date.now()): string {
    if (now > this.until) {
      const rest = this.held + data;
      this.held = '';
      return rest;
    }
    let text = this.held + data;
    this.held = '';
    text = text.replace(COLOR_REPLY, (_m, code: string, color: string) => {
      this.look = { ...this.look, [code === '10' ? 'foreground' : 'background']: color };
      return '';
    });
    text = text.replace(CELL_REPLY, (_m, h: string, w: string) => {
      if (Number(h) > 0 && Number(w) > 0) this.look = { ...this.look, cell: { width: Number(w), height: Number(h) } };
      return '';
    });
    const partial = PARTIAL.exec(text);
    // A lone ESC is a key (the key decoder times it); only a reply's longer start is held.
    if (partial && partial[0].length > 1) {
      this.held = partial[0];
      text = text.slice(0, partial.index);
    }
    return text;
  }
}
