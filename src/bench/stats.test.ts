import { describe, expect, it } from 'vitest';
import { percentile, RingBuffer, round, summarize, summarizeLongTasks, type FrameTiming } from './stats';

const frame = (i: number, totalMs: number, extra: Partial<FrameTiming> = {}): FrameTiming => ({
  frame: i,
  endMs: 1000 + i * 50,
  totalMs,
  uploadMs: 0,
  detectMs: 0,
  classifyMs: 0,
  detected: i % 2 === 0,
  faces: 3,
  tensors: 100,
  ...extra,
});

describe('percentile', () => {
  it('interpolates between closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBeCloseTo(9.55);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 100)).toBe(3);
  });
  it('does not reorder its input', () => {
    const v = [3, 1, 2];
    percentile(v, 50);
    expect(v).toEqual([3, 1, 2]);
  });
  it('is NaN for no values and rejects bad p', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], NaN)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('computes p50/p95, fps from frame end times, detect ratio and tensor counts', () => {
    const frames = Array.from({ length: 21 }, (_, i) => frame(i, i + 1, { tensors: i === 20 ? 101 : 100 }));
    const s = summarize(frames);
    expect(s.frames).toBe(21);
    expect(s.p50Ms).toBe(11);
    expect(s.p95Ms).toBe(20);
    expect(s.fps).toBeCloseTo(20); // one frame every 50 ms
    expect(s.detectRatio).toBeCloseTo(11 / 21);
    expect(s.facesPerFrame).toBe(3);
    expect(s.tensorsStart).toBe(100);
    expect(s.tensorsEnd).toBe(101);
  });
  it('gives stage medians, the detector’s over the frames it ran on only', () => {
    const frames = [
      frame(0, 50, { detected: true, detectMs: 20, classifyMs: 25, uploadMs: 6 }),
      frame(1, 30, { detected: false, detectMs: 0, classifyMs: 24, uploadMs: 3 }),
      frame(2, 52, { detected: true, detectMs: 22, classifyMs: 26, uploadMs: 6 }),
      frame(3, 31, { detected: false, detectMs: 0, classifyMs: 27, uploadMs: 4 }),
    ];
    const s = summarize(frames);
    expect(s.detectP50Ms).toBe(21);
    expect(s.classifyP50Ms).toBe(25.5);
    expect(s.uploadP50Ms).toBe(5);
    expect(Number.isNaN(summarize([frame(1, 30, { detected: false })]).detectP50Ms)).toBe(true);
  });

  it('refuses an empty run', () => {
    expect(() => summarize([])).toThrow();
  });
});

describe('RingBuffer', () => {
  it('keeps the newest items, oldest first', () => {
    const r = new RingBuffer<number>(3);
    for (const i of [1, 2]) r.push(i);
    expect(r.toArray()).toEqual([1, 2]);
    for (const i of [3, 4, 5]) r.push(i);
    expect(r.toArray()).toEqual([3, 4, 5]);
    r.push(6);
    expect(r.toArray()).toEqual([4, 5, 6]);
    r.clear();
    expect(r.toArray()).toEqual([]);
  });
  it('needs a capacity', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});

describe('round', () => {
  it('rounds to the given digits', () => {
    expect(round(12.345)).toBe(12.3);
    expect(round(12.345, 0)).toBe(12);
    expect(round(0.12345, 3)).toBe(0.123);
  });
});

describe('summarizeLongTasks', () => {
  it('counts the long tasks of the measured window only, with the longest and those over 100 ms', () => {
    const tasks = [[100, 900], [2_000, 60], [3_000, 120], [30_000, 75], [70_000, 400]] as const;
    expect(summarizeLongTasks(tasks, 1_000, 61_000)).toEqual({ count: 3, longestMs: 120, over100: 1, perMinute: 3 });
    expect(summarizeLongTasks([], 0, 1000)).toEqual({ count: 0, longestMs: 0, over100: 0, perMinute: 0 });
  });
});
