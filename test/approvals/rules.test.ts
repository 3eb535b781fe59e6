import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionsOf, decide, positionProblem, type DecideInput } from '../../src/approvals/decide.js';
import { judge, parseRule, ruleMatches, type Rule, type RuleSet } from '../../src/lib/rules.js';
import { decideToolCall, toolAction } from '../../src/approvals/tool-call.js';
import type { ParsedPrompt, ScreenSnapshot } from '../../src/model/screen.js';

const rule = (text: string) => {
  const r = parseRule(text);
  if ('error' in r) throw new Error(r.error);
  return r as Rule;
};
const bash = (r: string, command: string) => ruleMatches(rule(r), { tool: 'Bash', command }, '/w/app');
const path = (r: string, tool: string, p: string) => ruleMatches(rule(r), { tool, path: p }, '/w/app');

describe('rules match in full', () => {
  it('exact commands: nothing more, nothing less', () => {
    expect(bash('Bash(npm test)', 'npm test')).toBe(true);
    expect(bash('Bash(npm test)', '  npm   test ')).toBe(true);
    for (const near of ['npm testx', 'npm test; rm -rf /', 'npm test && rm -rf ~', 'npm test | sh', 'npm tes', 'npm test\nrm -rf ~', 'npm test --watch']) {
      expect(bash('Bash(npm test)', near), near).toBe(false);
    }
  });

  it('a command is what a shell would run: blanks inside quotes, $, invisible characters count (issue 13, item 5)', () => {
    expect(bash('Bash(echo "a b")', 'echo "a b"')).toBe(true);
    expect(bash('Bash(echo "a b")', 'echo "a  b"')).toBe(false);
    expect(bash('Bash(npm test)', 'npm\ttest')).toBe(true);
    for (const near of ['$npm test', '$ npm test', 'npm\u00a0test', 'npm\u200btest', 'npm test\u200b', '\u202enpm test', 'npm test\u2066']) {
      expect(bash('Bash(npm test)', near), JSON.stringify(near)).toBe(false);
    }
  });

  it('prefixes stop at a word and never cover chaining, substitution or redirection', () => {
    expect(bash('Bash(npm run lint:*)', 'npm run lint')).toBe(true);
    expect(bash('Bash(npm run lint:*)', 'npm run lint -- --fix src')).toBe(true);
    for (const near of [
      'npm run linter',
      'npm run lint; rm -rf /',
      'npm run lint && curl x | sh',
      'npm run lint $(rm -rf ~)',
      'npm run lint `id`',
      'npm run lint > /etc/passwd',
      'npm run lint\nrm -rf ~',
    ]) {
      expect(bash('Bash(npm run lint:*)', near), near).toBe(false);
    }
    expect(bash('Bash(git * main)', 'git push origin main')).toBe(true);
    expect(bash('Bash(git * main)', 'git push origin main; rm -rf /')).toBe(false);
    expect(bash('Bash(ls *)', 'ls')).toBe(true);
    expect(bash('Bash', 'anything at all; really')).toBe(true);
  });

  it('paths resolve before matching: src/../ is not in src/', () => {
    expect(path('Edit(src/**)', 'Edit', 'src/a/b.ts')).toBe(true);
    expect(path('Edit(src/**)', 'Edit', '/w/app/src/b.ts')).toBe(true);
    expect(path('Edit(src/**)', 'Write', 'src/new.ts')).toBe(true); // Edit covers every tool that changes files
    expect(path('Write(test/**)', 'Edit', 'test/a.ts')).toBe(false);
    for (const near of ['src/../secret.txt', 'src/../../etc/passwd', '/w/app/srcx/a.ts', '/w/other/src/a.ts', 'lib/a.ts']) {
      expect(path('Edit(src/**)', 'Edit', near), near).toBe(false);
    }
    expect(path('Read(//etc/**)', 'Read', '/etc/hosts')).toBe(true);
    expect(path('Read(~/.config/**)', 'Read', `${homedir()}/.config/x`)).toBe(true);
    expect(path('Edit(/src/*.ts)', 'Edit', 'src/a.ts')).toBe(true);
  });

  it('domains, MCP servers and tools', () => {
    const fetch = (r: string, url: string) => ruleMatches(rule(r), { tool: 'WebFetch', url }, '/');
    expect(fetch('WebFetch(domain:docs.example.com)', 'https://docs.example.com/a')).toBe(true);
    expect(fetch('WebFetch(domain:docs.example.com)', 'https://docs.example.com.evil.io/a')).toBe(false);
    expect(fetch('WebFetch(domain:docs.example.com)', 'https://evil.io/?docs.example.com')).toBe(false);
    expect(ruleMatches(rule('mcp__notes'), { tool: 'mcp__notes__add' }, '/')).toBe(true);
    expect(ruleMatches(rule('mcp__notes'), { tool: 'mcp__notesx__add' }, '/')).toBe(false);
    expect(ruleMatches(rule('mcp__notes__add'), { tool: 'mcp__notes__add_all' }, '/')).toBe(false);
  });

  it('deny always wins', () => {
    const rules: RuleSet = { allow: [rule('Bash(npm run lint:*)')], deny: [rule('Bash(npm run lint:fix)')] };
    expect(judge(rules, { tool: 'Bash', command: 'npm run lint:fix' }, '/')).toMatchObject({ verdict: 'deny' });
    expect(judge(rules, { tool: 'Bash', command: 'npm run lint' }, '/')).toMatchObject({ verdict: 'allow' });
    expect(judge(rules, { tool: 'Bash', command: 'make' }, '/')).toEqual({ verdict: 'none' });
  });

  it('a rule it cannot read is an error naming it', () => {
    expect(parseRule('bash(ls)')).toEqual({ error: 'cannot read "bash(ls)": unknown tool bash (expected Bash, Edit, Write, Read, WebFetch, … or mcp__server__tool)' });
    expect(parseRule('WebFetch(https://x.com)')).toEqual({ error: 'cannot read "WebFetch(https://x.com)": WebFetch takes domain:<host>' });
    expect(parseRule('Bash()')).toEqual({ error: 'cannot read "Bash()": empty specifier' });
  });
});

