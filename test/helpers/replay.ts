import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ScreenSnapshot } from '../../src/model/screen.js';
import { HeadlessTerminal } from '../../src/session/terminal.js';

export const FIXTURES = resolve(import.meta.dirname, '..', 'fixtures');

/** Writes chunks into a real headless xterm, awaiting each write, and returns its snapshot. */
export async function replay(chunks: readonly (string | Uint8Array)[], cols = 120, rows = 40): Promise<{ term: HeadlessTerminal; snap: ScreenSnapshot }> {
  const term = new HeadlessTerminal(cols, rows, 1000);
  for (const c of chunks) await new Promise<void>((r) => term.write(c, r));
  return { term, snap: term.snapshot() };
}

/** A `capture-pane -e` screen (lines of text with SGR) as the bytes a terminal would receive. */
export function captureBytes(agent: string, version: string, name: string): string {
  return readFileSync(join(FIXTURES, agent, version, name), 'utf8')
    .replace(/\n$/, '')
    .replace(/\n/g, '\r\n');
}

export interface RecordedChunk {
  t: number;
  d?: string;
  resize?: [number, number];
}

/** A `--record` file: its header and timed chunks. */
export function readRecording(agent: string, version: string, name = 'session.jsonl'): { header: { cols: number; rows: number }; chunks: RecordedChunk[] } {
  const [head, ...rest] = readFileSync(join(FIXTURES, agent, version, name), 'utf8')
    .trim()
    .split('\n');
  return { header: JSON.parse(head!), chunks: rest.map((l) => JSON.parse(l) as RecordedChunk) };
}
