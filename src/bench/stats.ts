// Pure statistics for `npm run bench`: percentiles and the per-run summary of frame timings.

import type { FrameTiming } from '../app/timing-log';

// The page records these (src/app/timing-log.ts); the bench reads them.
export { RingBuffer, type FrameTiming } from '../app/timing-log';

/**
 * Percentile by linear interpolation between closest ranks (the "R-7"/NumPy default), so the
 * p50 of an even-sized sample is the mean of the two middle values. p in [0, 100].
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${p}`);
  const s = [...values].sort((a, b) => a - b);
  const pos = ((s.length - 1) * p) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export interface RunSummary {
  frames: number;
  facesPerFrame: number;
  p50Ms: number;
  p95Ms: number;
  fps: number;
  detectRatio: number;
  tensorsStart: number;
  tensorsEnd: number;
  /** Median time to get the camera's pixels into tensors (frame upload, or canvas crops of the faces). */
  uploadP50Ms: number;
  /** Median classifier time (crop + CNN + readback) over all frames. */
  classifyP50Ms: number;
  /** Median detector time over the frames where the detector ran (NaN if it never ran). */
  detectP50Ms: number;
}

/**
 * Summarises measured frames (warm-up already removed). fps counts frames completed per second
 * between the end of the first and the last measured frame.
 */
export function summarize(frames: readonly FrameTiming[]): RunSummary {
  if (frames.length === 0) throw new Error('no frames to summarise');
  const totals = frames.map((f) => f.totalMs);
  const span = frames[frames.length - 1].endMs - frames[0].endMs;
  return {
    frames: frames.length,
    facesPerFrame: frames.reduce((a, f) => a + f.faces, 0) / frames.length,
    p50Ms: percentile(totals, 50),
    p95Ms: percentile(totals, 95),
    fps: span > 0 ? ((frames.length - 1) * 1000) / span : 0,
    detectRatio: frames.filter((f) => f.detected).length / frames.length,
    tensorsStart: frames[0].tensors,
    tensorsEnd: frames[frames.length - 1].tensors,
    uploadP50Ms: percentile(frames.map((f) => f.uploadMs), 50),
    classifyP50Ms: percentile(frames.map((f) => f.classifyMs), 50),
    detectP50Ms: percentile(frames.filter((f) => f.detected).map((f) => f.detectMs), 50),
  };
}

/** Rounds for the JSON line: 0.1 ms resolution is all performance.now() gives across origins anyway. */
export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A main-thread long task as PerformanceObserver('longtask') reports it: [startTime, duration] in ms. */
export type LongTask = readonly [start: number, duration: number];

export interface LongTaskSummary {
  count: number;
  longestMs: number;
  /** Tasks over 100 ms: a click waits that long for an answer. */
  over100: number;
  perMinute: number;
}

/** The long tasks that started within [fromMs, toMs] (the measured frames; start-up excluded). */
export function summarizeLongTasks(tasks: readonly LongTask[], fromMs: number, toMs: number): LongTaskSummary {
  const inside = tasks.filter(([start]) => start >= fromMs && start <= toMs);
  const minutes = Math.max(toMs - fromMs, 1) / 60_000;
  return {
    count: inside.length,
    longestMs: inside.reduce((m, [, d]) => Math.max(m, d), 0),
    over100: inside.filter(([, d]) => d > 100).length,
    perMinute: inside.length / minutes,
  };
}
