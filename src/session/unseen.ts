/**
 * The agent's output as agentmux's terminal is fed it. xterm drops U+FEFF (zero-width
 * no-break space) without a trace, unlike every other invisible character, so `npm test\uFEFF`
 * would read as `npm test` on screen while a shell runs something else. It becomes U+2060
 * (word joiner): just as invisible in a pane, but kept in the screen's text, so no rule
 * matches it and the approval bar spells it out. (Controls xterm ignores, C0 and C1 alike,
 * cannot be replaced this way: they take part in escape sequences.)
 */
export function keepUnseen(data: string): string {
  return data.includes('\ufeff') ? data.replace(/\ufeff/g, '\u2060') : data;
}
