import type { AgentStatus } from '../model/status.js';

/**
 * What the outer terminal's own title says (config `title`), for a tab or window you are not
 * looking at: `agentmux · 2 need you` while any agent waits in `approval`; else what is busy,
 * `agentmux · 4 working` (starting counts as working) and `· 1 stalled`; else `agentmux · all
 * idle` (exited agents aside), or `agentmux · all exited`. Pure.
 */
export function terminalTitle(statuses: readonly AgentStatus[]): string {
  const count = (...states: AgentStatus['state'][]) => statuses.filter((s) => states.includes(s.state)).length;
  const approval = count('approval');
  if (approval) return `agentmux · ${approval} need you`;
  const busy = [count('working', 'starting') && `${count('working', 'starting')} working`, count('stalled') && `${count('stalled')} stalled`].filter(Boolean);
  if (busy.length) return `agentmux · ${busy.join(' · ')}`;
  return count('idle') ? 'agentmux · all idle' : 'agentmux · all exited';
}

/** The bytes that set a terminal's title (OSC 2), with nothing in the text that could end the sequence. */
export function titleBytes(text: string): string {
  return `\x1b]2;${text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')}\x07`;
}
