import { describe, expect, it } from 'vitest';
import { formatAudit, type AuditEntry } from '../../src/approvals/audit.js';

describe('the audit line', () => {
  it('keeps every character of the subject, escaping those a terminal would act on or hide (issue 13)', () => {
    const subject = '$npm test\nrm -rf x \u202ex\u200b\u009b2J\u2028';
    const e: AuditEntry = { ts: 0, agent: 'a', decision: 'left', mode: 'rules', subject, question: 'Run shell command?', rule: null, answer: null, reason: 'no rule allows it' };
    const line = formatAudit(e);
    expect(line).not.toMatch(/[\u007f-\u009f\u200b-\u200f\u2028-\u202e\n](?!$)/u);
    expect(line).toContain('\\u202e');
    expect(JSON.parse(line).subject).toBe(subject);
  });
});
