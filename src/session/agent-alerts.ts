/**
 * The notifications an agent writes to its terminal (OSC 9, OSC 777, OSC 99), read as a terminal
 * that shows them would. Each reader gives the alert's text (possibly empty), or null for what is
 * not a notification. The text is the agent's: whoever shows it strips its control characters.
 */

/** The longest alert text kept (an agent could write a megabyte into one). */
export const MAX_ALERT_TEXT = 1000;

/** iTerm2's OSC 9 text; null for ConEmu's numbered OSC 9 commands (9;4 is a progress bar, not an alert). */
export function osc9Alert(data: string): string | null {
  return /^\d+(;|$)/.test(data) ? null : data.slice(0, MAX_ALERT_TEXT);
}

/** OSC 777 `notify;<title>;<body>` (rxvt, VTE, foot) as "title: body"; null for its other commands. */
export function osc777Alert(data: string): string | null {
  const [command, title = '', ...body] = data.split(';');
  if (command !== 'notify') return null;
  return [title, body.join(';')].filter(Boolean).join(': ').slice(0, MAX_ALERT_TEXT);
}

/** How many unfinished kitty notifications are kept at once (each agent writes its own few). */
const MAX_PARTIAL = 8;

/**
 * kitty's OSC 99: `<metadata>;<payload>`, the metadata `key=value` pairs joined by `:`. A
 * notification may come in chunks (`d=0` until its last) and its payload in base64 (`e=1`);
 * only its title and body (`p=title`, the default, or `p=body`) make an alert: queries
 * (`p=?`), closing, icons and buttons do not.
 */
export class Osc99Reader {
  private readonly partial = new Map<string, string[]>();

  read(data: string): string | null {
    const semi = data.indexOf(';');
    const meta = new Map(
      (semi < 0 ? data : data.slice(0, semi))
        .split(':')
        .filter(Boolean)
        .map((kv) => [kv.split('=')[0]!, kv.slice(kv.indexOf('=') + 1)] as const),
    );
    const part = meta.get('p') ?? 'title';
    if (part !== 'title' && part !== 'body') return null;
    let payload = semi < 0 ? '' : data.slice(semi + 1, semi + 1 + MAX_ALERT_TEXT * 2);
    if (meta.get('e') === '1') payload = Buffer.from(payload, 'base64').toString('utf8');
    const id = meta.get('i') ?? '';
    const parts = [...(this.partial.get(id) ?? []), payload].filter(Boolean);
    this.partial.delete(id);
    if (meta.get('d') === '0') {
      if (this.partial.size >= MAX_PARTIAL) this.partial.clear();
      this.partial.set(id, parts.slice(-4));
      return null;
    }
    return parts.join(': ').slice(0, MAX_ALERT_TEXT);
  }
}
