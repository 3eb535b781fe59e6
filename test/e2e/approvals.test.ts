import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';
import { killTmuxAfterEach, Tmux } from '../helpers/tmux.js';

const AGENT = join(ROOT, 'test', 'approvals', 'fake-agent.mjs');

let tmux: Tmux | null = null;
killTmuxAfterEach();

/** Agent n's sidebar line, without the panes beside it. */
const sidebar = (t: Tmux, n: number) => {
  const line =
    t
      .capture()
      .split('\n')
      .find((l) => new RegExp(`^│[ ›] ?${n} `).test(l)) ?? '';
  return line.slice(0, line.indexOf('│', 1) + 1);
};
const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('approval modes and the audit trail, in tmux', () => {
  it('auto-approves by rule, counts it, lists decisions with L, switches modes with m', async () => {
    const dir = tempDir();
    const state = tempDir();
    const events = join(dir, 'events.jsonl');
    const ask = (command: string) => [process.execPath, AGENT, 'aider', JSON.stringify([{ command }])];
    writeFileSync(
      join(dir, 'agentmux.json'),
      JSON.stringify({
        permissions: { allow: ['Bash(npm test)'] },
        agents: [
          { name: 'tests', kind: 'aider', command: ask('npm test') },
          { name: 'risky', kind: 'aider', command: ask('rm -rf build') },
        ],
      }),
    );
    tmux = new Tmux();
    tmux.start({ cols: 160, rows: 48, cwd: dir, env: { XDG_STATE_HOME: state } });
    tmux.typeLine(`node ${BIN} --events ${events}`);

    // tests' command is allowed: answered by agentmux, counted in the sidebar; risky's waits for you.
    await waitFor('tests approved and counted', () => /tests .* rules +✓1/.test(sidebar(tmux!, 1)), 8000);
    await waitFor('risky waiting', () => /risky +approval .* rules/.test(sidebar(tmux!, 2)), 8000);
    await waitFor('the answer on tests’ screen', () => tmux!.capture().includes('answer "y" to 1'));

    // L lists the decisions, newest first.
    tmux.key('L');
    await waitFor('the list', () => tmux!.capture().includes('Approval decisions, newest first'));
    // risky's prompt is left for you once it has held still: the open list shows it as it comes.
    await waitFor('both decisions listed', () => tmux!.capture().includes('risky left for you'));
    const list = tmux.capture();
    expect(list).toMatch(/tests +approved: npm test → Yes \(by Bash\(npm test\)\)/);
    expect(list).toMatch(/risky +left for you: rm -rf build \(no rule allows it\)/);
    tmux.key('Escape');
    await waitFor('the grid again', () => tmux!.capture().includes('2 risky · '));

    // You answer risky's prompt from the dashboard: that is recorded too.
    tmux.key('j');
    // The bar, not a notification's message that names the same words: the selection has moved.
    await waitFor('the approval bar', () => /› 2 risky/.test(tmux!.capture()) && tmux!.capture().includes('risky needs you'));
    tmux.key('n');
    await waitFor('sent', () => tmux!.capture().includes('sent to risky: No'), 3000);

    // m opens the mode choice: p pauses the selected agent, then M makes every agent manual.
    tmux.key('m');
    await waitFor('the mode choice', () => tmux!.capture().includes('approval mode of risky: rules'));
    expect(tmux.capture()).toContain('m manual · r rules · p pause · M all manual · R all rules · P all pause');
    tmux.key('p');
    await waitFor('risky paused', () => / pause +│$/.test(sidebar(tmux!, 2)));
    expect(sidebar(tmux, 1)).toContain('rules');
    tmux.key('m');
    tmux.key('M');
    await waitFor('every agent manual', () => sidebar(tmux!, 1).includes('manual') && sidebar(tmux!, 2).includes('manual'));

    // Both agents are idle but still running: q asks, counting both, and y ends them.
    tmux.key('q');
    await waitFor('the quit question', () => tmux!.capture().includes('2 agents are still running. Quit and end them? y yes'));
    tmux.key('y');
    await waitFor('back at the shell', () => tmux!.display('#{alternate_on}') === '0');

    // The same decisions, in the run's approvals.jsonl and in the events log.
    const runs = join(state, 'agentmux', 'runs');
    const audit = lines(join(runs, readdirSync(runs)[0]!, 'approvals.jsonl'));
    // The two agents run side by side: each agent's decisions are in order, not the two interleaved.
    const of = (agent: string, list: Record<string, unknown>[]) => list.filter((e) => e.agent === agent).map((e) => [e.decision, e.rule ?? null, e.answer ?? null]);
    expect(audit).toHaveLength(3);
    expect(of('tests', audit)).toEqual([['approved', 'Bash(npm test)', 'Yes']]);
    expect(of('risky', audit)).toEqual([
      ['left', null, null],
      ['answered', null, 'No'],
    ]);
    const decisions = lines(events).filter((e) => e.event === 'approval');
    expect(decisions.map((e) => [e.agent, e.decision])).toEqual(audit.map((e) => [e.agent, e.decision]));
    expect(lines(events).some((e) => e.state === 'approval')).toBe(true);
  });
});

describe('auto-answers only for an agent reading its prompt, in tmux (issue 13)', () => {
  it('leaves a prompt nobody reads, and stops answering an agent whose answer did not take', async () => {
    const dir = tempDir();
    const state = tempDir();
    writeFileSync(
      join(dir, 'agentmux.json'),
      JSON.stringify({
        permissions: { allow: ['Bash(npm test)'] },
        agents: [
          { name: 'deaf', kind: 'aider', command: [process.execPath, AGENT, 'aider-late', JSON.stringify({ fake: 'npm test', real: 'rm -rf x', after: 60_000 })] },
          { name: 'stuck', kind: 'aider', command: [process.execPath, AGENT, 'aider-deaf', 'npm test'] },
        ],
      }),
    );
    tmux = new Tmux();
    tmux.start({ cols: 160, rows: 48, cwd: dir, env: { XDG_STATE_HOME: state } });
    tmux.typeLine(`node ${BIN}`);

    // stuck's answer did not take: the status line says so and its mode is manual now.
    await waitFor('the notice', () => tmux!.capture().includes('stuck did not take agentmux\'s answer "Yes": auto-answers for stuck stopped (mode manual)'), 10000);
    await waitFor('stuck manual', () => /stuck +approval .* manual ✓1/.test(sidebar(tmux!, 2)));
    expect(sidebar(tmux, 1)).toMatch(/deaf +approval .* rules/);

    tmux.key('L');
    await waitFor('the list', () => tmux!.capture().includes('Approval decisions, newest first'));
    const list = tmux.capture();
    expect(list).toMatch(/deaf +left for you: npm test \(the agent is not reading its terminal\)/);
    expect(list).toMatch(/stuck +answer not taken: npm test → Yes \(the prompt was still there 2s after the answer/);
  });
});
