import { describe, expect, it } from 'vitest';
import { FrameStats } from './frame-stats';

describe('FrameStats', () => {
  it('computes fps and median latency over the window', () => {
    const s = new FrameStats(1000);
    [0, 100, 200, 300, 400].forEach((t, i) => s.add(t, [10, 30, 20, 50, 40][i]));
    expect(s.fps).toBeCloseTo(10, 6);
    expect(s.medianLatency).toBe(30);
  });

  it('forgets frames older than the window', () => {
    const s = new FrameStats(1000);
    s.add(0, 1000);
    s.add(1500, 10);
    s.add(1600, 20);
    expect(s.medianLatency).toBe(15);
    expect(s.fps).toBeCloseTo(10, 6);
  });

  it('is zero with too few frames', () => {
    const s = new FrameStats();
    expect(s.fps).toBe(0);
    expect(s.medianLatency).toBe(0);
  });
});
