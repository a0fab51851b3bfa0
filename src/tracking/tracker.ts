// Gives each face a stable id across frames (greedy IoU matching with a centre-distance fallback)
// and smooths its probabilities so the shown label does not flicker. The label and the bars are one
// picture: the published distribution's top class is always the label (see update()).
import { argmax } from '../classify/argmax';
import { iou } from '../crop/crop-box';
import type { Box, Point } from '../detection/types';

export interface SmoothingSettings {
  /**
   * Weight of the newest frame in the moving average at 30 updates per second, 0 < alpha ≤ 1
   * (1 = no smoothing). When update() is given times and updates come slower than that, the weight
   * per update is scaled to the time since the last one (see stepWeight), so the smoothing lasts as
   * long on a slow device as at 30 updates per second.
   */
  alpha: number;
  /** A new label must beat the shown one by this much (probability) before it is shown. */
  hysteresis: number;
  /** Below this top probability the face is shown as "uncertain". */
  uncertainBelow: number;
  /**
   * While another class leads by less than the hysteresis, the label and its bars are held (the
   * last distribution whose top class is the label) for at most this many updates at 30 per second
   * (with times: for as long as that takes, maxHold × 33 ms); then the leader shows anyway. Default HOLD_FRAMES.
   */
  maxHold?: number;
}

/** Default of SmoothingSettings.maxHold: 20 updates, two thirds of a second at 30 fps. */
export const HOLD_FRAMES = 20;

// Chosen with `npm run stability -- --replay FILE --sweep` (160 settings: EMA weight, hysteresis, hold
// cap, uncertain threshold) on the same raw frames of three models (quality balanced, fast, and
// big-Xception alone, what the page ran before quality levels): the real clips (../shared/videos,
// looped forward and backward) and the generated ones. Among the settings whose slowest reaction
// after a cut between real clips stays ≤ 0.5 s and whose generated-clip flicker and reaction are no
// worse than before, the fewest label changes on held expressions: mean of the three models 8.1 per
// 100 samples at 250 ms (was 8.7 with uncertain below 0.25 and hold 10); the lower threshold stops
// "uncertain" blinking in and out on big-Xception's soft readings, the longer hold halves the
// generated-clip flicker of `fast`. The remaining changes are the models' readings drifting (README).
export const DEFAULT_SMOOTHING: SmoothingSettings = { alpha: 0.25, hysteresis: 0.15, uncertainBelow: 0.2, maxHold: HOLD_FRAMES };

export const UNCERTAIN = 'uncertain';

export interface TrackedFace {
  id: number;
  box: Box;
  /** Shown (smoothed) probabilities, in the model's label order: their top class is the label. */
  probs: number[];
  /** Shown label: the top class of `probs`, or "uncertain" when that is below the threshold. */
  emotion: string;
  /** probs' top probability. */
  score: number;
  /** Frames since this id first appeared. */
  age: number;
}

interface Track {
  id: number;
  box: Box;
  keypoints?: Point[];
  /** Running mean of the raw probabilities. */
  mean: number[];
  /** What is shown: `mean`, or while held, the last `mean` whose top class was the label. */
  probs: number[];
  shown: number; // index of the shown label = argmax(probs)
  held: number; // how long the label has been held against a leader, in reference updates (33 ms each)
  lastMs?: number; // time of the last update, when update() is given times
  uncertain: boolean;
  age: number;
  missed: number;
}

export interface TrackerOptions {
  /** How many frames a face may be missing before its id is dropped. */
  maxMissed: number;
  /** Minimum IoU to match a detection to a track. */
  minIou: number;
  /**
   * Fallback for fast moves with no overlap left: match when the centres are closer than this
   * fraction of the track's box side (and the sizes within 2× of each other).
   */
  maxCentreShift: number;
}

export const DEFAULT_TRACKER_OPTIONS: TrackerOptions = { maxMissed: 5, minIou: 0.2, maxCentreShift: 0.75 };

/** Once uncertain, a face must reach the threshold plus this much before a label is shown again. */
const UNCERTAIN_BAND = 0.05;

export class FaceTracker {
  private tracks: Track[] = [];
  private nextId = 1;

  constructor(
    private readonly labels: string[],
    public smoothing: SmoothingSettings = DEFAULT_SMOOTHING,
    private readonly opts: TrackerOptions = DEFAULT_TRACKER_OPTIONS,
  ) {}

  reset(): void {
    this.tracks = [];
    this.nextId = 1;
  }

  /** Boxes of live tracks (used to follow faces between detector runs). */
  get boxes(): Box[] {
    return this.tracks.filter((t) => t.missed === 0).map((t) => t.box);
  }

  /** Keypoints last seen with each of `boxes` (same order), for crop alignment between detector runs. */
  get keypoints(): (Point[] | undefined)[] {
    return this.tracks.filter((t) => t.missed === 0).map((t) => t.keypoints);
  }

