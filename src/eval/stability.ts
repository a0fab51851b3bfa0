// Label stability on generated video: flicker (label changes per 100 frames while the expression
// holds still) and reaction time (frames until the shown label follows a cut to another face).
// Frames are classified once with smoothing off; the raw per-frame results are then replayed
// through the app's FaceTracker with any smoothing settings, which is exactly what
// EmotionPipeline.process does after classifyBoxes.
import type { Box } from '../detection/types';
import { FaceTracker, type SmoothingSettings } from '../tracking/tracker';

/** One frame's raw result for the face under test (null: the detector missed it). */
export interface RawFrame {
  box: Box;
  probs: number[];
}

/** Shown label per frame after smoothing (null when the face was not detected in that frame). */
export function replayLabels(frames: (RawFrame | null)[], labels: string[], smoothing: SmoothingSettings): (string | null)[] {
  const tracker = new FaceTracker(labels, smoothing);
  return frames.map((f) => (f ? tracker.update([f.box], [f.probs])[0].emotion : (tracker.update([], []), null)));
}

/** Changes of the shown label between consecutive frames where the face was seen. */
export function labelChanges(shown: (string | null)[]): number {
  let changes = 0;
  let last: string | null = null;
  for (const l of shown) {
    if (l === null) continue;
    if (last !== null && l !== last) changes++;
    last = l;
  }
  return changes;
}

/** Changes per 100 frames (the first frame has nothing to change from). */
export function flickerPer100(shown: (string | null)[]): number {
  return shown.length > 1 ? (labelChanges(shown) * 100) / (shown.length - 1) : 0;
}

/**
 * Frames after the cut (at index `cut`) until the shown label is `target` and stays so to the end;
 * null if it never settles on it. 0 = right on the first frame after the cut.
 */
export function reactionFrames(shown: (string | null)[], cut: number, target: string): number | null {
  let settled: number | null = null;
  for (let i = cut; i < shown.length; i++) {
    if (shown[i] === target) settled ??= i - cut;
    else if (shown[i] !== null) settled = null;
  }
  return settled;
}

/** Most frequent raw argmax label over the frames where the face was seen. */
export function majorityLabel(frames: (RawFrame | null)[], labels: string[]): string | null {
  const counts = new Map<string, number>();
  for (const f of frames) {
    if (!f) continue;
    let best = 0;
    for (let i = 1; i < f.probs.length; i++) if (f.probs[i] > f.probs[best]) best = i;
    counts.set(labels[best], (counts.get(labels[best]) ?? 0) + 1);
  }
  let top: string | null = null;
  for (const [l, c] of counts) if (top === null || c > (counts.get(top) ?? 0)) top = l;
  return top;
}

/** Small deterministic PRNG (mulberry32) so generated videos are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The shown label every `everyMs` (what a person glancing at the page sees), from per-frame labels
 * at `fps`, starting at frame `from`.
 */
export function sampleLabels(shown: (string | null)[], fps: number, everyMs = 250, from = 0): (string | null)[] {
  const out: (string | null)[] = [];
  for (let t = 0; ; t += everyMs) {
    const i = from + Math.round((t * fps) / 1000);
    if (i >= shown.length) return out;
    out.push(shown[i]);
  }
}

/** Label changes per 100 samples (consecutive seen samples that differ). */
export function changesPer100(samples: (string | null)[]): number {
  const seen = samples.filter((s): s is string => s !== null);
  return seen.length > 1 ? (labelChanges(seen) * 100) / (seen.length - 1) : 0;
}

/**
 * Frames after a cut until the display has forgotten the previous face: from then on, for `minRun`
 * frames (or to the end), it shows what it shows for the new clip played on its own from a fresh
 * start (`alone`, aligned with the frames after the cut). Null if that never happens.
 */
export function reactionToCut(shown: (string | null)[], cut: number, alone: (string | null)[], minRun: number): number | null {
  const n = Math.min(shown.length - cut, alone.length);
  for (let k = 0; k < n; k++) {
    let j = 0;
    while (k + j < n && j < minRun && shown[cut + k + j] === alone[k + j]) j++;
    if (j === minRun || k + j === n) return k;
  }
  return null;
}

/** The label shown most often (null entries ignored). */
export function mostShown(shown: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const l of shown) if (l !== null) counts.set(l, (counts.get(l) ?? 0) + 1);
  let top: string | null = null;
  for (const [l, c] of counts) if (top === null || c > (counts.get(top) ?? 0)) top = l;
  return top;
}
