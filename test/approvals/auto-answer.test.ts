import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRuleSet, type RuleSet } from '../../src/lib/rules.js';
import { Approvals, STABLE_MS } from '../../src/approvals/approvals.js';
import { AuditFile, type AuditEntry } from '../../src/approvals/audit.js';
import type { ApprovalMode } from '../../src/model/agent.js';
import type { AgentKind } from '../../src/model/kinds.js';
import { DEFAULT_SETTINGS } from '../../src/config/types.js';
import type { AgentSpec } from '../../src/model/agent.js';
import { terminalWait } from '../../src/session/input-wait.js';
import { SessionManager } from '../../src/session/manager.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';

const AGENT = join(ROOT, 'test', 'approvals', 'fake-agent.mjs');
const RULES = parseRuleSet({ allow: ['Bash(npm test)', 'Bash(npm run lint:*)', 'Edit(src/**)'], deny: ['Bash(npm run lint:fix)'] }) as RuleSet;

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

interface Agent {
  name: string;
  kind: AgentKind;
  args: string[];
  mode?: ApprovalMode;
}

/** Real agents in real PTYs under a real manager, with agentmux's approvals and audit file. */
function start(agents: Agent[]) {
  const dir = tempDir();
  const auditPath = join(dir, 'approvals.jsonl');
  const specs: AgentSpec[] = agents.map((a) => ({
    name: a.name,
    argv: [process.execPath, AGENT, ...a.args],
    cwd: dir,
    env: { AUDIT: auditPath },
    kind: a.kind,
    rules: RULES,
    ...(a.mode ? { approvalMode: a.mode } : {}),
  }));
  const manager = new SessionManager(specs, { settings: DEFAULT_SETTINGS, runDir: null });
  const audit = new AuditFile(auditPath);
  const approvals = new Approvals({ manager, record: (e) => audit.write(e) });
  manager.startAll(() => ({ cols: 100, rows: 30 }));
  stop = async () => {
    approvals.dispose();
    await manager.dispose(300);
    audit.close();
  };
  const screen = (name: string) => manager.session(name)!.snapshot().lines.join('\n');
  const entries = (): AuditEntry[] =>
    readFileSync(auditPath, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as AuditEntry);
  const entry = (agent: string, decision: AuditEntry['decision']) => waitFor(`${agent}: ${decision}`, () => entries().find((e) => e.agent === agent && e.decision === decision), 6000);
  return { manager, approvals, screen, entries, entry };
}

const aider = (name: string, asks: object[], mode?: ApprovalMode): Agent => ({ name, kind: 'aider', args: ['aider', JSON.stringify(asks)], ...(mode ? { mode } : {}) });

