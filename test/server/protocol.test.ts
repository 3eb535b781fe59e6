import { describe, expect, it } from 'vitest';
import { encode, encodeJson, FrameDecoder, MAX_MESSAGE, MSG, ProtocolError, parseHello, parseResize, terminalEnv } from '../../src/server/protocol.js';

describe('the socket protocol', () => {
  it('cuts a byte stream into messages wherever the chunks split', () => {
    const bytes = Buffer.concat([encodeJson(MSG.hello, { agentmux: 1, role: 'attach', cols: 80, rows: 24 }), encode(MSG.input, 'q'), encode(MSG.input, Buffer.from([0x1b, 0x5b]))]);
    for (let cut = 1; cut < bytes.length; cut++) {
      const d = new FrameDecoder();
      const got = [...d.feed(bytes.subarray(0, cut)), ...d.feed(bytes.subarray(cut))];
      expect(got.map((m) => m.type)).toEqual([MSG.hello, MSG.input, MSG.input]);
      expect(got[1]!.payload.toString()).toBe('q');
      expect([...got[2]!.payload]).toEqual([0x1b, 0x5b]);
    }
  });

  it('refuses an unknown type and an oversized frame before reading its body', () => {
    expect(() => new FrameDecoder().feed(Buffer.from([99, 0, 0, 0, 0]))).toThrow(ProtocolError);
    const huge = Buffer.alloc(5);
    huge.writeUInt8(MSG.input, 0);
    huge.writeUInt32BE(MAX_MESSAGE + 1, 1);
    expect(() => new FrameDecoder().feed(huge)).toThrow(/at most/);
    // Anything that is not agentmux: an HTTP request, say.
    expect(() => new FrameDecoder().feed(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toThrow(ProtocolError);
  });

  it('takes a hello only as the first message, with a known role and, to attach, a real size', () => {
    const hello = (v: unknown) => parseHello(new FrameDecoder().feed(encodeJson(MSG.hello, v))[0]!);
    expect(hello({ agentmux: 1, role: 'attach', cols: 200, rows: 50 })).toMatchObject({ role: 'attach', cols: 200, rows: 50 });
    expect(hello({ agentmux: 1, role: 'status' })).toEqual({ agentmux: 1, role: 'status' });
    expect(() => hello({ agentmux: 1, role: 'root' })).toThrow(/role/);
    expect(() => hello({ role: 'status' })).toThrow(/version/);
    expect(() => hello({ agentmux: 1, role: 'attach', cols: 0, rows: 24 })).toThrow(/size/);
    expect(() => hello({ agentmux: 1, role: 'attach', cols: 1.5, rows: 24 })).toThrow(/size/);
    expect(() => hello([1])).toThrow(/JSON object/);
    expect(() => parseHello(new FrameDecoder().feed(encode(MSG.hello, '{not json'))[0]!)).toThrow(/not JSON/);
    expect(() => parseHello(new FrameDecoder().feed(encode(MSG.input, 'x'))[0]!)).toThrow(/first message/);
    expect(() => parseResize(new FrameDecoder().feed(encodeJson(MSG.resize, { cols: 80 }))[0]!)).toThrow(/size/);
  });

  it("keeps only the terminal's own variables of a client's environment", () => {
    const hello = parseHello(
      new FrameDecoder().feed(encodeJson(MSG.hello, { agentmux: 1, role: 'attach', cols: 80, rows: 24, env: { TERM: 'foot', TMUX: '/t,1,0', LD_PRELOAD: '/evil.so', PATH: '/x' } }))[0]!,
    );
    expect(hello.env).toEqual({ TERM: 'foot', TMUX: '/t,1,0' });
    expect(terminalEnv({ TERM_PROGRAM: 'iTerm.app', HOME: '/root' })).toEqual({ TERM_PROGRAM: 'iTerm.app' });
  });
});
