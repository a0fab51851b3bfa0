// The page's per-frame timing log: the presenter records every processed frame here and
// window.emotionApp.getTimings() hands it to `npm run bench`. Bounded, so it costs nothing when
// nobody reads it.

/** One processed camera frame as recorded by the page (window.emotionApp.getTimings()). */
export interface FrameTiming {
  /** Pipeline frame counter. */
  frame: number;
  /** performance.now() in the page when the frame's results were on screen. */
  endMs: number;
  /** From the frame loop's call to results on screen: pipeline, overlay and store update. */
  totalMs: number;
  uploadMs: number;
  detectMs: number;
  classifyMs: number;
  /** True when the detector ran on this frame (otherwise boxes were followed). */
  detected: boolean;
  faces: number;
  /** Live tfjs tensors after the frame (between frames nothing transient is alive). */
  tensors: number;
}

/** Keeps the newest `capacity` items (the page's timing log must not grow without bound). */
export class RingBuffer<T> {
  private items: T[] = [];
  private start = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be ≥ 1');
  }

  push(item: T): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** Oldest first. */
  toArray(): T[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }

  clear(): void {
    this.items = [];
    this.start = 0;
  }
}

export const TIMING_LOG_SIZE = 4096;

export class TimingLog extends RingBuffer<FrameTiming> {
  constructor() {
    super(TIMING_LOG_SIZE);
  }
}