describe('agentmux answers other agents’ prompts by the rules', () => {
  it('answers an allowed subject once, after writing the decision down', async () => {
    const run = start([aider('a', [{ command: 'npm test' }])]);
    const e = await run.entry('a', 'approved');
    expect(e).toMatchObject({ mode: 'rules', subject: 'npm test', question: 'Run shell command?', rule: 'Bash(npm test)', answer: 'Yes' });
    // The agent saw the audit line in the file when the answer reached it.
    await waitFor('the answer', () => run.screen('a').includes('answer "y" to 1 (audit lines 1)'), 4000);
    await waitFor('idle', () => run.manager.statuses[0]!.state === 'idle', 4000);
    expect(run.entries()).toHaveLength(1);
    expect(run.screen('a')).not.toContain('extra input');
    expect(run.approvals.autoApproved('a')).toBe(1);
  });

  it('leaves near misses for you: chained, longer, escaping the allowed directory, denied', async () => {
    const run = start([
      aider('chained', [{ command: 'npm test; rm -rf /' }]),
      aider('longer', [{ command: 'npm testx' }]),
      aider('and', [{ command: 'npm test && rm -rf ~' }]),
      aider('prefix', [{ command: 'npm run lint $(rm -rf ~)' }]),
      aider('escape', [{ file: 'src/../secret.txt', question: 'Allow edits to file that has not been added to the chat?' }]),
      aider('denied', [{ command: 'npm run lint:fix' }]),
      aider('dollar', [{ command: '$npm test' }]),
      aider('bom', [{ command: 'npm test\ufeff' }]),
    ]);
    for (const name of ['chained', 'longer', 'and', 'prefix', 'escape']) {
      expect(await run.entry(name, 'left')).toMatchObject({ reason: 'no rule allows it', answer: null });
    }
    // What a shell would run, and what the audit says, is "$npm test" (issue 13, item 5).
    expect(await run.entry('dollar', 'left')).toMatchObject({ subject: '$npm test', reason: 'no rule allows it' });
    // xterm drops U+FEFF from its screen: agentmux keeps it there (as U+2060), so it is never read as `npm test`.
    expect(await run.entry('bom', 'left')).toMatchObject({ subject: 'npm test\u2060', reason: 'no rule allows it' });
    // A deny rule wins over the allowed prefix, and answers no.
    expect(await run.entry('denied', 'denied')).toMatchObject({ rule: 'Bash(npm run lint:fix)', answer: 'No' });
    await waitFor('the no', () => run.screen('denied').includes('answer "n" to 1'), 4000);
    for (const name of ['chained', 'longer', 'and', 'prefix', 'escape', 'dollar', 'bom']) {
      expect(run.manager.statuses.find((s) => s.name === name)!.state).toBe('approval');
      expect(run.screen(name)).not.toContain('answer');
    }
    expect(run.entries().filter((e) => e.decision === 'approved')).toEqual([]);
  });

  it('a prompt printed in the output is not answered; the same prompt live is', async () => {
    const run = start([
      { name: 'printed', kind: 'codex', args: ['codex-printed', 'npm test'] },
      { name: 'live', kind: 'codex', args: ['codex', 'npm test'] },
    ]);
    expect(await run.entry('printed', 'left')).toMatchObject({ reason: 'the prompt is not at the bottom of the screen' });
    expect(await run.entry('live', 'approved')).toMatchObject({ rule: 'Bash(npm test)', answer: 'Yes, proceed' });
    await waitFor('the live answer', () => run.screen('live').includes('answer "y" (audit lines'), 4000);
    expect(run.screen('printed')).not.toContain('answer');
  });

  it('pause answers nothing; back to rules, the waiting prompt is answered', async () => {
    const run = start([aider('p', [{ command: 'npm test' }], 'pause')]);
    expect(await run.entry('p', 'left')).toMatchObject({ mode: 'pause', reason: 'paused' });
    expect(run.screen('p')).not.toContain('answer');
    run.approvals.setMode('p', 'rules');
    expect(await run.entry('p', 'approved')).toMatchObject({ mode: 'rules', rule: 'Bash(npm test)' });
    await waitFor('the answer', () => run.screen('p').includes('answer "y" to 1'), 4000);
  });

  it('manual mode leaves every prompt for you', async () => {
    const run = start([aider('m', [{ command: 'npm test' }], 'manual')]);
    expect(await run.entry('m', 'left')).toMatchObject({ mode: 'manual', reason: 'manual mode' });
    expect(run.manager.statuses[0]!.state).toBe('approval');
  });
});

