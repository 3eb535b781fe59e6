import { afterEach, describe, expect, it, vi } from 'vitest';
import { HeadlessTerminal } from '../../src/session/terminal.js';

afterEach(() => vi.restoreAllMocks());

describe('the headless terminal says nothing on the console (issue 14.3)', () => {
  it('a DEL byte and binary output are parsed without a word to the user’s terminal', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    const term = new HeadlessTerminal(80, 24, 100);
    const binary = Buffer.alloc(64 * 1024);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919 + (i >> 8)) % 256;
    const write = (d: string | Uint8Array) => new Promise<void>((r) => term.write(d, r));
    await write('\x7f');
    await write(binary);
    await write('still here\r\n');
    expect(term.allText().some((l) => l.includes('still here'))).toBe(true);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    term.dispose();
  });
});
