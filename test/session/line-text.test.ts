import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { lineText } from '../../src/session/line-text.js';
import { readRecording } from '../helpers/replay.js';

const { Terminal } = xterm;

const write = (term: InstanceType<typeof Terminal>, data: string) => new Promise<void>((r) => term.write(data, r));

/** Every line of the buffer, read both ways. */
function both(term: InstanceType<typeof Terminal>) {
  const buf = term.buffer.active;
  const cell = buf.getNullCell();
  const ours: string[] = [];
  const theirs: string[] = [];
  for (let y = 0; y < buf.length; y++) {
    const line = buf.getLine(y)!;
    ours.push(lineText(line, cell));
    theirs.push(line.translateToString(true));
  }
  return { ours, theirs };
}

describe("a line's text read from its cells", () => {
  it("is xterm's own text, trailing blanks trimmed: wide, combined, astral and styled cells, printed and erased blanks", async () => {
    const term = new Terminal({ cols: 30, rows: 12, scrollback: 100, allowProposedApi: true, logLevel: 'off' });
    await write(term, 'plain text   \r\n');
    await write(term, '\x1b[41m  red blanks  \x1b[0m\r\n');
    await write(term, '中文字 wide and 🙂 astral\r\n');
    await write(term, 'e\u0301 combined a\u0308\u0304 twice\r\n');
    await write(term, `${'x'.repeat(29)}中 wraps at the edge\r\n`);
    await write(term, 'erase me\x1b[4D\x1b[K\r\n');
    await write(term, 'tab\tstop\ttext\r\n');
    await write(term, '\x1b[5Cafter a cursor move\r\n');
    await write(term, 'Latin-1 é ü ß and ¼\r\n');
    await write(term, '\r\n');
    const { ours, theirs } = both(term);
    expect(ours).toEqual(theirs);
    expect(ours).toContain('中文字 wide and 🙂 astral');
  });

  it.each(['2.1.197', '2.1.331'])('reads a real Claude Code %s session as xterm does, line for line', async (version) => {
    const { header, chunks } = readRecording('claude', version);
    const term = new Terminal({ cols: header.cols, rows: header.rows, scrollback: 5000, allowProposedApi: true, logLevel: 'off' });
    let read = 0;
    for (const c of chunks) {
      if (c.resize) term.resize(c.resize[0], c.resize[1]);
      else await write(term, c.d!);
      const { ours, theirs } = both(term);
      expect(ours).toEqual(theirs);
      read += ours.filter((l) => l.trim()).length;
    }
    expect(read).toBeGreaterThan(1000);
  });
});
