// Photo-like test frames built in memory from face crops (never written to disk): the crop is
// upscaled, placed off-centre on a larger canvas and the whole frame rotated, so the detector,
// the crop margin and the eye alignment are exercised as on a real photo of a tilted head.
import * as tf from '@tensorflow/tfjs-core';
import type { RgbaImage } from '../imageio/index.ts';

export interface SynthOptions {
  /** Side of the face crop on the canvas, pixels. */
  faceSize: number;
  canvasWidth: number;
  canvasHeight: number;
  /** Rotation magnitude range in degrees; the sign alternates between images. */
  minDeg: number;
  maxDeg: number;
}

export const DEFAULT_SYNTH: SynthOptions = { faceSize: 192, canvasWidth: 480, canvasHeight: 360, minDeg: 15, maxDeg: 25 };

/** Deterministic rotation (degrees) for the i-th image: spread over the range, sign alternating. */
export function synthAngle(i: number, o: SynthOptions): number {
  const t = ((i * 0.618034) % 1 + 1) % 1; // golden-ratio sequence: evenly spread, no RNG state
  const mag = o.minDeg + t * (o.maxDeg - o.minDeg);
  return i % 2 === 0 ? mag : -mag;
}

export function synthPhotoFrame(img: RgbaImage, i: number, o: SynthOptions = DEFAULT_SYNTH): tf.Tensor3D {
  return tf.tidy(() => {
    const rgb = tf.slice(tf.tensor3d(img.data, [img.height, img.width, 4], 'int32'), [0, 0, 0], [img.height, img.width, 3]);
    const face = tf.image.resizeBilinear(tf.cast(rgb, 'float32') as tf.Tensor3D, [o.faceSize, o.faceSize], false, true);
    // Off-centre placement varies with i so the face is not always in the same spot.
    const slackX = o.canvasWidth - o.faceSize;
    const slackY = o.canvasHeight - o.faceSize;
    const left = Math.round(slackX * (0.3 + 0.4 * (((i * 0.381966) % 1 + 1) % 1)));
    const top = Math.round(slackY * 0.5);
    const canvas = tf.pad(face, [[top, slackY - top], [left, slackX - left], [0, 0]], 128);
    const rad = (synthAngle(i, o) * Math.PI) / 180;
    // rotateWithOffset takes the centre as fractions of the width and height.
    const centre: [number, number] = [(left + o.faceSize / 2) / o.canvasWidth, (top + o.faceSize / 2) / o.canvasHeight];
    const rotated = tf.image.rotateWithOffset(tf.expandDims(canvas, 0) as tf.Tensor4D, rad, 128, centre);
    return tf.cast(tf.clipByValue(tf.round(tf.squeeze(rotated, [0])), 0, 255), 'int32') as tf.Tensor3D;
  });
}
