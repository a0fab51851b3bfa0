// Class mood: how many faces show each emotion, live and per second over the session.
// Plain TypeScript (no DOM) so it is unit-tested and shared by the panel, the chart and the export.

/** The tracker's label for faces whose emotion is not clear; counted as its own category. */
export const UNCERTAIN = 'uncertain';

/** One second of the session. Values are means over the frames processed in that second. */
export interface MoodBucket {
  /** Start of the second, epoch ms. */
  t: number;
  frames: number;
  /** Mean number of faces per frame. */
  faces: number;
  /** Mean number of faces per frame showing each category (model labels, then "uncertain"). */
  counts: Record<string, number>;
}

export interface MoodSnapshot {
  faces: number;
  counts: Record<string, number>;
}

interface OpenBucket {
  second: number;
  frames: number;
  faces: number;
  counts: number[];
}

export class MoodAggregator {
  private cats: string[];
  private closed: MoodBucket[] = [];
  private open: OpenBucket | null = null;
  private last: MoodSnapshot;
  private isPaused = false;

  /** maxSeconds bounds memory on a day-long session: the oldest seconds are dropped. */
  constructor(labels: readonly string[], private readonly maxSeconds = 4 * 3600) {
    this.cats = [...labels, UNCERTAIN];
    this.last = this.empty();
  }

  get categories(): readonly string[] {
    return this.cats;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  /** A different model may have other labels: the session restarts so columns stay consistent. */
  setLabels(labels: readonly string[]): void {
    const next = [...labels, UNCERTAIN];
    if (next.join('\n') === this.cats.join('\n')) return;
    this.cats = next;
    this.reset();
  }

  /**
   * Records one processed frame's shown emotions. Returns the bucket that this frame closed (the
   * previous second), if any. Unknown labels count as uncertain rather than being dropped.
   */
  add(nowMs: number, emotions: readonly string[]): MoodBucket | null {
    const counts = new Array<number>(this.cats.length).fill(0);
    const unc = this.cats.length - 1;
    for (const e of emotions) {
      const i = this.cats.indexOf(e);
      counts[i >= 0 ? i : unc]++;
    }
    this.last = { faces: emotions.length, counts: this.toRecord(counts) };
    if (this.isPaused) return null;
    const second = Math.floor(nowMs / 1000);
    const done = this.open && this.open.second !== second ? this.close() : null;
    if (!this.open) this.open = { second, frames: 0, faces: 0, counts: new Array<number>(this.cats.length).fill(0) };
    this.open.frames++;
    this.open.faces += emotions.length;
    counts.forEach((c, i) => (this.open!.counts[i] += c));
    return done;
  }

  /** Closes the current second if time has moved past it (no frames arrive while a video is paused). */
  tick(nowMs: number): MoodBucket | null {
    if (this.open && Math.floor(nowMs / 1000) > this.open.second) return this.close();
    return null;
  }

  /** The latest frame's distribution (also while recording is paused). */
  current(): MoodSnapshot {
    return this.last;
  }

  /** Closed seconds, oldest first. */
  series(): readonly MoodBucket[] {
    return this.closed;
  }

  pause(): void {
    this.close();
    this.isPaused = true;
  }

  resume(): void {
    this.isPaused = false;
  }

  reset(): void {
    this.closed = [];
    this.open = null;
    this.last = this.empty();
  }

  private close(): MoodBucket | null {
    const o = this.open;
    this.open = null;
    if (!o || o.frames === 0) return null;
    const bucket: MoodBucket = {
      t: o.second * 1000,
      frames: o.frames,
      faces: o.faces / o.frames,
      counts: this.toRecord(o.counts.map((c) => c / o.frames)),
    };
    this.closed.push(bucket);
    if (this.closed.length > this.maxSeconds) this.closed.splice(0, this.closed.length - this.maxSeconds);
    return bucket;
  }

  private toRecord(values: number[]): Record<string, number> {
    return Object.fromEntries(this.cats.map((c, i) => [c, values[i]]));
  }

  private empty(): MoodSnapshot {
    return { faces: 0, counts: this.toRecord(new Array<number>(this.cats.length).fill(0)) };
  }
}

/** The emotion most faces show (uncertain never wins); null when no face shows a clear one. */
export function dominantEmotion(counts: Record<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [label, n] of Object.entries(counts)) {
    if (label === UNCERTAIN) continue;
    if (n > bestCount + 1e-9) {
      best = label;
      bestCount = n;
    }
  }
  return best;
}

/**
 * The class mood at one moment, computed once: the panel's bars, its headline and the screen-reader
 * summary all come from this object, so they can never disagree.
 */
export interface MoodReading {
  /** When it was read, epoch ms. */
  t: number;
  faces: number;
  /** Faces showing each category (whole numbers; they add up to faces). */
  counts: Record<string, number>;
  dominant: string | null;
  /** The panel's headline, e.g. "6 faces · mostly sad". */
  headline: string;
  /** The live region's sentence, e.g. "Class mood: mostly sad, 4 of 6 faces." */
  summary: string;
}

const plural = (n: number) => `${n} face${n === 1 ? '' : 's'}`;

/** Reads one frame's distribution (MoodAggregator.current()). */
export function readMood(t: number, snapshot: MoodSnapshot): MoodReading {
  const { faces, counts } = snapshot;
  const dominant = dominantEmotion(counts);
  const headline = dominant ? `${plural(faces)} · mostly ${dominant}` : faces ? `${plural(faces)} · no clear emotion` : 'No face in view';
  const summary = dominant
    ? `Class mood: mostly ${dominant}, ${counts[dominant]} of ${plural(faces)}.`
    : faces
      ? `Class mood: no clear emotion, ${plural(faces)}.`
      : 'Class mood: no face in view.';
  return { t, faces, counts: { ...counts }, dominant, headline, summary };
}

export const EMPTY_READING: MoodReading = readMood(0, { faces: 0, counts: {} });

/**
 * When the screen-reader live region speaks: when the dominant emotion changes, at most once per
 * `minIntervalMs` so a flickering class does not flood the listener; a change that comes too soon
 * is announced once the interval has passed, if it still holds. The words are the reading's summary.
 */
export class DominantAnnouncer {
  private announced: string | null | undefined = undefined;
  private lastAt = -Infinity;

  constructor(private readonly minIntervalMs = 5000) {}

  update(reading: MoodReading): string | null {
    const { dominant, t } = reading;
    if (dominant === this.announced) return null;
    if (t - this.lastAt < this.minIntervalMs) return null;
    // The very first state is only announced when there is something to say.
    if (this.announced === undefined && dominant === null) return null;
    this.announced = dominant;
    this.lastAt = t;
    return reading.summary;
  }

  reset(): void {
    this.announced = undefined;
    this.lastAt = -Infinity;
  }
}
