// The per-frame pipeline, free of React and of the DOM so it also runs in Node:
// frame → detector → batched crop → classifier → tracker/smoother → results.
import * as tf from '@tensorflow/tfjs-core';
import { cropFaces, ttaViews, type TtaMode } from '../classify/preprocess';
import type { EmotionClassifier } from '../classify/classifier';
import { EmotionEnsemble } from '../classify/ensemble';
import { faceCrop, type FaceCrop } from '../crop/crop-box';
import type { Box, FrameDetector, Point } from '../detection/types';
import { FaceTracker, DEFAULT_SMOOTHING, type SmoothingSettings } from '../tracking/tracker';
import type { FaceResult, FrameResult } from './types';
import { drawableSize, FrameUploader, isDrawable, type Drawable } from '../backend/frame-upload';
import { CanvasCropper } from '../classify/canvas-crop';
import { hasUiThread, yieldToBrowser } from '../backend/yield-to-browser';
import { ChunkPlanner } from './classify-chunks';
import { CROWD_PER_FRAME, CrowdTurns } from './crowd';
import type { ModelManifest } from '../models/manifest';

export interface PipelineSettings {
  /** Crop margin around the detector's box, as a fraction of its side. */
  margin: number;
  /**
   * Run the detector every k frames (and whenever no face is followed, the face count just
   * changed or the detector asks for the next frame: FrameDetector.wantsNextFrame); in between,
   * faces keep their last boxes and are still classified.
   */
  detectEvery: number;
  /**
   * Test-time augmentation for a classifier without a quality level (a user's model): average over
   * mirrored (and zoomed) views of each face. A quality level's own `tta` takes precedence.
   */
  tta: TtaMode;
  /** Rotate each crop so the eyes are level (uses the detector's eye keypoints). */
  alignEyes: boolean;
  smoothing: SmoothingSettings;
  /**
   * On frames the detector skips, classify at most this many faces of a crowd, in turns (the rest
   * keep their label for the frame; pipeline/crowd.ts); 0 = every face on every frame.
   */
  crowdPerFrame: number;
}

export const DEFAULT_PIPELINE_SETTINGS: PipelineSettings = {
  margin: 0.2,
  // Chosen by `npm run bench` (see the README's Performance section): the detector is the
  // costlier half of a frame, and at 30 fps faces move little in 4 frames (133 ms).
  detectEvery: 4,
  // Measured (npm run eval / stability --bench): eye alignment +5.8 points on rotated faces at no
  // cost; mirror TTA is part of the "best" quality level (models/index.json), not of this default.
  tta: 'none',
  alignEyes: true,
  smoothing: DEFAULT_SMOOTHING,
  crowdPerFrame: CROWD_PER_FRAME,
};

