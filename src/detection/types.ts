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
