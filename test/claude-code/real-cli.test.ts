import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Approvals } from '../../src/approvals/approvals.js';
import type { AuditEntry } from '../../src/approvals/audit.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRuleSet, type RuleSet } from '../../src/lib/rules.js';
import { findOption } from '../../src/detect/answer.js';
import { waitFor } from '../helpers/poll.js';
import { afterTest, cleanUpAfterEach, installedClaude, offlineSetup, openChannel, startAgent } from './harness.js';
import { CLAUDE_VERSIONS } from './install.js';

cleanUpAfterEach();

describe.each(CLAUDE_VERSIONS)('real Claude Code %s through agentmux', (version) => {
  const claude = installedClaude(version);

  it.for([
    ['with hooks', true],
    ['from the screen alone', false],
  ] as const)(
    '%s: types a task, sees working, then approval for the Bash command, answers yes, sees the file and idle',
    async ([, withHooks], ctx) => {
      const bin = claude();
      if ('skip' in bin) {
        ctx.skip(bin.skip);
        return;
      }
      const { work, wrapper } = offlineSetup(bin.bin);
      const hooks = await openChannel();
      const hookEvents: string[] = [];
      hooks.onEvent((e) => hookEvents.push(e.event));
      const { manager, changes, status, screen } = startAgent(
        { name: 'cc', argv: [wrapper, '--permission-mode', 'default'], cwd: work, env: { MOCK_DELAY_MS: '1500' }, kind: 'claude' },
        withHooks ? { hooks } : {},
      );

      await waitFor('claude to be idle at its input box', () => status().state === 'idle', 30_000).catch((e) => {
        throw new Error(`${(e as Error).message}; screen:\n${screen()}`);
      });
      manager.write('cc', 'please run-bash');
      await waitFor('the task typed', () => screen().includes('please run-bash'));
      manager.write('cc', '\r');

      // The whole dialog: on a loaded machine the first approval can be read while its options are still being drawn.
      const approval = await waitFor('approval', () => (status().state === 'approval' && status().prompt && findOption(status().prompt!, 'no') !== null ? status() : null), 30_000).catch((e) => {
        throw new Error(`${(e as Error).message}; states ${changes.map((c) => c.state).join(' > ')}; screen:\n${screen()}`);
      });
      expect(changes.map((c) => c.state)).toContain('working');
      expect(approval.prompt?.kind).toBe('permission');
      expect(approval.prompt?.subject).toEqual({ tool: 'Bash', command: 'echo hello-from-agent > hello-from-agent.txt' });
      expect(existsSync(join(work, 'hello-from-agent.txt'))).toBe(false);

      const yes = findOption(approval.prompt!, 'yes');
      expect(yes).not.toBeNull();
      expect(await manager.answer('cc', approval.prompt!, yes!)).toEqual({ ok: true, option: approval.prompt!.options[yes!]!.label });

      await waitFor('the command to run', () => existsSync(join(work, 'hello-from-agent.txt')), 15_000);
      await waitFor('idle after the turn', () => status().state === 'idle' && screen().includes('Done.'), 30_000);
      const after = changes.slice(changes.findIndex((c) => c.state === 'approval'));
      expect(after[0]!.state).toBe('approval');
      expect(after[after.length - 1]!.state).toBe('idle');
      expect(changes.some((c) => c.reason.startsWith('screen: '))).toBe(true);
      if (!withHooks) {
        expect(hookEvents).toEqual([]);
        return;
      }
      // The hooks reported over the socket, and they decided states alongside the screen.
      await waitFor('the Stop hook', () => hookEvents.includes('Stop'), 5000);
      expect(hookEvents, hookEvents.join(' ')).toEqual(expect.arrayContaining(['UserPromptSubmit', 'PreToolUse', 'PermissionRequest', 'PostToolUse', 'Stop']));
      expect(changes.some((c) => c.reason.startsWith('hook: '))).toBe(true);
      expect(changes.some((c) => c.reason.startsWith('screen: '))).toBe(true);
    },
    120_000,
  );
});

