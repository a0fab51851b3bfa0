// Box math for cropping faces: the classifier was trained on roughly square, face-centred crops,
// so the detector's box is squared around its centre and widened by a margin.
import type { Box, Point } from '../detection/types';

/** A crop in tf.image.cropAndResize's normalised [y1, x1, y2, x2] form (may extend past the frame). */
export type NormalizedBox = [number, number, number, number];

/** Square box around the detector box's centre, side = max(w, h) · (1 + margin). */
export function squareBox(box: Box, margin: number): Box {
  const side = Math.max(box.width, box.height) * (1 + margin);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return { x: cx - side / 2, y: cy - side / 2, width: side, height: side };
}

/** A square face crop in frame pixels: centre, side, and in-plane rotation (radians, image axes). */
export interface FaceCrop {
  cx: number;
  cy: number;
  side: number;
  angle: number;
}

/**
 * Angle of the line from the right eye to the left eye (MediaPipe keypoints 0 and 1), in radians;
 * 0 for an upright face. Null when the keypoints are missing or implausible (eyes on top of each
 * other or more than 60° off level, where the estimate is more likely wrong than the face tilted).
 */
export function eyeAngle(keypoints: Point[] | undefined): number | null {
  if (!keypoints || keypoints.length < 2) return null;
  const [right, left] = keypoints;
  const dx = left.x - right.x;
  const dy = left.y - right.y;
  if (Math.hypot(dx, dy) < 1) return null;
  const a = Math.atan2(dy, dx);
  return Math.abs(a) <= Math.PI / 3 ? a : null;
}

/**
 * The crop the classifier sees for one detection: squareBox around the box centre, turned so the
 * eyes are level when alignEyes is on and the keypoints allow it.
 */
export function faceCrop(box: Box, margin: number, keypoints?: Point[], alignEyes = false): FaceCrop {
  const sq = squareBox(box, margin);
  const angle = alignEyes ? (eyeAngle(keypoints) ?? 0) : 0;
  return { cx: sq.x + sq.width / 2, cy: sq.y + sq.height / 2, side: sq.width, angle };
}

/** Area where two boxes overlap (0 when they do not). */
export function intersectionArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function iou(a: Box, b: Box): number {
  const inter = intersectionArea(a, b);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** Mirrors a box horizontally inside a frame of the given width (selfie view). */
export function mirrorBox(box: Box, frameWidth: number): Box {
  return { ...box, x: frameWidth - box.x - box.width };
}