  /**
   * Matches this frame's faces to tracks and returns them in the input order.
   * probs[i] are the raw class probabilities of boxes[i]; null when boxes[i] was not classified on
   * this frame (a crowd classified in turns): its face keeps its smoothed probabilities.
   */
  update(boxes: Box[], probs: (number[] | null)[], keypoints?: (Point[] | undefined)[], nowMs?: number): TrackedFace[] {
    const assigned = new Array<Track | undefined>(boxes.length);
    const free = new Set(this.tracks);
    // Greedy: best-overlapping pairs first, so a person entering never steals a neighbour's id.
    const pairs: { i: number; t: Track; score: number }[] = [];
    boxes.forEach((b, i) => {
      for (const t of this.tracks) {
        const s = iou(b, t.box);
        if (s >= this.opts.minIou) pairs.push({ i, t, score: s });
      }
    });
    pairs.sort((a, b) => b.score - a.score);
    for (const p of pairs) {
      if (assigned[p.i] || !free.has(p.t)) continue;
      assigned[p.i] = p.t;
      free.delete(p.t);
    }
    // Second pass for what is left: nearest centres, for a face that moved further than its width.
    const near: { i: number; t: Track; d: number }[] = [];
    boxes.forEach((b, i) => {
      if (assigned[i]) return;
      for (const t of free) {
        const side = Math.max(t.box.width, t.box.height);
        const ratio = Math.max(b.width, b.height) / side;
        const d = Math.hypot(centreX(b) - centreX(t.box), centreY(b) - centreY(t.box)) / side;
        if (d <= this.opts.maxCentreShift && ratio >= 0.5 && ratio <= 2) near.push({ i, t, d });
      }
    });
    near.sort((a, b) => a.d - b.d);
    for (const p of near) {
      if (assigned[p.i] || !free.has(p.t)) continue;
      assigned[p.i] = p.t;
      free.delete(p.t);
    }
    const result: TrackedFace[] = boxes.map((box, i) => {
      let t = assigned[i];
      const p = probs[i];
      if (!t) {
        // Not classified and not followed (should not happen): a flat distribution, shown as uncertain.
        const first = p ? p.slice() : new Array<number>(this.labels.length).fill(1 / this.labels.length);
        t = { id: this.nextId++, box, keypoints: keypoints?.[i], mean: first.slice(), probs: first, shown: argmax(first), held: 0, lastMs: p ? nowMs : undefined, uncertain: false, age: 0, missed: 0 };
        t.uncertain = Math.max(...t.probs) < this.smoothing.uncertainBelow;
        this.tracks.push(t);
      } else {
        t.box = box;
        t.keypoints = keypoints?.[i];
        // No probabilities: not classified this frame (a crowd's turn), the smoothed label stays;
        // the next classification counts the time since the last one.
        if (p) {
          // One reference step (33 ms) per update, or more when updates come slower than 30 a second.
          // Never less: frames processed faster than real time (files, tests, Node) smooth per update.
          const steps = nowMs !== undefined && t.lastMs !== undefined ? Math.max(1, (nowMs - t.lastMs) / REFERENCE_STEP_MS) : 1;
          t.lastMs = nowMs;
          t.mean = ema(t.mean, p, stepWeight(this.smoothing.alpha, steps));
          const next = withHysteresis(t.mean, t.shown, this.smoothing.hysteresis);
          const leader = argmax(t.mean);
          if (next === leader || t.held + steps > (this.smoothing.maxHold ?? HOLD_FRAMES)) {
            t.shown = leader;
            t.probs = t.mean;
            t.held = 0;
          } else t.held += steps; // hold the label together with the bars that put it on top
          t.uncertain = isUncertain(t.probs, t.uncertain, this.smoothing.uncertainBelow);
        }
        t.age++;
        t.missed = 0;
      }
      return this.view(t);
    });
    for (const t of free) t.missed++;
    this.tracks = this.tracks.filter((t) => t.missed <= this.opts.maxMissed);
    return result;
  }

  private view(t: Track): TrackedFace {
    const score = Math.max(...t.probs);
    const emotion = t.uncertain ? UNCERTAIN : this.labels[t.shown];
    return { id: t.id, box: t.box, probs: t.probs.slice(), emotion, score, age: t.age };
  }
}

const centreX = (b: Box) => b.x + b.width / 2;
const centreY = (b: Box) => b.y + b.height / 2;

/** Uncertain below the threshold; once uncertain, stays so until the top probability clears it by a band. */
export function isUncertain(probs: number[], wasUncertain: boolean, threshold: number): boolean {
  const top = Math.max(...probs);
  return wasUncertain ? top < threshold + UNCERTAIN_BAND : top < threshold;
}

/** The update interval the smoothing settings are stated for: 30 updates per second. */
export const REFERENCE_STEP_MS = 1000 / 30;

/**
 * The EMA weight for an update `steps` reference intervals after the last one: what `alpha` per
 * reference step adds up to over that time, 1 − (1 − alpha)^steps (alpha itself for one step).
 */
export function stepWeight(alpha: number, steps: number): number {
  if (alpha >= 1) return 1;
  return 1 - Math.pow(1 - alpha, steps);
}

export function ema(prev: number[], next: number[], alpha: number): number[] {
  if (prev.length !== next.length) return next.slice();
  return prev.map((p, i) => p + alpha * (next[i] - p));
}

/** Keeps the shown label unless another beats it by more than the margin. */
export function withHysteresis(probs: number[], shown: number, margin: number): number {
  const top = argmax(probs);
  if (top === shown || shown >= probs.length) return top;
  return probs[top] > probs[shown] + margin ? top : shown;
}
