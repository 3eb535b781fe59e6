/**
 * Clamps the counts of CSI sequences whose cost grows with their count (scroll up/down, insert
 * and delete lines or characters, erase characters, repeat, tab forward/back) to what the screen
 * can show, before the bytes reach the headless terminal: `ESC [ 10000000 S` would otherwise
 * scroll ten million times, one line at a time, holding the dashboard for half a minute. The
 * screen ends up the same: scrolling a screen away more than once shows nothing new.
 *
 * A streaming filter: a sequence split across chunks is held until its final byte. Everything
 * else passes through unchanged. Pure apart from that carried state.
 */
export class CountClamp {
  /** The sequence being read (from its CSI), or null outside one. */
  private seq: string | null = null;
  private digits = 0;

  constructor(private readonly size: () => { cols: number; rows: number }) {}

  filter(data: string): string {
    // Most output has no counted sequence and ends outside one: it passes as it is.
    if (this.seq === null && !MAY_CLAMP.test(data)) return data;
    let out = '';
    let i = 0;
    while (i < data.length) {
      if (this.seq === null) {
        const next = nextCsi(data, i);
        if (next < 0) return out + data.slice(i);
        out += data.slice(i, next);
        const two = data[next] === '\x1b';
        if (two && next + 1 >= data.length) {
          // A lone ESC at the end of the chunk: it may start a CSI in the next one.
          this.seq = '\x1b';
          return out;
        }
        if (two && data[next + 1] !== '[') {
          out += '\x1b';
          i = next + 1;
          continue;
        }
        this.seq = two ? '\x1b[' : '\x9b';
        this.digits = 0;
        i = next + (two ? 2 : 1);
        continue;
      }
      const c = data[i]!;
      if (this.seq === '\x1b') {
        // The chunk before ended in ESC.
        if (c === '[') {
          this.seq = '\x1b[';
          this.digits = 0;
          i++;
        } else {
          out += '\x1b';
          this.seq = null;
        }
        continue;
      }
      const code = c.charCodeAt(0);
      if (code >= 0x30 && code <= 0x39) {
        // A count longer than seven digits means nothing a screen can show.
        if (++this.digits <= 7) this.seq += c;
        i++;
      } else if (c === ';' || c === ':') {
        this.seq += c;
        this.digits = 0;
        i++;
      } else if ((code >= 0x3c && code <= 0x3f) || (code >= 0x20 && code <= 0x2f)) {
        this.seq += c; // private prefix or intermediate
        i++;
      } else if (code >= 0x40 && code <= 0x7e) {
        out += this.clamp(this.seq, c);
        this.seq = null;
        i++;
      } else if ((code < 0x20 && code !== 0x18 && code !== 0x1a && code !== 0x1b) || code === 0x7f) {
        // A control inside a sequence is carried out where it stands and the sequence goes on (DEL
        // is ignored), as the terminal reads it: it goes out first, the sequence is still read.
        out += c;
        i++;
      } else {
        // Anything else (CAN, SUB, ESC, text) ends the sequence as the terminal sees it: pass it on.
        out += this.seq;
        this.seq = null;
      }
    }
    return out;
  }

  private clamp(seq: string, final: string): string {
    const start = seq.startsWith('\x1b') ? 2 : 1;
    const body = seq.slice(start);
    const limit = this.limitFor(final, body);
    if (limit === null) return seq + final;
    const m = /^(\d+)/.exec(body);
    if (!m || Number(m[1]) <= limit) return seq + final;
    return seq.slice(0, start) + String(limit) + body.slice(m[1]!.length) + final;
  }

  /** The largest count that still means something for this sequence, or null: not a counted one. */
  private limitFor(final: string, body: string): number | null {
    const { cols, rows } = this.size();
    if (/^[\d;:]*$/.test(body)) {
      if ('STLM'.includes(final)) return Math.max(1, rows);
      if ('@PXIZ'.includes(final)) return Math.max(1, cols);
      if (final === 'b') return Math.max(1, rows * cols);
      return null;
    }
    // Scroll left / right (`CSI Ps SP @`, `CSI Ps SP A`).
    if (/^[\d;:]* $/.test(body) && (final === '@' || final === 'A')) return Math.max(1, cols);
    return null;
  }
}

/**
 * A CSI whose final byte may make it a counted one (see limitFor), or one the chunk's end cuts
 * short (a lone ESC included): only then is a chunk read sequence by sequence.
 */
const MAY_CLAMP = /(?:\x1b\[|\x9b)[\x00-\x17\x19\x1c-\x3f\x7f]*(?:[STLM@PXIZbA]|$)|\x1b$/;

/** Where the next CSI (ESC, or the C1 byte U+009B) may start, or -1. */
function nextCsi(data: string, from: number): number {
  const esc = data.indexOf('\x1b', from);
  const c1 = data.indexOf('\x9b', from);
  if (esc < 0) return c1;
  if (c1 < 0) return esc;
  return Math.min(esc, c1);
}
