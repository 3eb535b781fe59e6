import { closeSync, openSync, writeSync } from 'node:fs';
import type { ApprovalMode } from './decide.js';

/**
 * One decision about one prompt: agentmux answered it (`approved`, `denied`), left it for you
 * (`left`), you answered it (`answered`), or an answer agentmux meant to send was not sent
 * (`not-sent`).
 */
export interface AuditEntry {
  ts: number;
  agent: string;
  decision: 'approved' | 'denied' | 'left' | 'answered' | 'not-sent';
  mode: ApprovalMode;
  /** What the prompt was about, as one line ("Bash: npm test"), or its question. */
  subject: string;
  question: string;
  /** The rule that decided, if one did. */
  rule: string | null;
  /** The option sent, if any. */
  answer: string | null;
  reason: string;
}

/** The audit line: the same fields, the time as ISO 8601. */
export function formatAudit(e: AuditEntry): string {
  return `${JSON.stringify({ ...e, ts: new Date(e.ts).toISOString() })}\n`;
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
