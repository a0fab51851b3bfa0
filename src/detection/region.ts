// One region of a frame tensor, as its own [h, w, 3] tensor (a tile for the full-range model).
// On WASM, tf.slice first reads the whole frame out of the WASM heap (a 1280×720 float frame:
// 11 MB) and then copies the region pixel by pixel in JavaScript (one typed-array view per pixel,
// about 200 000 for a 492×400 tile): 10–50 ms on the page's thread, plus the garbage. An image
// transform by a whole-pixel translation runs in WASM on the heap and samples exactly the
// region's pixels (integer positions: nothing to interpolate), so the values are the same (as
// float32, which the detector casts to anyway).
// Other backends slice (one shader on WebGL).
import * as tf from '@tensorflow/tfjs-core';
import type { Box } from './types';

/** The pixels of `r` (integer frame pixels, inside the frame) as a new tensor; the frame is not disposed. */
export function cropRegion(frame: tf.Tensor3D, r: Box): tf.Tensor3D {
  if (tf.getBackend() !== 'wasm') return tf.slice(frame, [r.y, r.x, 0], [r.height, r.width, 3]);
  return tf.tidy(() => {
    // Output pixel (x, y) samples input (x + r.x, y + r.y).
    const shift = tf.tensor2d([[1, 0, r.x, 0, 1, r.y, 0, 0]]);
    const pixels = frame.dtype === 'float32' ? frame : tf.cast(frame, 'float32'); // the detector casts anyway
    const moved = tf.image.transform(tf.expandDims(pixels, 0) as tf.Tensor4D, shift, 'nearest', 'constant', 0, [r.height, r.width]);
    return tf.squeeze(moved, [0]) as tf.Tensor3D;
  });
}
