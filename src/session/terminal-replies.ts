/**
 * What agentmux answers when an agent asks its terminal something the headless terminal does
 * not answer itself (it answers DA1, DA2, DSR, the cursor position and DECRQM): DA3, XTVERSION,
 * XTGETTCAP, the colour queries (OSC 10/11/12) and the size reports (CSI 14/16/18/19 t). Sizes
 * are the agent's own screen; colours and the cell's pixel size are the outer terminal's, as
 * far as it told (see TerminalLook). Pure: each function is a reply, or null for no reply.
 */

/** How the agent's pane looks: the outer terminal's default colours (X11 `rgb:` form) and cell size. */
export interface TerminalLook {
  foreground: string;
  background: string;
  /** One cell in pixels. */
  cell: { width: number; height: number };
}

/** Until the outer terminal says otherwise: light text on black, the most common default. */
export const DEFAULT_LOOK: TerminalLook = { foreground: 'rgb:e5e5/e5e5/e5e5', background: 'rgb:0000/0000/0000', cell: { width: 8, height: 16 } };

const ST = '\x1b\\';

/** DA3 (`CSI = c`): the terminal unit id, as xterm gives it. */
export const DA3_REPLY = `\x1bP!|00000000${ST}`;

/** XTVERSION (`CSI > q`): the terminal's name and version. */
export const xtversionReply = (version: string): string => `\x1bP>|agentmux(${version})${ST}`;

/** OSC 10 (foreground), 11 (background), 12 (cursor) with `?`: the colour. */
export function colorReply(code: number, data: string, look: TerminalLook): string | null {
  if (data !== '?') return null;
  const color = code === 11 ? look.background : code === 10 || code === 12 ? look.foreground : null;
  return color ? `\x1b]${code};${color}${ST}` : null;
}

/** Window reports: 14 the text area in pixels, 16 a cell in pixels, 18 and 19 the size in cells. */
export function windowReply(ps: number, cols: number, rows: number, look: TerminalLook): string | null {
  const { width, height } = look.cell;
  switch (ps) {
    case 14:
      return `\x1b[4;${rows * height};${cols * width}t`;
    case 16:
      return `\x1b[6;${height};${width}t`;
    case 18:
    case 19:
      return `\x1b[${ps - 10};${rows};${cols}t`;
    default:
      return null;
  }
}

/** The terminfo capabilities agentmux vouches for (the agents' TERM is xterm-256color). */
const CAPABILITIES: Readonly<Record<string, string>> = { TN: 'xterm-256color', name: 'xterm-256color', Co: '256', colors: '256', RGB: '8/8/8' };

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex').toUpperCase();
const unhex = (h: string) => (/^(?:[0-9a-fA-F]{2})+$/.test(h) ? Buffer.from(h, 'hex').toString('utf8') : null);

/**
 * XTGETTCAP (`DCS + q <hex name>;... ST`): each known capability as `DCS 1 + r name=value ST`,
 * and the first unknown one as `DCS 0 + r name ST`, where xterm stops too.
 */
export function capabilityReply(data: string): string {
  let out = '';
  for (const h of data.split(';')) {
    const name = unhex(h);
    const value = name === null ? undefined : CAPABILITIES[name];
    if (value === undefined) return `${out}\x1bP0+r${h}${ST}`;
    out += `\x1bP1+r${h}=${hex(value)}${ST}`;
  }
  return out;
}