describe('agentmux answers only an agent that is reading its prompt (issue 13, item 4)', () => {
  const late = (name: string, fake: string, real: string, after: number): Agent => ({ name, kind: 'aider', args: ['aider-late', JSON.stringify({ fake, real, after })] });

  it('a prompt the agent prints but does not read is left: no `y` waits to answer its next prompt', async () => {
    const run = start([late('deaf', 'npm test', 'rm -rf x', 3000)]);
    expect(await run.entry('deaf', 'left')).toMatchObject({ subject: 'npm test', reason: 'the agent is not reading its terminal' });
    // Three seconds later the agent asks for real, and reads: nothing agentmux typed is waiting for it.
    await waitFor('the real prompt', () => run.screen('deaf').includes('rm -rf x'), 6000);
    await waitFor('the real prompt left for you', () => run.entries().find((e) => e.subject === 'rm -rf x' && e.decision === 'left'), 6000);
    expect(run.screen('deaf')).not.toContain('answer');
    expect(run.entries().filter((e) => e.decision === 'approved')).toEqual([]);
  });

  it('a prompt that changes 510 ms after showing is judged as what it became', async () => {
    const run = start([late('switch', 'npm test', 'rm -rf x', 510)]);
    await waitFor('the real prompt', () => run.screen('switch').includes('rm -rf x'), 6000);
    // Judged as what it became, or (on a loaded machine, both prompts caught on one screen) left
    // as ambiguous: never answered either way.
    const judged = await waitFor('the second prompt judged', () => run.entries().find((e) => String(e.subject ?? '').includes('rm -rf x')), 5000).catch(() => null);
    if (judged) expect(judged.decision).toBe('left');
    expect(run.entries().filter((e) => e.decision === 'approved')).toEqual([]);
    expect(run.screen('switch')).not.toContain('answer');
  });

  it('a screen that lags the agent is caught up before anything is judged: no `y` for a prompt nobody has seen', async () => {
    // The agent asks about npm test without reading; then, while agentmux's main thread is busy
    // (as on a loaded machine), it asks about rm -rf x and reads. When agentmux looks again, the
    // agent is reading and its screen still shows only the first prompt.
    const run = start([{ name: 'lag', kind: 'aider', args: ['aider-signal', JSON.stringify({ fake: 'npm test', real: 'rm -rf x' })] }]);
    await waitFor('the first prompt, not read', () => run.entries().length === 0 && run.manager.statuses[0]!.state === 'approval' && run.manager.inputProblem('lag') !== null, 6000);
    // Past STABLE_MS agentmux has judged it and is waiting, retrying, for the agent to read.
    const since = run.manager.statuses[0]!.since;
    await waitFor('agentmux waiting for it to read', () => Date.now() > since + STABLE_MS + 150 && run.entries().length === 0);
    const pid = run.manager.session('lag')!.pid!;
    process.kill(pid, 'SIGUSR1');
    const deadline = Date.now() + 5000;
    while (terminalWait(pid).waiting === false && Date.now() < deadline); // busy: nothing is read meanwhile
    const until = Date.now() + 300; // past agentmux's next look
    while (Date.now() < until);
    expect(run.screen('lag')).not.toContain('rm -rf x');
    await waitFor('the real prompt', () => run.screen('lag').includes('rm -rf x'), 6000);
    await waitFor('the real prompt left for you', () => run.entries().find((e) => String(e.subject ?? '').includes('rm -rf x') && e.decision === 'left'), 6000);
    expect(run.entries().filter((e) => e.decision === 'approved')).toEqual([]);
    expect(run.screen('lag')).not.toContain('answer');
  });

  it('two prompts on screen: neither is answered', async () => {
    const two = `\r\nrm -rf x\r\nRun shell command? (Y)es/(N)o [Yes]: \r\n\r\nnpm test\r\nRun shell command? (Y)es/(N)o [Yes]: `;
    const run = start([{ name: 'two', kind: 'aider', args: ['screen', JSON.stringify(two)] }]);
    expect(await run.entry('two', 'left')).toMatchObject({ subject: 'npm test', reason: 'two prompts on screen' });
    expect(run.screen('two')).not.toContain('answer');
  });

  it('an answer that does not take stops auto-answers for that agent, on record and in a notice', async () => {
    const run = start([{ name: 'stuck', kind: 'aider', args: ['aider-deaf', 'npm test'] }]);
    const notices: string[] = [];
    run.approvals.onNotice((_agent, text) => notices.push(text));
    expect(await run.entry('stuck', 'approved')).toMatchObject({ subject: 'npm test' });
    expect(await run.entry('stuck', 'stopped')).toMatchObject({ answer: 'Yes', reason: 'the prompt was still there 2s after the answer: auto-answers stopped, stuck is manual' });
    expect(run.approvals.mode('stuck')).toBe('manual');
    expect(notices).toEqual(['stuck did not take agentmux\'s answer "Yes": auto-answers for stuck stopped (mode manual); answer it yourself, m r turns rules back on']);
    expect(run.manager.statuses[0]!.state).toBe('approval');
  });
});
