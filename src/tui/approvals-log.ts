import type { AuditEntry } from '../approvals/audit.js';
import { visibleText } from '../notify/sanitize.js';

export interface LogLine {
  time: string;
  agent: string;
  decision: AuditEntry['decision'];
  text: string;
}

const WORDS: Record<AuditEntry['decision'], string> = {
  approved: 'approved',
  denied: 'denied',
  left: 'left for you',
  answered: 'you answered',
  'not-sent': 'not sent',
  stopped: 'answer not taken',
};

/** The decisions newest first, each as one line: time, agent, what happened, about what, and why. */
export function logLines(entries: readonly AuditEntry[], limit: number): LogLine[] {
  return [...entries]
    .reverse()
    .slice(0, Math.max(0, limit))
    .map((e) => {
      const d = new Date(e.ts);
      const time = [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
      // The rule for what it decided; for what it left, did not send or stopped, the reason why.
      const why = e.rule && (e.decision === 'approved' || e.decision === 'denied') ? `by ${e.rule}` : e.reason;
      const answer = e.answer && e.decision !== 'left' ? ` → ${e.answer}` : '';
      return { time, agent: e.agent, decision: e.decision, text: visibleText(`${WORDS[e.decision]}: ${e.subject}${answer} (${why})`) };
    });
}
