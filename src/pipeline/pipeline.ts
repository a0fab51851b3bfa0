// The per-frame pipeline, free of React and of the DOM so it also runs in Node:
// frame → detector → batched crop → classifier → tracker/smoother → results.
import * as tf from '@tensorflow/tfjs-core';
import { cropBatch } from '../classify/preprocess';
import type { EmotionClassifier } from '../classify/classifier';
import { squareBox, toNormalized } from '../crop/crop-box';
import type { FaceDetector } from '../detection/face-detector';
import type { Box } from '../detection/types';
import { FaceTracker, DEFAULT_SMOOTHING, type SmoothingSettings } from '../tracking/tracker';
import type { FaceResult, FrameResult } from './types';

export interface PipelineSettings {
  /** Crop margin around the detector's box, as a fraction of its side. */
  margin: number;
  /** Run the detector every k frames; in between, faces keep their last boxes. */
  detectEvery: number;
  smoothing: SmoothingSettings;
}

export const DEFAULT_PIPELINE_SETTINGS: PipelineSettings = {
  margin: 0.2,
  detectEvery: 1,
  smoothing: DEFAULT_SMOOTHING,
};

/** Anything tf.browser.fromPixels reads: a video, canvas, image, ImageBitmap or {data, width, height}. */
export type PixelSource = Parameters<typeof tf.browser.fromPixels>[0];

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class EmotionPipeline {
  private tracker: FaceTracker;
  private frameCount = 0;
  private settings: PipelineSettings;

  constructor(
    private readonly detector: FaceDetector,
    private classifier: EmotionClassifier,
    settings: Partial<PipelineSettings> = {},
  ) {
    this.settings = { ...DEFAULT_PIPELINE_SETTINGS, ...settings };
    this.tracker = new FaceTracker(classifier.labels, this.settings.smoothing);
  }

  get labels(): string[] {
    return this.classifier.labels;
  }

  get currentSettings(): PipelineSettings {
    return this.settings;
  }

  configure(settings: Partial<PipelineSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.tracker.smoothing = this.settings.smoothing;
  }

  /** Swaps the emotion model (e.g. a user's own); face ids restart since label sets may differ. */
  setClassifier(classifier: EmotionClassifier): void {
    this.classifier = classifier;
    this.tracker = new FaceTracker(classifier.labels, this.settings.smoothing);
  }

  reset(): void {
    this.tracker.reset();
    this.frameCount = 0;
  }

  /** Runs detector and classifier once each on zeros, so shaders compile before the first frame. */
  async warmUp(width: number, height: number): Promise<void> {
    const frame = tf.zeros([height, width, 3], 'int32') as tf.Tensor3D;
    try {
      await this.detector.detect(frame);
      const probs = await this.classifyBoxes(frame, [{ x: 0, y: 0, width: width / 2, height: height / 2 }]);
      void probs;
    } finally {
      frame.dispose();
    }
  }

  /** Processes one frame: a pixel source is uploaded once and shared by detector and classifier. */
  async process(source: PixelSource | tf.Tensor3D): Promise<FrameResult> {
    const t0 = now();
    const frame = source instanceof tf.Tensor ? source : tf.browser.fromPixels(source);
    try {
      const [height, width] = frame.shape;
      const detect = this.frameCount % Math.max(1, this.settings.detectEvery) === 0 || this.tracker.boxes.length === 0;
      const boxes: Box[] = detect ? (await this.detector.detect(frame)).map((f) => f.box) : this.tracker.boxes;
      const t1 = now();
      const probs = await this.classifyBoxes(frame, boxes);
      const t2 = now();
      const tracked = this.tracker.update(boxes, probs);
      const labels = this.classifier.labels;
      const faces: FaceResult[] = tracked.map((t) => ({
        id: t.id,
        box: t.box,
        emotion: t.emotion,
        score: t.score,
        probs: Object.fromEntries(labels.map((l, i) => [l, t.probs[i]])),
      }));
      return {
        frame: this.frameCount++,
        width,
        height,
        faces,
        timings: { detectMs: t1 - t0, classifyMs: t2 - t1, totalMs: now() - t0, detected: detect },
      };
    } finally {
      if (frame !== source) frame.dispose();
    }
  }

  /** Raw class probabilities for face boxes in a frame: one batched crop, one model call, one readback. */
  async classifyBoxes(frame: tf.Tensor3D, boxes: Box[]): Promise<number[][]> {
    if (boxes.length === 0) return [];
    const [height, width] = frame.shape;
    const norm = boxes.map((b) => toNormalized(squareBox(b, this.settings.margin), width, height));
    const out = tf.tidy(() => this.classifier.predict(cropBatch(frame, norm, this.classifier.manifest)));
    try {
      const data = await out.data();
      const n = this.classifier.labels.length;
      return boxes.map((_, i) => Array.from(data.subarray(i * n, (i + 1) * n)));
    } finally {
      out.dispose();
    }
  }

  dispose(): void {
    this.detector.dispose();
    this.classifier.dispose();
  }
}
