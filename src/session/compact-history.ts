import type { CompactRow } from './compact-row.js';

/**
 * The oldest history rows of one terminal as compact rows (styled text, not xterm cells), oldest
 * first, at most `capacity` of them: a ring that grows as rows come, so a quiet agent pays little.
 */
export class CompactHistory {
  private styled: string[] = [];
  private meta = new Uint32Array(0);
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {}

  get length(): number {
    return this.count;
  }

  /** Row `i` (0: the oldest). */
  row(i: number): CompactRow {
    const at = (this.start + i) % this.styled.length;
    return { styled: this.styled[at]!, meta: this.meta[at]! };
  }

  /** Adds a row after the newest; past capacity the oldest goes. */
  push(row: CompactRow): void {
    if (this.capacity === 0) return;
    if (this.count === this.styled.length && this.count < this.capacity) this.grow();
    if (this.count === this.capacity) this.drop(1);
    const at = (this.start + this.count) % this.styled.length;
    this.styled[at] = row.styled;
    this.meta[at] = row.meta;
    this.count++;
  }

  /** Forgets the `n` oldest rows. */
  drop(n: number): void {
    const k = Math.min(n, this.count);
    for (let i = 0; i < k; i++) this.styled[(this.start + i) % this.styled.length] = '';
    this.start = this.count === k ? 0 : (this.start + k) % this.styled.length;
    this.count -= k;
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
    this.styled = [];
    this.meta = new Uint32Array(0);
    this.start = 0;
    this.count = 0;
  }

  private grow(): void {
    const size = Math.min(this.capacity, Math.max(256, this.styled.length * 2));
    const styled = new Array<string>(size);
    const meta = new Uint32Array(size);
    for (let i = 0; i < this.count; i++) {
      const at = (this.start + i) % this.styled.length;
      styled[i] = this.styled[at]!;
      meta[i] = this.meta[at]!;
    }
    this.styled = styled;
    this.meta = meta;
    this.start = 0;
  }
}
