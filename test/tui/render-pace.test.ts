import { describe, expect, it } from 'vitest';
import { RenderPace } from '../../src/tui/render-pace.js';

describe('redraws for state changes are paced by what they cost', () => {
  it('after a 50 ms render the next waits until 100 ms after it; a 2 ms render makes a 4 ms wait', () => {
    const pace = new RenderPace();
    expect(pace.delay(0)).toBe(0);
    pace.begin(1000);
    pace.end(1050);
    expect(pace.delay(1050)).toBe(100);
    expect(pace.delay(1120)).toBe(30);
    expect(pace.delay(1150)).toBe(0);
    pace.begin(1150);
    pace.end(1152);
    expect(pace.delay(1152)).toBe(4);
    expect(pace.delay(1200)).toBe(0);
  });

  it('a render is measured from where it began, however many times it was asked for', () => {
    const pace = new RenderPace();
    pace.begin(0);
    pace.begin(30);
    pace.end(40);
    expect(pace.delay(40)).toBe(80);
    // An end with no render begun changes nothing.
    pace.end(500);
    expect(pace.delay(40)).toBe(80);
  });
});
