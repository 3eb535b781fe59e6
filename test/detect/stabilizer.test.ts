import { describe, expect, it } from 'vitest';
import { Stabilizer } from '../../src/detect/stabilizer.js';
import type { Detection } from '../../src/model/screen.js';

const det = (state: Detection['state'], progressKey = 'p'): Detection => ({ state, reason: `test ${state}`, progressKey });
const opts = { settleMs: 500, stallAfterMs: 180_000 };

describe('Stabilizer', () => {
  it('starts in starting and ignores unknown screens', () => {
    const s = new Stabilizer(opts, 0);
    expect(s.current.state).toBe('starting');
    expect(s.observe(det('unknown'), 10)).toBeNull();
    expect(s.current.state).toBe('starting');
  });

  it('takes work and prompts at once', () => {
    const s = new Stabilizer(opts, 0);
    expect(s.observe(det('working'), 100)?.state).toBe('working');
    expect(s.observe(det('approval'), 150)).toMatchObject({ state: 'approval', since: 150 });
  });

  it('needs idle to hold for settleMs after work', () => {
    const s = new Stabilizer(opts, 0);
    s.observe(det('working'), 0);
    expect(s.observe(det('idle'), 1000)).toBeNull();
    expect(s.nextDeadline()).toBe(1500);
    expect(s.tick(1499)).toBeNull();
    expect(s.tick(1500)).toMatchObject({ state: 'idle', since: 1500 });
  });

  it('a spinner that comes back within the settle time keeps it working', () => {
    const s = new Stabilizer(opts, 0);
    s.observe(det('working'), 0);
    s.observe(det('idle'), 1000);
    s.observe(det('working', 'q'), 1200);
    expect(s.tick(2000)).toBeNull();
    expect(s.current.state).toBe('working');
  });

  it('goes idle at once from approval (the user said no)', () => {
    const s = new Stabilizer(opts, 0);
    s.observe(det('approval'), 0);
    expect(s.observe(det('idle'), 10)?.state).toBe('idle');
  });

  it('is stalled when working without progress for stallAfter, and recovers on progress', () => {
    const s = new Stabilizer(opts, 0);
    s.observe(det('working', 'a'), 0);
    s.observe(det('working', 'a'), 100_000); // spinner ticked: same progress key
    expect(s.nextDeadline()).toBe(180_000);
    expect(s.tick(179_999)).toBeNull();
    expect(s.tick(180_000)).toMatchObject({ state: 'stalled', reason: 'no progress for 3m' });
    expect(s.observe(det('working', 'a'), 190_000)).toBeNull();
    expect(s.observe(det('working', 'b'), 200_000)).toMatchObject({ state: 'working', since: 200_000 });
  });

  it('shell agents: output is work, quiet is idle', () => {
    const s = new Stabilizer({ ...opts, quietIdleMs: 2000 }, 0);
    expect(s.observe(det('unknown', 'x'), 100)?.state).toBe('working');
    expect(s.nextDeadline()).toBe(2100);
    expect(s.tick(2100)).toMatchObject({ state: 'idle', reason: 'quiet for 2s' });
  });

  it('exited is final', () => {
    const s = new Stabilizer(opts, 0);
    s.observe(det('working'), 0);
    expect(s.exit('process exited with code 0', 5)?.state).toBe('exited');
    expect(s.observe(det('approval'), 6)).toBeNull();
    expect(s.tick(1e9)).toBeNull();
  });
});

describe('Stabilizer with hook signals', () => {
  it('a hook counts at once and the screen cannot contradict it for a moment', () => {
    const s = new Stabilizer(opts, 0);
    s.observe(det('working'), 0);
    expect(s.signal('idle', 'hook: Stop', 100)).toMatchObject({ state: 'idle', reason: 'hook: Stop' });
    expect(s.observe(det('working', 'stale spinner frame'), 150)).toBeNull();
    expect(s.current.state).toBe('idle');
  });

  it('a screen contradicted during the hold is looked at again when the hold ends', () => {
    const s = new Stabilizer(opts, 0);
    s.signal('approval', 'hook: PermissionRequest', 0);
    expect(s.observe(det('idle'), 200)).toBeNull(); // the user pressed Esc right away
    expect(s.nextDeadline()).toBe(1500);
    expect(s.tick(1500)).toMatchObject({ state: 'idle' });
  });

  it('a working hook that arrives after the idle screen was drawn does not hold the agent in working', () => {
    const s = new Stabilizer(opts, 0);
    s.observe(det('working'), 0);
    s.observe(det('idle'), 100);
    expect(s.tick(600)).toMatchObject({ state: 'idle' });
    // The PostToolUse hook of the turn that just ended, late; the idle screen does not change again.
    expect(s.signal('working', 'hook: PostToolUse', 700)).toMatchObject({ state: 'working' });
    expect(s.nextDeadline()).toBe(2200);
    expect(s.tick(2200)).toBeNull(); // idle again once it has held for settleMs
    expect(s.nextDeadline()).toBe(2700);
    expect(s.tick(2700)).toMatchObject({ state: 'idle' });
  });

  it('a working hook while the screen already shows work holds as before', () => {
    const s = new Stabilizer(opts, 0);
    s.observe(det('working'), 0);
    s.signal('working', 'hook: PreToolUse', 100);
    expect(s.nextDeadline()).toBe(180_100);
  });

  it('keeps the screen’s prompt (with options) when the hook repeats the approval', () => {
    const s = new Stabilizer(opts, 0);
    const prompt = { kind: 'permission' as const, question: 'Do you want to proceed?', options: [{ label: 'Yes', keys: ['1'] }], selected: 0 };
    s.observe({ ...det('approval'), prompt }, 0);
    s.signal('approval', 'hook: Notification', 10, { ...prompt, options: [] });
    expect(s.current.prompt?.options).toHaveLength(1);
  });
});

describe('quiet-idle agents learn their rhythm (issue 12.6)', () => {
  it('an agent printing every 4 s flips to idle at most once, then stays working; real quiet still ends in idle', () => {
    const s = new Stabilizer({ settleMs: 500, stallAfterMs: 180_000, quietIdleMs: 3000 }, 0);
    const out = (n: number): Detection => ({ state: 'unknown', reason: 'screen: output', progressKey: `line ${n}` });
    const states: string[] = [];
    const run = (until: number, every: number, from: number) => {
      let next = from;
      for (let t = from; t <= until; t += 100) {
        if (t === next) {
          const c = s.observe(out(t), t);
          if (c) states.push(c.state);
          next += every;
        }
        const c = s.tick(t);
        if (c) states.push(c.state);
      }
    };
    run(60_000, 4000, 0);
    expect(states.filter((x) => x === 'idle').length).toBeLessThanOrEqual(1);
    expect(s.current.state).toBe('working');
    // It stops printing: idle after twice its rhythm.
    for (let t = 60_100; t <= 70_000; t += 100) s.tick(t);
    expect(s.current.state).toBe('idle');
    expect(s.current.reason).toBe('quiet for 8s');
  });
});
