import type { CompactRow } from './compact-row.js';

/** Bytes of the first block of kept text: each next one twice the last, up to LARGEST_BLOCK. */
const FIRST_BLOCK = 4 * 1024;
const LARGEST_BLOCK = 64 * 1024;

/** A block of rows' text, and how many of the kept rows still lie in it. */
interface Block {
  bytes: Buffer;
  used: number;
}

/**
 * The oldest history rows of one terminal as compact rows (styled text, not xterm cells), oldest
 * first, at most `capacity` of them: a ring that grows as rows come, so a quiet agent pays little.
 *
 * The text is kept as UTF-8 in blocks of up to 64 KiB, not as a string per row: agents' output is mostly
 * ASCII with a few box-drawing or other characters, which make a JavaScript string two bytes a
 * character, and each string is one more thing for the collector to walk through for as long as
 * it is kept. A row is made a string again when it is read (a history view, a search).
 */
export class CompactHistory {
  /** Blocks in order; blocks[0] holds the block numbered `firstBlock`. */
  private blocks: Block[] = [];
  private firstBlock = 0;
  /** Per row slot: its block's number, its offset and byte length there, its CompactRow meta. */
  private block: Uint32Array = new Uint32Array(0);
  private offset: Uint32Array = new Uint32Array(0);
  private size: Uint32Array = new Uint32Array(0);
  private meta: Uint32Array = new Uint32Array(0);
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {}

  get length(): number {
    return this.count;
  }

  /** Bytes of the blocks held for the kept rows' text. */
  get keptBytes(): number {
    return this.blocks.reduce((sum, b) => sum + b.bytes.length, 0);
  }

  /** Row `i` (0: the oldest). */
  row(i: number): CompactRow {
    const at = (this.start + i) % this.meta.length;
    const b = this.blocks[this.block[at]! - this.firstBlock]!;
    const from = this.offset[at]!;
    return { styled: b.bytes.toString('utf8', from, from + this.size[at]!), meta: this.meta[at]! };
  }

  /** Adds a row after the newest; past capacity the oldest goes. */
  push(row: CompactRow): void {
    if (this.capacity === 0) return;
    if (this.count === this.meta.length && this.count < this.capacity) this.grow();
    if (this.count === this.capacity) this.drop(1);
    const at = (this.start + this.count) % this.meta.length;
    // At most 3 bytes a UTF-16 unit: room for that, or a new block.
    const most = row.styled.length * 3;
    let last = this.blocks[this.blocks.length - 1];
    if (!last || last.bytes.length - last.used < most) {
      const grown = last ? Math.min(LARGEST_BLOCK, last.bytes.length * 2) : FIRST_BLOCK;
      last = { bytes: Buffer.allocUnsafeSlow(Math.max(grown, most)), used: 0 };
      this.blocks.push(last);
    }
    const written = last.bytes.write(row.styled, last.used, 'utf8');
    this.block[at] = this.firstBlock + this.blocks.length - 1;
    this.offset[at] = last.used;
    this.size[at] = written;
    this.meta[at] = row.meta;
    last.used += written;
    this.count++;
  }

  /** Forgets the `n` oldest rows, and the blocks no kept row lies in any more. */
  drop(n: number): void {
    const k = Math.min(n, this.count);
    this.start = this.count === k ? 0 : (this.start + k) % this.meta.length;
    this.count -= k;
    if (this.count === 0) return this.clearBlocks();
    const oldest = this.block[this.start]!;
    if (oldest > this.firstBlock) {
      this.blocks.splice(0, oldest - this.firstBlock);
      this.firstBlock = oldest;
    }
  }

  /** Puts `rows` in place of every row (the newest `capacity` of them). */
  replace(rows: readonly CompactRow[]): void {
    this.clear();
    for (const r of rows.slice(-this.capacity)) this.push(r);
  }

  /** Every row, oldest first. */
  rows(): CompactRow[] {
    return Array.from({ length: this.count }, (_, i) => this.row(i));
  }

  clear(): void {
    this.block = new Uint32Array(0);
    this.offset = new Uint32Array(0);
    this.size = new Uint32Array(0);
    this.meta = new Uint32Array(0);
    this.start = 0;
    this.count = 0;
    this.clearBlocks();
  }

  private clearBlocks(): void {
    this.firstBlock += this.blocks.length;
    this.blocks = [];
  }

  private grow(): void {
    const slots = Math.min(this.capacity, Math.max(256, this.meta.length * 2));
    const moved = (a: Uint32Array): Uint32Array => {
      const next = new Uint32Array(slots);
      for (let i = 0; i < this.count; i++) next[i] = a[(this.start + i) % a.length]!;
      return next;
    };
    this.block = moved(this.block);
    this.offset = moved(this.offset);
    this.size = moved(this.size);
    this.meta = moved(this.meta);
    this.start = 0;
  }
}
