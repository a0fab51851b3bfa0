import { describe, expect, it } from 'vitest';
import { SampleWindow } from './sample-window';

describe('SampleWindow', () => {
  it('keeps the last N samples: median and a mean without the slowest tenth', () => {
    const w = new SampleWindow(10);
    expect(w.median()).toBeNaN();
    for (const x of [100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) w.push(x); // 100 has left the window
    expect(w.count).toBe(10);
    expect(w.median()).toBe(5.5);
    w.push(500); // one slow frame: the median barely moves, the trimmed mean leaves it out
    expect(w.median()).toBe(6.5);
    expect(w.trimmedMean()).toBeCloseTo((3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 2) / 9, 10);
  });
});
