import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/config/types.js';
import type { AgentSpec } from '../../src/model/agent.js';
import { SessionManager, type FrameInfo } from '../../src/session/manager.js';
import { fakePtys } from '../helpers/fake-pty.js';

const spec = (name: string): AgentSpec => ({ name, argv: ['/bin/sh'], cwd: '/', env: {}, kind: 'shell' });

afterEach(() => vi.useRealTimers());

describe('the manager coalesces screen changes into frames (clock and timers handed in)', () => {
  it('many chunks from several agents make at most one frame per frame time, naming the screens that changed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] });
    const { spawn, emit } = fakePtys();
    const manager = new SessionManager([spec('a'), spec('b'), spec('c')], { settings: DEFAULT_SETTINGS, runDir: null, spawn, frameMs: 33, now: () => Date.now() });
    const frames: FrameInfo[] = [];
    manager.onChange((f) => frames.push(f));
    manager.startAll(() => ({ cols: 40, rows: 10 }));
    await vi.advanceTimersByTimeAsync(100);
    frames.length = 0;

    // After a quiet time the first change is shown at once; what follows within the frame time
    // waits for the next frame, all of it in one.
    emit('a', 'first\r\n');
    await vi.advanceTimersByTimeAsync(1);
    expect(frames.map((f) => [...f.screens])).toEqual([['a']]);
    for (let i = 0; i < 20; i++) {
      emit('a', `line ${i}\r\n`);
      emit('b', `other ${i}\r\n`);
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(frames).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(frames).toHaveLength(2);
    expect([...frames[1]!.screens].sort()).toEqual(['a', 'b']);
    expect(manager.session('a')!.snapshot().lines).toContain('line 19');

    // Nothing new: no frame at all.
    await vi.advanceTimersByTimeAsync(200);
    expect(frames).toHaveLength(2);
    await manager.dispose(0);
  });

  it('the agent being typed into is shown within a few milliseconds, not at the next frame', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] });
    const { spawn, emit } = fakePtys();
    const manager = new SessionManager([spec('a'), spec('b')], { settings: DEFAULT_SETTINGS, runDir: null, spawn, frameMs: 33, now: () => Date.now() });
    const frames: FrameInfo[] = [];
    manager.onChange((f) => frames.push(f));
    manager.startAll(() => ({ cols: 40, rows: 10 }));
    await vi.advanceTimersByTimeAsync(100);
    frames.length = 0;
    manager.setPriority('a');
    emit('a', 'x');
    await vi.advanceTimersByTimeAsync(6);
    expect(frames.map((f) => [...f.screens])).toEqual([['a']]);
    // The others' frames keep their own pace: after a quiet time at once, then once per frame time.
    emit('b', 'y');
    await vi.advanceTimersByTimeAsync(1);
    expect(frames.map((f) => [...f.screens])).toEqual([['a'], ['b']]);
    emit('b', 'z');
    emit('a', 'x');
    await vi.advanceTimersByTimeAsync(6);
    // The typed-into agent does not wait for the frame time, nor does its frame read b's screen.
    expect(frames.map((f) => [...f.screens])).toEqual([['a'], ['b'], ['a']]);
    await vi.advanceTimersByTimeAsync(40);
    expect(frames.map((f) => [...f.screens])).toEqual([['a'], ['b'], ['a'], ['b']]);
    await manager.dispose(0);
  });

  it('a frame names every changed screen but reads them for its budget only; the rest go first next time, so none starves', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] });
    const { spawn, emit } = fakePtys();
    const names = Array.from({ length: 10 }, (_, i) => `a${i}`);
    // Every look at the busy clock takes 1 ms: a 4 ms budget reads 3 screens.
    let busy = 0;
    const manager = new SessionManager(names.map(spec), { settings: DEFAULT_SETTINGS, runDir: null, spawn, frameMs: 33, now: () => Date.now(), busyClock: () => busy++ });
    const frames: string[][] = [];
    // Which agents' screens detection has read: each asks a question, so those are `approval`.
    const read: string[][] = [];
    manager.onChange((f) => {
      frames.push([...f.screens]);
      read.push(manager.statuses.filter((s) => s.state === 'approval').map((s) => s.name));
    });
    manager.startAll(() => ({ cols: 40, rows: 10 }));
    await vi.advanceTimersByTimeAsync(300);
    expect(manager.statuses.some((s) => s.state === 'approval')).toBe(false);
    frames.length = 0;
    read.length = 0;
    for (const n of names) emit(n, 'go on? [y/n] ');
    await vi.advanceTimersByTimeAsync(1);
    // The painter hears of every changed screen at once; detection reads three.
    expect(frames).toEqual([names]);
    expect(read[0]).toEqual(['a0', 'a1', 'a2']);
    // The first ones print again: the ones left over still come first.
    for (const n of names.slice(0, 3)) emit(n, '\r\nreally? [y/n] ');
    await vi.advanceTimersByTimeAsync(34);
    expect(frames[1]).toEqual(['a0', 'a1', 'a2']);
    expect(read[1]).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
    await vi.advanceTimersByTimeAsync(34);
    expect(read[2]).toEqual(names.slice(0, 9));
    await vi.advanceTimersByTimeAsync(34);
    expect(read[3]).toEqual(names);
    // Nothing changed since: later frames (the time rules') name no screen.
    await vi.advanceTimersByTimeAsync(200);
    expect(frames.slice(4).every((f) => f.length === 0)).toBe(true);
    await manager.dispose(0);
  });
});