/** Anything tf.browser.fromPixels reads: a video, canvas, image, ImageBitmap or {data, width, height}. */
export type PixelSource = Parameters<typeof tf.browser.fromPixels>[0];

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class EmotionPipeline {
  private tracker: FaceTracker;
  private frameCount = 0;
  /** Frames since the detector last ran, and how many faces it found then (Infinity = never ran). */
  private sinceDetect = Infinity;
  private lastDetectedCount = -1;
  private faceCountChanged = false;
  /**
   * The pixel path, decided once for the backend the pipeline was built on (a backend move builds
   * a new pipeline): WebGL uploads every frame whole; WASM/CPU crop followed faces on a canvas.
   */
  private readonly onGpu = tf.getBackend() === 'webgl';
  private uploader = new FrameUploader(tf.getBackend());
  private cropper = new CanvasCropper();
  private settings: PipelineSettings;
  private classifier: EmotionEnsemble;
  private chunks = new ChunkPlanner();
  private turns = new CrowdTurns();

  /** `classifier`: a quality level's ensemble (quality/quality-models.ts) or a single model. */
  constructor(
    private readonly detector: FrameDetector,
    classifier: EmotionClassifier | EmotionEnsemble,
    settings: Partial<PipelineSettings> = {},
  ) {
    this.settings = { ...DEFAULT_PIPELINE_SETTINGS, ...settings };
    this.classifier = asEnsemble(classifier);
    this.tracker = new FaceTracker(this.classifier.labels, this.settings.smoothing);
  }

  get labels(): string[] {
    return this.classifier.labels;
  }

  /** What classifies faces now (its level, members, temperature). */
  get ensemble(): EmotionEnsemble {
    return this.classifier;
  }

  get currentSettings(): PipelineSettings {
    return this.settings;
  }

  configure(settings: Partial<PipelineSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.tracker.smoothing = this.settings.smoothing;
  }

  /**
   * Swaps what classifies faces: another quality level's ensemble or a user's own model. Face ids
   * and their smoothed probabilities carry over when the labels are the same (a quality change),
   * and restart otherwise. The old classifier is not disposed here: its owner (the engine) does.
   */
  setClassifier(classifier: EmotionClassifier | EmotionEnsemble): void {
    const next = asEnsemble(classifier);
    const same = next.labels.length === this.classifier.labels.length && next.labels.every((l, i) => l === this.classifier.labels[i]);
    this.classifier = next;
    if (!same) this.tracker = new FaceTracker(next.labels, this.settings.smoothing);
  }

  reset(): void {
    this.tracker.reset();
    this.turns.reset();
    this.frameCount = 0;
    this.sinceDetect = Infinity;
    this.lastDetectedCount = -1;
    this.faceCountChanged = false;
  }

  /** Whether this frame needs the detector (see PipelineSettings.detectEvery). */
  private shouldDetect(): boolean {
    return this.sinceDetect >= Math.max(1, this.settings.detectEvery) || this.faceCountChanged || this.tracker.boxes.length === 0 || this.detector.wantsNextFrame === true;
  }

  /**
   * Runs detector and classifier on a blank frame of the camera's size, with the classifier at
   * every batch size up to `maxFaces`: WebGL compiles one shader set per tensor shape, which on a
   * software GL costs seconds, so this moves that cost to load time instead of the first frames.
   * The frame has the dtype real frames get on WebGL (tf.browser.fromPixels: int32). With
   * `classifier` (another quality level, before it is swapped in) only that classifier is warmed up.
   */
  async warmUp(width: number, height: number, maxFaces = 3, classifier?: EmotionEnsemble): Promise<void> {
    // WASM/CPU compile nothing per shape: a warm-up would only delay the first result by a frame.
    if (!this.onGpu) return;
    const frame = tf.zeros([height, width, 3], 'int32') as tf.Tensor3D;
    try {
      if (!classifier) await this.detector.detect(frame);
      const side = Math.min(width, height) / 4;
      for (let n = 1; n <= maxFaces; n++) {
        const crops = this.faceCrops(Array.from({ length: n }, (_, i) => ({ x: i * side, y: side, width: side, height: side })));
        await this.classifyWith((m, tta) => cropFaces(frame, crops, m, tta), n, classifier);
      }
    } finally {
      frame.dispose();
    }
  }

  /**
   * Processes one frame: a pixel source is uploaded once and shared by detector and classifier.
   * On WASM/CPU, a frame where the detector does not run is never uploaded whole: the faces are
   * cropped from the video by a 2D canvas (classify/canvas-crop.ts).
   */
  async process(source: PixelSource | tf.Tensor3D): Promise<FrameResult> {
    if (!this.onGpu && isDrawable(source) && !this.shouldDetect()) return this.processFollowed(source);
    const t0 = now();
    const frame = source instanceof tf.Tensor ? source : this.uploader.upload(source);
    const tUp = now();
    try {
      const [height, width] = frame.shape;
      const detect = this.shouldDetect();
      // On WASM/CPU the frame's read (a canvas readback) and the detector each hold the page's
      // thread: the browser gets a turn between them (a no-op in Node).
      if (detect && frame !== source && !this.onGpu) await yieldToBrowser();
      const found = detect ? await this.detector.detect(frame) : null;
      if (found) {
        // A face entering or leaving: detect again next frame until the count is stable.
        this.faceCountChanged = found.length !== this.lastDetectedCount;
        this.lastDetectedCount = found.length;
        this.sinceDetect = 0;
        await yieldToBrowser(); // the browser renders between detector and classifier (on WASM each holds the thread)
      }
      this.sinceDetect++;
      const boxes: Box[] = found ? found.map((f) => f.box) : this.tracker.boxes;
      // Between detector runs the eye keypoints are the ones last seen with each followed box.
      const keypoints = found ? found.map((f) => f.keypoints) : this.tracker.keypoints;
      const t1 = now();
      const probs = await this.classifyInChunks(boxes.length, (a, b) => this.classifyBoxes(frame, boxes.slice(a, b), keypoints.slice(a, b)));
      const t2 = now();
      return this.result(width, height, boxes, probs, keypoints, { uploadMs: tUp - t0, detectMs: t1 - tUp, classifyMs: t2 - t1, totalMs: now() - t0, detected: detect });
    } finally {
      if (frame !== source) frame.dispose();
    }
  }

  /** A followed frame (no detector) from a video/canvas: faces cropped by the canvas cropper. */
  private async processFollowed(source: Drawable): Promise<FrameResult> {
    const t0 = now();
    const [width, height] = drawableSize(source);
    this.sinceDetect++;
    const boxes = this.tracker.boxes;
    const keypoints = this.tracker.keypoints;
    // A crowd in turns: only the picked faces are classified on this frame.
    const picked = this.turns.pick(boxes.length, this.settings.crowdPerFrame);
    const crops = this.faceCrops(picked.map((i) => boxes[i]), picked.map((i) => keypoints[i]));
    let cropMs = 0;
    const crop = (part: FaceCrop[]) => (m: ModelManifest, tta: TtaMode) => {
      const start = now();
      const batch = this.cropper.crop(source, part, m, tta);
      cropMs += now() - start;
      return batch;
    };
    const some = await this.classifyInChunks(crops.length, (a, b) => this.classifyWith(crop(crops.slice(a, b)), b - a));
    const probs: (number[] | null)[] = boxes.map(() => null);
    picked.forEach((i, k) => (probs[i] = some[k]));
    const t1 = now();
    return this.result(width, height, boxes, probs, keypoints, { uploadMs: cropMs, detectMs: 0, classifyMs: t1 - t0 - cropMs, totalMs: now() - t0, detected: false });
  }

  private result(width: number, height: number, boxes: Box[], probs: (number[] | null)[], keypoints: (Point[] | undefined)[], timings: FrameResult['timings']): FrameResult {
    // Timed updates: the smoothing lasts as long in time whatever the frame rate (see stepWeight).
    const tracked = this.tracker.update(boxes, probs, keypoints, now());
    const labels = this.classifier.labels;
    const faces: FaceResult[] = tracked.map((t) => ({
      id: t.id,
      box: t.box,
      emotion: t.emotion,
      score: t.score,
      probs: Object.fromEntries(labels.map((l, i) => [l, t.probs[i]])),
    }));
    return { frame: this.frameCount++, width, height, faces, timings };
  }

  private faceCrops(boxes: Box[], keypoints?: (Point[] | undefined)[]): FaceCrop[] {
    const { margin, alignEyes } = this.settings;
    return boxes.map((b, i) => faceCrop(b, margin, keypoints?.[i], alignEyes));
  }

  /**
   * Classifies n faces with `classify(start, end)` per chunk. In a page on WASM/CPU (where a model
   * run holds the UI thread) a crowd goes in chunks sized to a time budget (classify-chunks.ts),
   * with a yield to the browser between them; on WebGL, and in Node, in one call.
   */
  private async classifyInChunks(n: number, classify: (start: number, end: number) => Promise<number[][]>): Promise<number[][]> {
    if (n <= 1 || !hasUiThread() || this.onGpu) return classify(0, n);
    const out: number[][] = [];
    for (let start = 0; start < n; ) {
      if (start > 0) await yieldToBrowser();
      const size = this.chunks.next(n - start);
      const t = now();
      out.push(...(await classify(start, start + size)));
      this.chunks.record(size, now() - t);
      start += size;
    }
    return out;
  }

  /**
   * Class probabilities (the ensemble's combined, calibrated ones) for face boxes in a frame: one
   * batched crop per input spec, the models, one readback. keypoints[i] (optional) are the
   * detector's keypoints for boxes[i], used by alignEyes.
   */
  async classifyBoxes(frame: tf.Tensor3D, boxes: Box[], keypoints?: (Point[] | undefined)[]): Promise<number[][]> {
    const crops = this.faceCrops(boxes, keypoints);
    return this.classifyWith((m, tta) => cropFaces(frame, crops, m, tta), boxes.length);
  }

  /** `crop` makes the normalized batch for a model's manifest (views·n rows); n faces. */
  private async classifyWith(crop: (manifest: ModelManifest, tta: TtaMode) => tf.Tensor4D, n: number, classifier = this.classifier): Promise<number[][]> {
    if (n === 0) return [];
    // All views of all faces go through each model as one batch; combining happens on the backend.
    const tta = classifier.tta ?? this.settings.tta;
    const out = classifier.predict((m) => crop(m, tta), n, ttaViews(tta));
    try {
      const data = await out.data();
      const k = classifier.labels.length;
      return Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * k, (i + 1) * k)));
    } finally {
      out.dispose();
    }
  }

  dispose(): void {
    this.detector.dispose();
    this.classifier.dispose();
  }
}

function asEnsemble(c: EmotionClassifier | EmotionEnsemble): EmotionEnsemble {
  return c instanceof EmotionEnsemble ? c : EmotionEnsemble.single(c);
}
