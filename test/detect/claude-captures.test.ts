import { describe, expect, it } from 'vitest';
import { detectClaude } from '../../src/detect/claude.js';
import { captureBytes, replay } from '../helpers/replay.js';

const V = '2.1.197';

async function detectFixture(name: string, cols = 120, rows = 40) {
  const { snap } = await replay([captureBytes('claude', V, name)], cols, rows);
  return detectClaude(snap);
}

describe(`claude ${V}: real screens replayed through a headless xterm`, () => {
  const expected: Record<string, 'working' | 'approval' | 'idle' | 'unknown'> = {
    'idle.txt': 'idle',
    'idle-typed.txt': 'idle',
    'idle-first-run.txt': 'idle',
    'idle-acceptEdits.txt': 'idle',
    'idle-bypass.txt': 'idle',
    'finished.txt': 'idle',
    'finished-text.txt': 'idle',
    'after-no-3.txt': 'idle',
    'after-no-esc.txt': 'idle',
    'after-yes-enter.txt': 'idle',
    'working-interrupted-esc.txt': 'idle',
    'exit-ctrl-c-once.txt': 'idle',
    'working.txt': 'working',
    'working-before-tool.txt': 'working',
    'working-acceptEdits.txt': 'working',
    'after-yes.txt': 'working',
    'permission-bash.txt': 'approval',
    'permission-bash-requires-approval.txt': 'approval',
    'permission-bash-tab-amend.txt': 'approval',
    'dialog-trust-folder.txt': 'approval',
    'dialog-api-key.txt': 'approval',
    'dialog-bypass-permissions.txt': 'approval',
    'pitfall-no-onboarding-flag.txt': 'unknown',
  };
  for (const [name, state] of Object.entries(expected)) {
    it(`${name} is ${state}`, async () => {
      expect((await detectFixture(name)).state).toBe(state);
    });
  }

  it('parses the Bash permission prompt: command, options by label, highlighted option', async () => {
    const d = await detectFixture('permission-bash.ansi.txt');
    expect(d.state).toBe('approval');
    expect(d.prompt).toEqual({
      kind: 'permission',
      question: 'Do you want to proceed?',
      subject: { tool: 'Bash', command: 'echo hello-from-agent > hello-from-agent.txt' },
      options: [
        { label: 'Yes', number: 1, keys: ['1'] },
        { label: 'Yes, and always allow access to capture-proj/ from this project', number: 2, keys: ['2'] },
        { label: 'No', number: 3, keys: ['3'] },
      ],
      selected: 0,
    });
  });

  it('reads "This command requires approval" prompts and their don’t-ask-again option', async () => {
    const d = await detectFixture('permission-bash-requires-approval.txt');
    expect(d.prompt?.subject).toEqual({ tool: 'Bash', command: 'make build' });
    expect(d.prompt?.options[1]?.label).toBe('Yes, and don’t ask again for: make build *');
  });

  it('knows the trust, API key and bypass dialogs, with the API key default on "No"', async () => {
    expect((await detectFixture('dialog-trust-folder.ansi.txt')).prompt).toMatchObject({ kind: 'trust', subject: { file: '/home/dev/work/capture-proj' }, selected: 0 });
    expect((await detectFixture('dialog-api-key.ansi.txt')).prompt).toMatchObject({ kind: 'api-key', question: 'Do you want to use this API key?', selected: 1 });
    expect((await detectFixture('dialog-bypass-permissions.txt')).prompt).toMatchObject({ kind: 'bypass', options: [{ label: 'No, exit' }, { label: 'Yes, I accept' }] });
  });

  it('ignores the spinner line in the progress key, so a ticking spinner is not progress', async () => {
    const a = await detectFixture('working.ansi.txt');
    const { snap } = await replay([captureBytes('claude', V, 'working.ansi.txt').replace('Roosting…', 'Roosting… (9s · ↑ 12 tokens)').replace('*', '✶')]);
    const b = detectClaude(snap);
    expect(b.state).toBe('working');
    expect(b.progressKey).toBe(a.progressKey);
  });
});

