// "auto" quality: the richest level whose classification time, for the faces in view now, keeps a
// frame within the camera's frame interval. Pure (no tfjs, no clock): the engine feeds it the
// timings of every processed frame and asks it for a decision when the face count changes.
import type { QualityLevel } from './levels';
import { SampleWindow } from './sample-window';

export interface AutoDecision {
  level: string;
  /** Plain words for the page, e.g. "2 faces: balanced takes about 21 ms of a 33 ms frame". */
  reason: string;
  /** Expected classification time of the chosen level at this face count, ms. */
  expectedMs: number;
}

/**
 * Frames each estimate looks back over. Classification times are medians (a few slow frames from
 * another program or garbage collection do not move them); the rest of the frame is a mean without
 * the slowest tenth, so the detector (every 4th frame) counts as its average share, not as a spike.
 */
const WINDOW = 40;
/**
 * Decisions at one face count before the next richer level is tried again (its measurement may
 * come from a busy moment); doubled each time it turns out too slow, up to MAX_RETRY.
 */
const RETRY = 150;
const MAX_RETRY = 2400;
/** Keep this share of the frame interval free (rendering, the browser, timing noise). */
const HEADROOM = 0.85;

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

export class AutoQuality {
  /** Measured classification ms per `${level}|${faces}`. */
  private readonly measured = new Map<string, SampleWindow>();
  /** Measured / prior over all measurements: how fast this device is. */
  private readonly speeds = new SampleWindow(WINDOW);
  /** The rest of a frame (upload, detector share), ms. */
  private readonly others = new SampleWindow(WINDOW);
  private lastFaces = -1;
  private current: AutoDecision | null = null;
  private sinceChange = 0;
  private retryAfter = RETRY;
  /** The standing level is a retry of a level that was too slow before. */
  private retrying = false;

  /**
   * `levels` lightest first, as in models/index.json; `start` (index.json defaults.autoStart) is
   * the level used until a first frame has been timed on this device (and what offline scoring,
   * `npm run eval`, measures for auto). Without it, the priors decide from the start.
   */
  constructor(
    private readonly levels: readonly QualityLevel[],
    private readonly start?: string,
  ) {
    if (levels.length === 0) throw new Error('auto quality needs at least one level');
    if (start !== undefined && !levels.some((l) => l.id === start)) throw new Error(`auto start level "${start}" is not a quality level`);
  }

  /** Records one processed frame: its level, face count, classification and total time. */
  record(level: string, faces: number, classifyMs: number, totalMs: number): void {
    if (faces > 0) {
      const key = `${level}|${faces}`;
      let m = this.measured.get(key);
      if (!m) this.measured.set(key, (m = new SampleWindow(WINDOW)));
      m.push(classifyMs);
      const l = this.levels.find((x) => x.id === level);
      if (l) this.speeds.push(classifyMs / prior(l, faces));
    }
    this.others.push(Math.max(0, totalMs - classifyMs));
  }

  private get speed(): number | null {
    return this.speeds.count ? this.speeds.median() : null;
  }

  private get otherMs(): number {
    return this.others.count ? this.others.trimmedMean() : 0;
  }

  /** Expected classification ms of a level for n faces: measured if seen, else the prior scaled by the device's speed. */
  estimate(level: QualityLevel, faces: number): number {
    if (faces === 0) return 0;
    return this.measured.get(`${level.id}|${faces}`)?.median() ?? prior(level, faces) * (this.speed ?? 1);
  }

