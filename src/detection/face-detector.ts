// Wraps @tensorflow-models/face-detection (tfjs runtime) behind our manifest: the model URL and
// range come from models/<id>/manifest.json, and frames are passed as tensors so the one upload
// per frame is shared with the classifier.
import * as tf from '@tensorflow/tfjs-core';
import { yieldToBrowser } from '../backend/yield-to-browser';
import * as faceDetection from '@tensorflow-models/face-detection';
import type { ModelManifest } from '../models/manifest';
import { cropRegion } from './region';
import { mergeDetections, shiftFace, tileGrid } from './tiling';
import type { DetectedFace, FrameDetector } from './types';

export interface FaceDetectorOptions {
  maxFaces: number;
  /** Also detect on overlapping tiles of the frame, for small (far) faces; see tiling.ts. */
  tiled?: boolean;
  /** Most faces configure() may allow later without reloading the model; default maxFaces. */
  limit?: number;
}

export class FaceDetector implements FrameDetector {
  private constructor(
    private readonly detector: faceDetection.FaceDetector,
    readonly manifest: ModelManifest,
    private options: FaceDetectorOptions,
  ) {}

  static async load(manifest: ModelManifest, modelUrl: string | tf.io.IOHandler, opts: FaceDetectorOptions): Promise<FaceDetector> {
    if (manifest.kind !== 'detector') throw new Error(`Model "${manifest.id}" is not a face detector`);
    const detector = await faceDetection.createDetector(faceDetection.SupportedModels.MediaPipeFaceDetector, {
      runtime: 'tfjs',
      modelType: manifest.range ?? 'short',
      maxFaces: Math.max(opts.maxFaces, opts.limit ?? 0),
      detectorModelUrl: modelUrl,
    });
    return new FaceDetector(detector, manifest, opts);
  }

  /** Changes maxFaces (up to the load-time limit) and tiling between frames. */
  configure(patch: Partial<Omit<FaceDetectorOptions, 'limit'>>): void {
    const next = { ...this.options, ...patch };
    next.maxFaces = Math.max(1, Math.min(next.maxFaces, Math.max(this.options.maxFaces, this.options.limit ?? 0)));
    this.options = next;
  }

  get currentOptions(): Readonly<FaceDetectorOptions> {
    return this.options;
  }

  /** Faces in the frame (an RGB tensor [h, w, 3], 0..255), in frame pixels. The frame is not disposed. */
  async detect(frame: tf.Tensor3D): Promise<DetectedFace[]> {
    if (!this.options.tiled) return (await this.detectWhole(frame)).slice(0, this.options.maxFaces);
    const [height, width] = frame.shape;
    const found = await this.detectWhole(frame);
    const tiles = tileGrid(width, height);
    if (tiles.length > 1) {
      for (const t of tiles) {
        // On WASM each run holds the page's thread: let clicks and keys through between tiles.
        await yieldToBrowser();
        const tile = cropRegion(frame, t);
        try {
          for (const f of await this.detectWhole(tile)) found.push(shiftFace(f, t.x, t.y));
        } finally {
          tile.dispose();
        }
      }
    }
    return mergeDetections(found, this.options.maxFaces);
  }

  private async detectWhole(frame: tf.Tensor3D): Promise<DetectedFace[]> {
    const faces = await this.detector.estimateFaces(frame, { flipHorizontal: false });
    return faces.map((f) => ({
      box: { x: f.box.xMin, y: f.box.yMin, width: f.box.width, height: f.box.height },
      keypoints: f.keypoints.map((k) => ({ x: k.x, y: k.y })),
    }));
  }

  dispose(): void {
    this.detector.dispose();
  }
}