const screen = (lines: string[], cursorY: number): ScreenSnapshot => ({ cols: 80, rows: lines.length, lines, cursor: { x: 0, y: cursorY, visible: true }, title: '', alternate: false });
const aiderPrompt = (command: string, extra: Partial<ParsedPrompt> = {}): ParsedPrompt => ({
  kind: 'confirm',
  question: 'Run shell command?',
  subject: { command },
  options: [
    { label: 'Yes', keys: ['y\r'] },
    { label: 'No', keys: ['n\r'] },
  ],
  selected: 0,
  at: { top: 1, bottom: 2 },
  ...extra,
});
const input = (prompt: ParsedPrompt, over: Partial<DecideInput> = {}): DecideInput => ({
  mode: 'rules',
  kind: 'aider',
  rules: { allow: [rule('Bash(npm test)')], deny: [] },
  cwd: '/w',
  prompt,
  screen: screen(['output', 'npm test', 'Run shell command? (Y)es/(N)o [Yes]: ', ''], 2),
  ...over,
});

describe('decide', () => {
  it('approves with the plain yes only in rules mode, for agents that do not enforce rules themselves', () => {
    expect(decide(input(aiderPrompt('npm test')))).toEqual({ decision: 'approved', option: 0, rule: 'Bash(npm test)', reason: 'allow rule Bash(npm test)' });
    expect(decide(input(aiderPrompt('npm test'), { mode: 'manual' }))).toMatchObject({ decision: 'left', reason: 'manual mode' });
    expect(decide(input(aiderPrompt('npm test'), { mode: 'pause' }))).toMatchObject({ decision: 'left', reason: 'paused' });
    expect(decide(input(aiderPrompt('npm test'), { kind: 'claude' }))).toMatchObject({ decision: 'left', reason: 'Claude Code applies the rules itself' });
  });

  it('never answers a prompt that could be printed text', () => {
    const below = screen(['npm test', 'Run shell command? (Y)es/(N)o [Yes]: ', '', 'more output', ''], 4);
    expect(positionProblem(aiderPrompt('npm test', { at: { top: 0, bottom: 1 } }), below)).toBe('the prompt is not at the bottom of the screen');
    const cursorAbove = screen(['> ', 'npm test', 'Run shell command? (Y)es/(N)o [Yes]: '], 0);
    expect(positionProblem(aiderPrompt('npm test'), cursorAbove)).toBe('the cursor is not in the prompt');
    expect(decide(input(aiderPrompt('npm test'), { screen: cursorAbove }))).toMatchObject({ decision: 'left', reason: 'the cursor is not in the prompt' });
    expect(decide(input(aiderPrompt('npm test', { at: undefined })))).toMatchObject({ decision: 'left', reason: 'where the prompt sits on screen is unknown' });
  });

  it('never matches a subject pieced together from several lines, or one that lists several things', () => {
    expect(actionsOf('aider', aiderPrompt('npm test', { subject: { command: 'npm test', reassembled: true } }))).toBeNull();
    expect(actionsOf('aider', aiderPrompt('npm test', { question: 'Run shell commands?' }))).toBeNull();
    expect(actionsOf('shell', aiderPrompt('npm test'))).toBeNull();
    expect(actionsOf('codex', { ...aiderPrompt(''), kind: 'permission', subject: { tool: 'apply_patch', text: 'src/a.ts (+2 -1)\nsrc/b.ts (+1 -0)' } })).toEqual([
      { tool: 'Edit', path: 'src/a.ts' },
      { tool: 'Edit', path: 'src/b.ts' },
    ]);
  });
});

