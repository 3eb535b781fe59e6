/**
 * Every control sequence in what agentmux wrote to its terminal that agentmux itself does not
 * write: what an agent's output would have leaked through. Empty when nothing leaked.
 */
const OWN_MODES = new Set(['1', '25', '1000', '1002', '1003', '1004', '1006', '1049', '2004', '2026']);

export function foreignSequences(out: string): string[] {
  const foreign: string[] = [];
  // C1 controls as characters (a terminal may act on them even in UTF-8).
  for (const m of out.matchAll(/[\u0080-\u009f]/g)) foreign.push(`C1 U+${m[0].charCodeAt(0).toString(16)}`);
  for (const m of out.matchAll(/\x1b(\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[P_^X][^\x1b]*(?:\x1b\\)?|[\x20-\x2f]*[\x30-\x7e])/g)) {
    const seq = m[0];
    const csi = /^\x1b\[(\??)([\d;]*)([\x20-\x2f]*)([\x40-\x7e])$/.exec(seq);
    if (csi) {
      const [, priv, params, inter, final] = csi;
      if (priv === '?' && !inter && (final === 'h' || final === 'l') && params!.split(';').every((p) => OWN_MODES.has(p))) continue;
      if (!priv && !inter && 'ABCDGHJKXfmsu'.includes(final!)) continue;
      if (seq === '\x1b[16t') continue; // agentmux's own question for the cell size
      if (seq === '\x1b[22;0t' || seq === '\x1b[23;0t') continue; // the client saving and restoring the title
      foreign.push(JSON.stringify(seq));
      continue;
    }
    if (seq === '\x1b]10;?\x1b\\' || seq === '\x1b]11;?\x1b\\') continue; // agentmux's own colour questions
    if (/^\x1b\]2;agentmux · [\w ·]*\x07$/.test(seq)) continue; // agentmux's own title (config `title`)
    if (/^\x1b[78=>]$/.test(seq)) continue; // cursor save/restore, keypad modes
    foreign.push(JSON.stringify(seq.slice(0, 60)));
  }
  return foreign;
}