describe.each(CLAUDE_VERSIONS)('real Claude Code %s: agentmux decides its tool calls through the PreToolUse hook', (version) => {
  const claude = installedClaude(version);

  it('rules allows a covered call (counted, audited), manual asks, a deny rule refuses, and without agentmux Claude asks', async (ctx) => {
    const bin = claude();
    if ('skip' in bin) {
      ctx.skip(bin.skip);
      return;
    }
    const { work, wrapper, mockLog } = offlineSetup(bin.bin);
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'w', version: '1.0.0', scripts: { test: 'touch tested.txt' } }));
    const permissions = parseRuleSet({ allow: ['Bash(npm test)'], deny: ['Bash(touch denied.txt)'] }) as RuleSet;
    const hooks = await openChannel();
    const { manager, changes, status, screen } = startAgent(
      { name: 'cc', argv: [wrapper], cwd: work, env: { MOCK_DELAY_MS: '300' }, kind: 'claude', rules: permissions, permissionMode: 'default' },
      { hooks },
    );
    const audit: AuditEntry[] = [];
    const approvals = new Approvals({ manager, record: (e) => (audit.push(e), true) });
    afterTest(() => approvals.dispose());
    hooks.setDecider((e) => approvals.decideHook(e.agent, e.payload));
    // What a failure needs to be understood: the states, the audit, the mock's last replies and the screen.
    const explain = (e: unknown) => {
      const replies = existsSync(mockLog) ? readFileSync(mockLog, 'utf8').trim().split('\n').slice(-6).join('\n') : '(no mock log)';
      return new Error(`${(e as Error).message}; states ${changes.map((c) => `${c.state} (${c.reason})`).join(' > ')}\naudit ${JSON.stringify(audit)}\nmock:\n${replies}\nscreen:\n${screen()}`);
    };
    const wait = <T>(what: string, check: () => T, ms?: number) =>
      waitFor(what, check, ms).catch((e) => {
        throw explain(e);
      });

    // The text in Claude's input box (its line starts with ❯ and a no-break space).
    const inputBox = () =>
      (
        screen()
          .split('\n')
          .filter((l) => l.startsWith('❯\u00a0'))
          .pop() ?? ''
      )
        .slice(2)
        .trim();
    const turn = async (task: string) => {
      await wait('idle', () => status().state === 'idle', 30_000);
      const before = changes.length;
      // An answered "no" can put the interrupted prompt back into the input box, at once or a
      // moment after the idle screen: cleared (as a person would) until the box holds the task alone.
      for (let attempt = 1; ; attempt++) {
        const box = inputBox();
        if (box) {
          manager.write('cc', '\x7f'.repeat(box.length));
          await wait('the input box cleared', () => inputBox() === '');
        }
        manager.write('cc', task);
        await wait('the task typed', () => inputBox().length >= task.length);
        if (inputBox() === task) break;
        if (attempt === 3) throw explain(new Error(`the input box holds ${JSON.stringify(inputBox())}`));
      }
      manager.write('cc', '\r');
      await wait('the turn to start', () => changes.slice(before).some((c) => c.state === 'working' || c.state === 'approval'), 10_000);
      return before;
    };
    const tested = join(work, 'tested.txt');

    // rules (the default): the covered call runs unasked, counted and on record.
    let from = await turn('run-bash: npm test');
    await wait('npm test to run', () => existsSync(tested), 20_000);
    await wait('idle after the turn', () => status().state === 'idle' && screen().includes('Done.'), 20_000);
    expect(changes.slice(from).map((c) => c.state)).not.toContain('approval');
    expect(approvals.autoApproved('cc')).toBe(1);
    expect(audit).toEqual([expect.objectContaining({ agent: 'cc', decision: 'approved', rule: 'Bash(npm test)', answer: 'allow', subject: 'Bash: npm test', mode: 'rules' })]);

    // manual: the same call waits for you; "no" keeps it from running.
    rmSync(tested);
    approvals.setMode('cc', 'manual');
    from = await turn('run-bash: npm test');
    const asked = await wait('Claude asking about npm test', () => (status().state === 'approval' && status().prompt?.options.length ? status().prompt : null), 20_000);
    expect(screen()).toMatch(/manual mode/);
    expect(await manager.answer('cc', asked!, findOption(asked!, 'no')!)).toMatchObject({ ok: true });
    await wait('idle after no', () => status().state === 'idle', 20_000);
    expect(existsSync(tested)).toBe(false);
    expect(approvals.autoApproved('cc')).toBe(1);
    expect(audit[1]).toMatchObject({ decision: 'left', answer: 'ask', mode: 'manual' });

    // A deny rule refuses, whatever the mode.
    approvals.setMode('cc', 'rules');
    from = await turn('run-bash: touch denied.txt');
    await wait('the turn to end', () => status().state === 'idle' && changes.slice(from).some((c) => c.state === 'idle'), 20_000);
    expect(changes.slice(from).map((c) => c.state)).not.toContain('approval');
    expect(existsSync(join(work, 'denied.txt'))).toBe(false);
    expect(audit[2]).toMatchObject({ decision: 'denied', answer: 'deny', rule: 'Bash(touch denied.txt)' });

    // agentmux cannot answer (its socket is gone): Claude asks as usual; a failure never approves.
    hooks.close();
    from = await turn('run-bash: npm test');
    await wait('Claude asking on its own', () => status().state === 'approval' && status().prompt?.options.length, 20_000);
    expect(existsSync(tested)).toBe(false);
    expect(audit).toHaveLength(3);
  }, 150_000);
});
