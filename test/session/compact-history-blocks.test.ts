import { describe, expect, it } from 'vitest';
import { CompactHistory } from '../../src/session/compact-history.js';

/** A row of the kind the history keeps: styled text, the cell descriptor some rows carry, any character. */
function row(i: number): { styled: string; meta: number } {
  const kinds = [`\x1b[1mline ${i}\x1b[0m plain ascii text`, `⏺ Bash(ls) ─ ${i} ✻ 中文 résumé`, `\0\x01\x01\u8001\0😀 emoji ${i}`, '', `${'x'.repeat(i % 300)}${i}`];
  return { styled: kinds[i % kinds.length]!, meta: (i * 2654435761) >>> 0 };
}

describe('the kept history holds its rows as UTF-8 in blocks', () => {
  it('every row reads back exactly, oldest first, across blocks, past the capacity and after drops', () => {
    const h = new CompactHistory(1000);
    for (let i = 0; i < 5000; i++) h.push(row(i));
    expect(h.length).toBe(1000);
    for (let k = 0; k < 1000; k++) expect(h.row(k)).toEqual(row(4000 + k));
    h.drop(250);
    expect(h.length).toBe(750);
    expect(h.row(0)).toEqual(row(4250));
    for (let i = 5000; i < 5100; i++) h.push(row(i));
    expect(h.rows()).toEqual(Array.from({ length: 850 }, (_, k) => row(4250 + k)));
    h.replace([row(1), row(2)]);
    expect(h.rows()).toEqual([row(1), row(2)]);
    h.clear();
    expect(h.length).toBe(0);
    h.push(row(7));
    expect(h.row(0)).toEqual(row(7));
  });

  it('blocks no kept row lies in are let go: the bytes held follow the rows kept, not the rows ever written', () => {
    const h = new CompactHistory(1000);
    let kept = 0;
    for (let i = 0; i < 100_000; i++) h.push(row(i));
    for (let k = 0; k < 1000; k++) kept += Buffer.byteLength(h.row(k).styled);
    expect(h.keptBytes).toBeGreaterThanOrEqual(kept);
    expect(h.keptBytes).toBeLessThan(kept + 2 * 64 * 1024);
    // A quiet agent's few lines cost a small block.
    const quiet = new CompactHistory(10_000);
    quiet.push(row(0));
    expect(quiet.keptBytes).toBeLessThanOrEqual(4096);
    h.drop(1000);
    expect(h.keptBytes).toBe(0);
  });
});
