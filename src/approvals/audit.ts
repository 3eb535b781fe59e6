import { closeSync, openSync, writeSync } from 'node:fs';
import type { ApprovalMode } from '../model/agent.js';

/**
 * One decision about one prompt: agentmux answered it (`approved`, `denied`), left it for you
 * (`left`), you answered it (`answered`), an answer agentmux meant to send was not sent
 * (`not-sent`), or one it sent did not take and it stopped answering for that agent (`stopped`).
 */
export interface AuditEntry {
  ts: number;
  agent: string;
  decision: 'approved' | 'denied' | 'left' | 'answered' | 'not-sent' | 'stopped';
  mode: ApprovalMode;
  /** What the prompt was about, exactly as read ("Bash: npm test", every line and character of it), or its question. */
  subject: string;
  question: string;
  /** The rule that decided, if one did. */
  rule: string | null;
  /** The option sent, if any. */
  answer: string | null;
  reason: string;
}

/** Characters JSON leaves as they are that a terminal showing the file would act on or hide: C1 controls, bidi and zero-width characters, line separators. */
// eslint-disable-next-line no-control-regex, no-misleading-character-class
const UNSAFE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * The audit line: the same fields, the time as ISO 8601. Every character of the subject is
 * kept; those a terminal would act on or hide are written as \u escapes, so `cat` shows them.
 */
export function formatAudit(e: AuditEntry): string {
  const json = JSON.stringify({ ...e, ts: new Date(e.ts).toISOString() }).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${json}\n`;
}

/**
 * Appends decisions to `approvals.jsonl`, each line handed to the kernel before the call
 * returns: an answer is only sent after its line is in the file.
 */
export class AuditFile {
  private fd: number | null;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a', 0o600);
  }

  /** False when the line could not be written: then agentmux answers nothing on its own. */
  write(e: AuditEntry): boolean {
    if (this.fd === null) return false;
    try {
      writeSync(this.fd, formatAudit(e));
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
