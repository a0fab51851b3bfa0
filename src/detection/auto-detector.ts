// The app's face detector in every mode: short-range BlazeFace on the whole frame on every pass,
// and, when FarSearch asks for it (no face, only small ones, far faces already known, a large
// picture, or far faces "on"), the full-range model on one region of the frame per pass. The
// frames' faces are the merge of both (far-search.ts). Large, near faces cost nothing extra.
import * as tf from '@tensorflow/tfjs-core';
import { yieldToBrowser } from '../backend/yield-to-browser';
import type { FaceDetector } from './face-detector';
import { farNeed, FarSearch, type FarFacesMode, type FarNeed, type FarScan } from './far-search';
import { cropRegion } from './region';
import { shiftFace } from './tiling';
import type { Box, DetectedFace, FrameDetector } from './types';

export interface AutoDetectorOptions {
  maxFaces: number;
  far: FarFacesMode;
}

/** What the app needs of its detector besides detect(): settings in place, far-face state, a new source. */
export interface AppFaceDetector extends FrameDetector {
  configure(patch: Partial<AutoDetectorOptions>): void;
  /** Why far faces were looked for on the last pass ('active': small or no faces). */
  readonly farNeed: FarNeed;
  /** The next detect() searches every region at once (a still image). */
  sweepNext(): Promise<void>;
  /** Forget remembered far faces (a new source). */
  reset(): void;
}

export class AutoFaceDetector implements AppFaceDetector {
  private readonly search = new FarSearch<DetectedFace>();
  private far: FaceDetector | null = null;
  private farLoad: (() => Promise<FaceDetector>) | null = null;
  private farLoading: Promise<void> = Promise.resolve();
  private disposed = false;
  private sweep = false;

  /**
   * `near`: short-range model; `far`: the full-range model, or a function that loads it, called the
   * first time far faces are wanted (never, while faces are large and near: nothing to download).
   */
  constructor(
    private readonly near: FaceDetector,
    far: FaceDetector | (() => Promise<FaceDetector>),
    private options: AutoDetectorOptions,
  ) {
    if (far instanceof Function) this.farLoad = far;
    else this.far = far;
  }

  private startFarLoad(): void {
    const load = this.farLoad;
    if (!load) return;
    this.farLoad = null;
    this.farLoading = load().then(
      (d) => void (this.disposed ? d.dispose() : (this.far = d)),
      () => undefined, // the loader reports it; near faces still work
    );
  }

  configure(patch: Partial<AutoDetectorOptions>): void {
    this.options = { ...this.options, ...patch };
  }

  get currentOptions(): Readonly<AutoDetectorOptions> {
    return this.options;
  }

  /** Whether the full-range model is loaded. */
  get farReady(): boolean {
    return this.far !== null;
  }

  /** Why far faces were looked for on the last pass ('active': small or no faces; a camera may give more pixels). */
  get farNeed(): FarNeed {
    return this.search.need;
  }

  /**
   * The next detect() searches every region at once (a still image: no later frames to spread
   * over); resolves when the full-range model is in (or failed to load).
   */
  async sweepNext(): Promise<void> {
    this.startFarLoad();
    await this.farLoading;
    this.sweep = true;
  }

  /** While the first round of the far search runs, the pipeline runs the detector on every frame. */
  get wantsNextFrame(): boolean {
    return this.far !== null && this.search.exploring;
  }

  async detect(frame: tf.Tensor3D): Promise<DetectedFace[]> {
    const [height, width] = frame.shape;
    const near = await this.near.detect(frame);
    const { far, options } = this;
    if (!far && this.farLoad && farNeed(options.far, width, height, near, 0) !== 'none') this.startFarLoad();
    const sweep = this.sweep;
    this.sweep = false;
    let plans: FarScan[] = [];
    if (far) plans = sweep ? this.search.planAll(options.far, width, height, near) : this.search.plan(options.far, width, height, near);
    for (const p of plans) {
      // On WASM each model run holds the page's thread: let clicks, keys and painting through.
      await yieldToBrowser();
      this.search.record(p.index, await this.scan(far!, frame, p.region));
    }
    return this.search.merge(near, plans.map((p) => p.index), Math.max(1, options.maxFaces));
  }

  private async scan(far: FaceDetector, frame: tf.Tensor3D, r: Box): Promise<DetectedFace[]> {
    const [height, width] = frame.shape;
    if (r.x === 0 && r.y === 0 && r.width === width && r.height === height) return far.detect(frame);
    const tile = cropRegion(frame, r);
    try {
      await yieldToBrowser(); // the crop and the model run are separate tasks on the page's thread
      return (await far.detect(tile)).map((f) => shiftFace(f, r.x, r.y));
    } finally {
      tile.dispose();
    }
  }

  /** Forget remembered far faces (a new source). */
  reset(): void {
    this.search.reset();
  }

  dispose(): void {
    this.disposed = true;
    this.near.dispose();
    this.far?.dispose();
  }
}
