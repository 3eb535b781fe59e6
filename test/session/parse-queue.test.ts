import { describe, expect, it } from 'vitest';
import { ParseQueue, SLICE } from '../../src/session/parse-queue.js';

/** A feed that records what it parsed, costing `msPerChar` on the queue's clock. */
function feeds(names: string[], clock: { t: number }, msPerChar = 0) {
  const log: string[] = [];
  const made = names.map((name) => {
    const f = {
      name,
      parsed: '',
      paused: false,
      parse(text: string) {
        f.parsed += text;
        log.push(`${name}:${text.length}`);
        clock.t += text.length * msPerChar;
      },
      pause() {
        f.paused = true;
      },
      resume() {
        f.paused = false;
      },
    };
    return f;
  });
  return { made, log };
}

/** A queue whose turns run when the test says (turn()), on a clock the feeds advance. */
function queue(budgetMs = 4, highWater = 1000) {
  const clock = { t: 0 };
  const turns: (() => void)[] = [];
  const q = new ParseQueue({ budgetMs, highWater, clock: () => clock.t, defer: (turn) => (turns.push(turn), { cancel: () => turns.splice(turns.indexOf(turn), 1) }) });
  const turn = () => turns.shift()?.();
  return { q, clock, turn, pending: () => turns.length };
}

describe('the parse queue', () => {
  it('parses the agent being typed into at once, after what it had waiting; the others wait for a turn', () => {
    const { q, clock, turn } = queue();
    const {
      made: [a, b],
    } = feeds(['a', 'b'], clock);
    q.push(a!, 'a1');
    q.push(b!, 'b1');
    expect(a!.parsed + b!.parsed).toBe('');
    q.setPriority(a!);
    expect(a!.parsed).toBe('a1');
    q.push(a!, 'a2');
    q.push(b!, 'b2');
    expect(a!.parsed).toBe('a1a2');
    expect(b!.parsed).toBe('');
    turn();
    expect(b!.parsed).toBe('b1b2');
  });

  it('a turn stops at its budget, and the agents it did not reach go first next turn', () => {
    const { q, clock, turn, pending } = queue(4);
    // 1 ms per 1,000 characters: each agent's slice of 2,000 costs 2 ms.
    const { made, log } = feeds(['a', 'b', 'c', 'd'], clock, 0.001);
    for (const f of made) q.push(f, 'x'.repeat(2000));
    turn();
    expect(log).toEqual(['a:2000', 'b:2000']);
    expect(pending()).toBe(1);
    turn();
    expect(log).toEqual(['a:2000', 'b:2000', 'c:2000', 'd:2000']);
    expect(pending()).toBe(0);
  });

  it('an agent with a lot waiting is parsed a slice at a time, taking turns with the others', () => {
    const { q, clock, turn } = queue(1000);
    const {
      made: [a, b],
      log,
    } = feeds(['a', 'b'], clock);
    q.push(a!, 'x'.repeat(SLICE * 2 + 10));
    q.push(b!, 'y'.repeat(10));
    turn();
    expect(log).toEqual([`a:${SLICE}`, 'b:10', `a:${SLICE}`, 'a:10']);
    expect(a!.parsed).toBe('x'.repeat(SLICE * 2 + 10));
  });

  it('pauses an agent whose output waits past the high-water mark and resumes it once a quarter is left; nothing is lost', () => {
    const { q, clock, turn } = queue(1000, 1000);
    const {
      made: [a],
    } = feeds(['a'], clock);
    let sent = '';
    for (let i = 0; i < 30; i++) {
      const chunk = `${i}:`.padEnd(100, '.');
      sent += chunk;
      q.push(a!, chunk);
    }
    expect(a!.paused).toBe(true);
    expect(q.queued(a!)).toBe(3000);
    turn();
    expect(a!.paused).toBe(false);
    expect(q.queued(a!)).toBe(0);
    expect(a!.parsed).toBe(sent);
  });

  it('drain parses what waits now and lets a paused agent go on', () => {
    const { q, clock } = queue(4, 100);
    const {
      made: [a],
    } = feeds(['a'], clock);
    q.push(a!, 'z'.repeat(150));
    expect(a!.paused).toBe(true);
    q.drain(a!);
    expect(a!.parsed).toBe('z'.repeat(150));
    expect(a!.paused).toBe(false);
    expect(q.queued(a!)).toBe(0);
  });

  it('never cuts a character made of two UTF-16 units in half', () => {
    const { q, clock, turn } = queue(1000, 10 * SLICE);
    const {
      made: [a],
      log,
    } = feeds(['a'], clock);
    const text = `${'x'.repeat(SLICE - 1)}🙂tail`;
    q.push(a!, text);
    turn();
    expect(log[0]).toBe(`a:${SLICE - 1}`);
    expect(a!.parsed).toBe(text);
  });

  it('forgets an agent that is gone: its waiting output and its priority', () => {
    const { q, clock, turn } = queue();
    const {
      made: [a, b],
    } = feeds(['a', 'b'], clock);
    q.setPriority(a!);
    q.forget(a!);
    q.push(a!, 'late');
    expect(a!.parsed).toBe('');
    q.push(b!, 'b');
    q.forget(b!);
    turn();
    expect(b!.parsed).toBe('');
  });
});
