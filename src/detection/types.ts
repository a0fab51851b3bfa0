import type { Tensor3D } from '@tensorflow/tfjs-core';

/** An axis-aligned box in frame pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** One face found by the detector, in frame pixels. */
export interface DetectedFace {
  box: Box;
  /** MediaPipe order: rightEye, leftEye, noseTip, mouthCenter, rightEarTragion, leftEarTragion. */
  keypoints: Point[];
}

/** What the pipeline needs of a face detector: faces in a frame tensor [h, w, 3] (0..255), in frame pixels. */
export interface FrameDetector {
  detect(frame: Tensor3D): Promise<DetectedFace[]>;
  dispose(): void;
  /** True when the detector has work spread over frames still to do (a search for far faces): run it on the next frame too. */
  readonly wantsNextFrame?: boolean;
}
