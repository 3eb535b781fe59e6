import { describe, expect, it } from 'vitest';
import { Osc99Reader, osc777Alert, osc9Alert } from '../../src/session/agent-alerts.js';
import { HeadlessTerminal } from '../../src/session/terminal.js';

/** What a terminal heard as alerts, one entry per write that had any. */
async function alertsOf(...writes: string[]): Promise<string[]> {
  const term = new HeadlessTerminal(80, 24, 100);
  const heard: string[] = [];
  term.onAlert((text) => heard.push(text));
  for (const w of writes) await new Promise<void>((r) => term.write(w, r));
  term.dispose();
  return heard;
}

describe("an agent's own alerts, heard by its terminal", () => {
  it('a bell, once per write however often it rings', async () => {
    expect(await alertsOf('building\x07', 'more\r\n', '\x07\x07\x07')).toEqual(['', '']);
  });

  it('OSC 9, 777 and 99 notifications, with their text; a BEL ending an OSC is no bell', async () => {
    expect(await alertsOf('\x1b]9;Tests passed\x07')).toEqual(['Tests passed']);
    expect(await alertsOf('\x1b]777;notify;Claude Code;Needs your permission\x1b\\')).toEqual(['Claude Code: Needs your permission']);
    expect(await alertsOf('\x1b]99;;Build done\x1b\\')).toEqual(['Build done']);
    expect(await alertsOf('\x1b]0;a title\x07\x1b]2;another\x07')).toEqual([]);
    // Words then a bell in one write: the words.
    expect(await alertsOf('\x1b]9;done\x07\x07')).toEqual(['done']);
  });

  it('not what only looks like one: a progress bar, a query, another OSC 777 command', async () => {
    expect(await alertsOf('\x1b]9;4;1;50\x07', '\x1b]9;4;0\x07', '\x1b]99;i=1:p=?;\x1b\\', '\x1b]777;precmd\x07', '\x1b]777;container;push;x\x07')).toEqual([]);
  });

  it('the readers alone', () => {
    expect(osc9Alert('1;tab')).toBeNull();
    expect(osc9Alert('Waiting for input')).toBe('Waiting for input');
    expect(osc777Alert('notify;only a title')).toBe('only a title');
    expect(osc777Alert('notify;t;a;b')).toBe('t: a;b');
    expect(osc9Alert('x'.repeat(5000))).toHaveLength(1000);
    const kitty = new Osc99Reader();
    expect(kitty.read('i=7:d=0;Title')).toBeNull();
    expect(kitty.read(`i=7:p=body:e=1;${Buffer.from('the body').toString('base64')}`)).toBe('Title: the body');
    expect(kitty.read('i=7:p=close;')).toBeNull();
    expect(kitty.read('p=icon;abc')).toBeNull();
  });
});