  /**
   * The decision for this frame: recomputed when the face count changed since the last call (or
   * on the first call); otherwise the standing one, unless its measured time no longer fits, which
   * moves down to a lighter level. At the same face count it only moves up after a while (RETRY
   * decisions, doubled each time the richer level turns out too slow), so the level does not flicker
   * and a busy moment does not keep it low for good.
   */
  decide(faces: number, frameIntervalMs: number): AutoDecision {
    if (this.speed === null && this.start !== undefined) {
      return { level: this.start, reason: `starting with ${this.start} until this device's speed is measured`, expectedMs: 0 };
    }
    const estimate = (l: QualityLevel) => this.estimate(l, faces);
    if (this.current && faces === this.lastFaces) {
      const i = this.levels.findIndex((l) => l.id === this.current!.level);
      if (i > 0 && this.measured.has(`${this.current.level}|${faces}`) && !fits(estimate(this.levels[i]), frameIntervalMs, this.otherMs)) {
        const d = chooseLevel(this.levels.slice(0, i), faces, frameIntervalMs, this.otherMs, estimate);
        this.current = { ...d, reason: `${d.reason}; ${this.levels[i].id} took ${Math.round(estimate(this.levels[i]))} ms` };
        this.sinceChange = 0;
        // A retried level that is still too slow waits twice as long before the next try.
        this.retryAfter = this.retrying ? Math.min(MAX_RETRY, this.retryAfter * 2) : RETRY;
        this.retrying = false;
        return this.current;
      }
      if (++this.sinceChange >= this.retryAfter && i < this.levels.length - 1) return this.retryRicher(this.levels[i + 1], faces, frameIntervalMs);
      return this.current;
    }
    this.lastFaces = faces;
    this.sinceChange = 0;
    this.retryAfter = RETRY;
    this.retrying = false;
    this.current = chooseLevel(this.levels, faces, frameIntervalMs, this.otherMs, estimate);
    return this.current;
  }

  /** Tries the next richer level again if its prior, at this device's speed, fits (its old measurement is dropped). */
  private retryRicher(next: QualityLevel, faces: number, frameIntervalMs: number): AutoDecision {
    this.sinceChange = 0;
    const e = prior(next, faces) * (this.speed ?? 1);
    if (!fits(e, frameIntervalMs, this.otherMs)) return this.current!;
    this.measured.delete(`${next.id}|${faces}`);
    this.retrying = true;
    this.current = { level: next.id, reason: `${plural(faces, 'face')}: trying ${next.id} again, expected about ${Math.round(e)} ms`, expectedMs: e };
    return this.current;
  }
}

const budgetOf = (frameIntervalMs: number, otherMs: number) => frameIntervalMs * HEADROOM - otherMs;
const fits = (ms: number, frameIntervalMs: number, otherMs: number) => ms <= budgetOf(frameIntervalMs, otherMs);

function prior(level: QualityLevel, faces: number): number {
  return level.cost.ms + level.cost.msPerFace * faces;
}

/**
 * Pure choice: the richest level (levels are lightest first) with otherMs + estimate ≤ the usable
 * share of the frame interval; the lightest level when none fits. With no face, the richest level
 * (nothing to classify, and the first face then gets the best reading the device allows).
 */
export function chooseLevel(
  levels: readonly QualityLevel[],
  faces: number,
  frameIntervalMs: number,
  otherMs: number,
  estimate: (level: QualityLevel) => number,
): AutoDecision {
  const ms = (v: number) => `${Math.round(v)} ms`;
  // The rest of the frame (upload, the detector's share) counts against the budget: say so when it matters.
  const frame = otherMs >= 1 ? `${ms(frameIntervalMs)} frame (the rest of the frame takes ${ms(otherMs)})` : `${ms(frameIntervalMs)} frame`;
  const richest = levels[levels.length - 1];
  if (faces === 0) return { level: richest.id, reason: `no face in view: ${richest.id} is ready for the first one`, expectedMs: 0 };
  for (let i = levels.length - 1; i >= 0; i--) {
    const e = estimate(levels[i]);
    if (fits(e, frameIntervalMs, otherMs)) {
      const next = levels[i + 1];
      const why = next ? `; ${next.id} would take ${ms(estimate(next))}` : '';
      return {
        level: levels[i].id,
        reason: `${plural(faces, 'face')}: ${levels[i].id} takes about ${ms(e)} of a ${frame}${why}`,
        expectedMs: e,
      };
    }
  }
  const e = estimate(levels[0]);
  return {
    level: levels[0].id,
    reason: `${plural(faces, 'face')}: even ${levels[0].id} takes about ${ms(e)}, more than a ${frame} leaves for it`,
    expectedMs: e,
  };
}