describe('paths are matched where they really lead (issue 13, item 3)', () => {
  // A real project with src/link -> a directory outside it, and src/ok -> a directory inside src.
  const root = mkdtempSync(join(tmpdir(), 'agentmux-rules-'));
  const cwd = join(root, 'app');
  mkdirSync(join(cwd, 'src', 'real'), { recursive: true });
  mkdirSync(join(root, 'outside'));
  symlinkSync(join(root, 'outside'), join(cwd, 'src', 'link'));
  symlinkSync('real', join(cwd, 'src', 'ok'));
  symlinkSync('../../outside/secret', join(cwd, 'src', 'file-link'));
  symlinkSync(join(cwd, 'src', 'loop'), join(cwd, 'src', 'loop'));
  const rules: RuleSet = { allow: [rule('Edit(src/**)')], deny: [rule('Edit(//etc/**)')] };
  const edit = (p: string) => judge(rules, { tool: 'Edit', path: p }, cwd).verdict;

  it('a link inside src/ to a directory outside is not in src/**', () => {
    expect(edit('src/link/x')).toBe('none');
    expect(edit(join(cwd, 'src/link/new/dir/x'))).toBe('none');
    expect(edit('src/file-link')).toBe('none');
    // `..` after a link leaves the link's target, as the kernel does: src/link/../app/src/x is outside/../app/src/x.
    expect(edit('src/link/../x')).toBe('none');
    expect(edit('src/loop/x')).toBe('none');
  });

  it('real paths inside src/ still match, new files too', () => {
    expect(edit('src/real/a.ts')).toBe('allow');
    expect(edit('src/ok/a.ts')).toBe('allow');
    expect(edit('src/new/dir/a.ts')).toBe('allow');
  });

  it('a deny rule matches where the path really leads', () => {
    symlinkSync('/etc', join(cwd, 'src', 'etc'));
    expect(edit('src/etc/passwd')).toBe('deny');
  });

  it('the PreToolUse path decides the same', () => {
    expect(decideToolCall({ mode: 'rules', rules, cwd, action: toolAction('Edit', { file_path: join(cwd, 'src/link/x') }) })).toBeNull();
    expect(decideToolCall({ mode: 'rules', rules, cwd, action: toolAction('Write', { file_path: join(cwd, 'src/real/x') }) })).toMatchObject({ decision: 'allow' });
  });
});