describe('claude: must not be fooled', () => {
  const idle = () => captureBytes('claude', V, 'idle.ansi.txt');

  it('an old "Do you want to proceed?" in scrollback while the live screen works', async () => {
    const { snap } = await replay([captureBytes('claude', V, 'permission-bash.ansi.txt'), '\r\n'.repeat(60), captureBytes('claude', V, 'working.ansi.txt')]);
    expect(detectClaude(snap).state).toBe('working');
  });

  it('a file quoting prompt text, printed while working', async () => {
    const quoted = ' Do you want to proceed?\r\n ❯ 1. Yes\r\n   2. No\r\n Esc to cancel · Tab to amend\r\n';
    const working = captureBytes('claude', V, 'working.ansi.txt');
    const at = working.indexOf('\x1b[38;5;174m\x1b[49m*');
    const { snap } = await replay([working.slice(0, at) + quoted + working.slice(at)]);
    expect(snap.lines.join('\n')).toContain('❯ 1. Yes');
    expect(detectClaude(snap).state).toBe('working');
  });

  it('a file quoting prompt text, printed before the idle box', async () => {
    const quoted = '● Bash(cat prompt.txt)\r\n  ⎿  Do you want to proceed?\r\n ❯ 1. Yes\r\n   2. No\r\n Esc to cancel\r\n\r\n';
    const text = idle();
    const at = text.indexOf('\x1b[38;5;244m─');
    const { snap } = await replay([text.slice(0, at) + quoted + text.slice(at)]);
    expect(snap.lines.join('\n')).toContain('❯ 1. Yes');
    expect(detectClaude(snap).state).toBe('idle');
  });

  it('a prompt split at every byte boundary, including inside UTF-8 characters and escapes', async () => {
    const bytes = Buffer.from(captureBytes('claude', V, 'permission-bash.ansi.txt'), 'utf8');
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    const { snap } = await replay(chunks);
    const d = detectClaude(snap);
    expect(d.state).toBe('approval');
    expect(d.prompt?.subject?.command).toBe('echo hello-from-agent > hello-from-agent.txt');
  });

  it('a 300-column screen with wide characters and a 1 MB line above the prompt', async () => {
    const wide = '中文🙂'.repeat(20);
    const huge = 'x'.repeat(1_000_000);
    const { snap } = await replay([`${huge}\r\n${wide}\r\n`, captureBytes('claude', V, 'permission-bash.ansi.txt')], 300, 60);
    expect(detectClaude(snap).state).toBe('approval');
  });

  it('a resize in the middle of a prompt', async () => {
    const { term } = await replay([captureBytes('claude', V, 'permission-bash.ansi.txt')], 120, 40);
    term.resize(90, 30);
    expect(detectClaude(term.snapshot()).state).toBe('approval');
  });
});

describe('claude 2.1.331: real screens replayed through a headless xterm', () => {
  const V2 = '2.1.331';
  const detect = async (name: string) => detectClaude((await replay([captureBytes('claude', V2, name)])).snap);

  it('parses the Bash prompt whose command sits between dashed rules, and its fourth option "No"', async () => {
    const d = await detect('permission-bash.ansi.txt');
    expect(d.state).toBe('approval');
    expect(d.prompt?.subject).toEqual({ tool: 'Bash', command: 'echo hello-from-agent > hello-from-agent.txt' });
    expect(d.prompt?.options.map((o) => o.label)).toEqual([
      'Yes',
      'Yes, and always allow access to /tmp/cct/work from this project',
      'Yes, and switch to auto mode · auto mode handles these prompts for you',
      'No',
    ]);
    expect(d.prompt?.options[3]?.keys).toEqual(['4']);
  });

  it('reads working after the answer and idle when finished', async () => {
    expect((await detect('after-yes.ansi.txt')).state).toBe('working');
    expect((await detect('finished.ansi.txt')).state).toBe('idle');
  });
});
