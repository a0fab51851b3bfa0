// One region of a frame tensor, as its own [h, w, 3] tensor (a tile for the full-range model).
// tf.slice on a 3-D tensor copies pixel by pixel on WASM (one typed-array view per pixel: about
// 200 000 of them for a 492×400 tile, 10–50 ms on the page's thread, with the garbage they leave).
// Seen as rows of width·3 values, the same region is height row copies: the same values, at a
// fraction of the cost. On WebGL either way is one shader.
import * as tf from '@tensorflow/tfjs-core';
import type { Box } from './types';

/** The pixels of `r` (integer frame pixels, inside the frame) as a new tensor; the frame is not disposed. */
export function cropRegion(frame: tf.Tensor3D, r: Box): tf.Tensor3D {
  const [height, width, channels] = frame.shape;
  return tf.tidy(() => {
    const rows = tf.reshape(frame, [height, width * channels]) as tf.Tensor2D;
    const part = tf.slice(rows, [r.y, r.x * channels], [r.height, r.width * channels]);
    return tf.reshape(part, [r.height, r.width, channels]) as tf.Tensor3D;
  });
}
