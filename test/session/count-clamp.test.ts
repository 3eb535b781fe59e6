import { afterEach, describe, expect, it } from 'vitest';
import type { AgentSpec } from '../../src/model/agent.js';
import { AgentSession } from '../../src/session/agent-session.js';
import { CountClamp } from '../../src/session/count-clamp.js';
import { HeadlessTerminal } from '../../src/session/terminal.js';
import { tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/poll.js';

const clamp = () => new CountClamp(() => ({ cols: 80, rows: 24 }));

describe('counts no screen can show are clamped (issue 14.2)', () => {
  it('cuts scroll, insert, delete, erase, repeat and tab counts to the screen', () => {
    const c = clamp();
    expect(c.filter('\x1b[10000000S')).toBe('\x1b[24S');
    expect(c.filter('\x1b[2147483647T\x1b[99999L\x1b[500M')).toBe('\x1b[24T\x1b[24L\x1b[24M');
    expect(c.filter('\x1b[9999@\x1b[9999P\x1b[9999X\x1b[9999I\x1b[9999Z')).toBe('\x1b[80@\x1b[80P\x1b[80X\x1b[80I\x1b[80Z');
    expect(c.filter('x\x1b[99999999b')).toBe('x\x1b[1920b');
    expect(c.filter('\x9b10000000S')).toBe('\x9b24S');
    expect(c.filter('\x1b[9999 @')).toBe('\x1b[80 @');
  });

  it('leaves everything else alone: small counts, other sequences, text', () => {
    const c = clamp();
    const text = 'plain \x1b[1;31mred\x1b[0m \x1b[3S \x1b[?25l \x1b[5;10H \x1b]0;title\x07 \x1bP+q544e\x1b\\ \x1b[>c \x1b[38;2;10;20;30m end';
    expect(c.filter(text)).toBe(text);
    expect(c.filter('\x1b\x1b[99S')).toBe('\x1b\x1b[24S');
  });

  it('a control inside the sequence does not let a count through: it goes out first, as the terminal carries it out', () => {
    const c = clamp();
    expect(c.filter('\x1b[99999999\x07S')).toBe('\x07\x1b[24S');
    expect(c.filter('\x1b[9\r99999\x7f9S')).toBe('\r\x7f\x1b[24S');
    // CAN and ESC end the sequence, as they do for the terminal.
    expect(c.filter('\x1b[99999\x18S')).toBe('\x1b[99999\x18S');
  });

  it('clamps a count wherever the chunks are cut, and passes the rest as it came', () => {
    const before = 'log \x1b[1;32mok\x1b[0m \x1b[?2026h line\r\n';
    const after = ' \x1b[38;5;200mmore\x1b[m\r\n';
    const text = `${before}\x1b[10000000S${after}`;
    for (let cut = 0; cut <= text.length; cut++) {
      for (const second of [cut, Math.min(text.length, cut + 3)]) {
        const c = clamp();
        const parts = [text.slice(0, cut), text.slice(cut, second), text.slice(second)];
        expect(parts.map((p) => c.filter(p)).join('')).toBe(`${before}\x1b[24S${after}`);
      }
    }
  });

  it('holds a sequence split across chunks until its final byte', () => {
    const c = clamp();
    const parts = ['ab\x1b', '[100', '00000', 'Scd'];
    expect(parts.map((p) => c.filter(p)).join('')).toBe('ab\x1b[24Scd');
    expect(c.filter('\x1b')).toBe('');
    expect(c.filter('7')).toBe('\x1b7');
  });

  it('the screen comes out as an unclamped terminal draws it', async () => {
    const seq = '1\r\n2\r\n3\r\n\x1b[500S\x1b[2;1Hx\x1b[300@y\x1b[1;1H\x1b[999L\x1b[4;1Habc\x1b[2\r00\x7fP';
    const draw = async (data: string) => {
      const t = new HeadlessTerminal(20, 6, 0);
      await new Promise<void>((r) => t.write(data, r));
      const text = t.snapshot().lines.join('\n');
      t.dispose();
      return text;
    };
    const c = new CountClamp(() => ({ cols: 20, rows: 6 }));
    expect(await draw(c.filter(seq))).toBe(await draw(seq));
  });
});

describe('an agent that prints ESC [ 10000000 S holds nothing up', () => {
  const sessions: AgentSession[] = [];
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.dispose(500)));
  });

  it('its screen shows what follows at once', async () => {
    const spec: AgentSpec = { name: 't', argv: ['printf', 'before\\033[10000000Safter\\033[2147483647T\\033[99999999bdone\\n'], cwd: tempDir(), env: {}, kind: 'shell' };
    const s = new AgentSession(spec, { cols: 40, rows: 8, scrollback: 100, transcriptPath: null });
    sessions.push(s);
    const started = Date.now();
    s.start();
    await waitFor('done on screen', () => s.snapshot().lines.some((l) => l.includes('done')), 5000);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
