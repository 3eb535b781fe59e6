import { describe, expect, it } from 'vitest';
import { splitCommand } from '../../src/config/argv.js';
import { describeJsonError } from '../../src/config/json-error.js';
import { inferKind } from '../../src/kinds/registry.js';
import { commandArgv, parseAgentFlag } from '../../src/config/load.js';

describe('command lines', () => {
  it('splits words and honours quotes and escapes', () => {
    expect(splitCommand(`claude --model "opus 4" 'a b' c\\ d`)).toEqual(['claude', '--model', 'opus 4', 'a b', 'c d']);
    expect(splitCommand('echo "unterminated')).toEqual({ error: 'unclosed double quote' });
  });

  it('runs shell syntax through the shell, plain commands directly', () => {
    expect(commandArgv('npm test && npm run lint', { SHELL: '/bin/bash' })).toEqual(['/bin/bash', '-c', 'npm test && npm run lint']);
    expect(commandArgv('claude --continue', {})).toEqual(['claude', '--continue']);
    expect(commandArgv('echo "a && b"', {})).toEqual(['echo', 'a && b']);
    expect(commandArgv(['aider', '--yes'], {})).toEqual(['aider', '--yes']);
  });

  it('infers the kind from the program', () => {
    expect(inferKind(['claude'])).toBe('claude');
    expect(inferKind(['/usr/local/bin/claude', '--continue'])).toBe('claude');
    expect(inferKind(['npx', '@openai/codex'])).toBe('codex');
    expect(inferKind(['gemini'])).toBe('gemini');
    expect(inferKind(['aider', '--model', 'x'])).toBe('aider');
    expect(inferKind(['bash'])).toBe('shell');
  });

  it('parses --agent flags', () => {
    const a = parseAgentFlag('api=claude --continue', '/tmp', {});
    expect(a).toMatchObject({ name: 'api', argv: ['claude', '--continue'], cwd: '/tmp', kind: 'claude' });
    expect(() => parseAgentFlag('=claude', '/tmp', {})).toThrow(/expected <name>=<command>/);
    expect(() => parseAgentFlag('a b=claude', '/tmp', {})).toThrow(/name "a b"/);
    expect(() => parseAgentFlag('x=', '/tmp', {})).toThrow(/command must not be empty/);
  });
});

describe('JSON errors', () => {
  const parseError = (text: string) => {
    try {
      JSON.parse(text);
    } catch (e) {
      return describeJsonError(text, e);
    }
    return null;
  };

  it('one line at the right line and column: a trailing comma, a control byte, nothing from the file echoed (issue 14.13)', () => {
    expect(parseError('{\n  "agents": [\n    { "name": "a", "command": "bash" },\n  ],\n  "scrollback": 10\n}\n')).toBe(
      'line 4, column 3: invalid JSON: expected a value (no comma before "]"), found "]"',
    );
    expect(parseError('{ "a": 1, }')).toBe('line 1, column 11: invalid JSON: expected a property name (no comma before "}"), found "}"');
    const esc = parseError('{ "name": "a\x1b[31m" }')!;
    expect(esc).toBe('line 1, column 13: invalid JSON: control character U+001B in a string (write it as an escape such as \\n)');
    expect(parseError('{ "a": 1 } \x1b[2J')).toBe('line 1, column 12: invalid JSON: expected the end of the file, found U+001B');
    for (const m of [esc]) expect(m).not.toMatch(/[\x00-\x1f]/);
  });

  it('turns a position into line and column', () => {
    const text = '{\n  "a": 1,\n}';
    let err: unknown;
    try {
      JSON.parse(text);
    } catch (e) {
      err = e;
    }
    expect(describeJsonError(text, err)).toMatch(/^line 3, column 1: invalid JSON/);
  });

  it('points at the end for a truncated file', () => {
    const text = '{\n "agents": [';
    let err: unknown;
    try {
      JSON.parse(text);
    } catch (e) {
      err = e;
    }
    expect(describeJsonError(text, err)).toBe('line 2, column 13: invalid JSON: expected a value, found the end of the file');
  });
});
