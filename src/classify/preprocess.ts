// Turns face boxes in a frame into the classifier's input batch, entirely on the backend:
// one cropAndResize for all faces, then gray conversion and normalization as the manifest says.
// The browser app, the benchmark and `npm run eval` all use this one module.
import * as tf from '@tensorflow/tfjs-core';
import type { NormalizedBox } from '../crop/crop-box';
import { DEFAULT_GRAY_WEIGHTS, normalizationParams, type ModelManifest } from '../models/manifest';

/** Pixel value for crop areas outside the frame: mid-gray disturbs the CNN least. */
const OUTSIDE_FRAME_VALUE = 128;

/**
 * Crops every box from the frame (RGB, 0..255, [h, w, 3]) and returns the normalized batch
 * [n, inputHeight, inputWidth, channels]. The caller owns (and disposes) the result.
 */
export function cropBatch(frame: tf.Tensor3D, boxes: NormalizedBox[], manifest: ModelManifest): tf.Tensor4D {
  const { width, height } = manifest.input;
  return tf.tidy(() => {
    const image = tf.expandDims<tf.Tensor4D>(frame.dtype === 'float32' ? frame : tf.cast(frame, 'float32'), 0);
    const crops = tf.image.cropAndResize(
      image,
      tf.tensor2d(boxes.flat(), [boxes.length, 4]),
      tf.zeros([boxes.length], 'int32'),
      [height, width],
      'bilinear',
      OUTSIDE_FRAME_VALUE,
    );
    return normalizePixels(crops, manifest);
  });
}

/** RGB 0..255 batch → the model's channels and value range. */
export function normalizePixels(rgb: tf.Tensor4D, manifest: ModelManifest): tf.Tensor4D {
  return tf.tidy(() => {
    let x: tf.Tensor4D = rgb;
    if (manifest.input.channels === 1) {
      const w = manifest.grayWeights ?? DEFAULT_GRAY_WEIGHTS;
      x = tf.sum(tf.mul(rgb, tf.tensor1d(w)), -1, true);
    }
    const { scale, offset } = normalizationParams(manifest.normalization);
    return scale === 1 && offset === 0 ? x : tf.add(tf.mul(x, scale), offset);
  });
}
