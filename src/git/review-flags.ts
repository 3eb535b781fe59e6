import { matchesGlob } from '../lib/glob.js';
import type { FileChange } from './review-types.js';
import type { Flag } from './review-types.js';

const TODO = /\b(TODO|FIXME|XXX|HACK)\b/;
const TEST_FOCUS = /(\.(skip|only)\(|\b(xit|xdescribe|fit|fdescribe)\()/;
const TEST_FILE = /(^|\/)(__tests__|tests?)\/|\.(test|spec)\.[cm]?[jt]sx?$|_test\.(go|py)$|(^|\/)test_[^/]+\.py$/;
const SECRETS: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bgithub_pat_[A-Za-z0-9_]{50,}\b/, 'a GitHub token'],
  [/\bsk-ant-[A-Za-z0-9_-]{20,}\b/, 'an Anthropic API key'],
  [/\bsk-(proj-)?[A-Za-z0-9]{32,}\b/, 'an OpenAI API key'],
  [/\bxox[baprs]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/\b(sk|rk)_live_[0-9A-Za-z]{20,}\b/, 'a Stripe key'],
];

/** The added lines of a unified diff. */
export function addedLines(diff: string): string[] {
  return diff
    .split('\n')
    .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
    .map((l) => l.slice(1));
}

/** Flags for one changed file, from its diff and the agent's declared scope (globs; none = anything goes). */
export function reviewFlags(file: FileChange, diff: string, scope: readonly string[]): Flag[] {
  const flags: Flag[] = [];
  if (scope.length && !scope.some((g) => matchesGlob(file.path, g))) flags.push({ file: file.path, kind: 'outside-scope', detail: `outside the scope (${scope.join(', ')})` });
  if (file.status === 'D' && TEST_FILE.test(file.path)) flags.push({ file: file.path, kind: 'deleted-test', detail: 'a test file was deleted' });
  for (const line of addedLines(diff)) {
    const todo = TODO.exec(line);
    if (todo) flags.push({ file: file.path, kind: 'todo', detail: `adds ${todo[1]}: ${line.trim().slice(0, 80)}` });
    if (TEST_FOCUS.test(line)) flags.push({ file: file.path, kind: 'focused-or-skipped-test', detail: `skips or focuses tests: ${line.trim().slice(0, 80)}` });
    for (const [re, what] of SECRETS) if (re.test(line)) flags.push({ file: file.path, kind: 'secret', detail: `looks like ${what}` });
  }
  return flags;
}
