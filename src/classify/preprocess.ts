// Turns face boxes in a frame into the classifier's input batch, entirely on the backend:
// one cropAndResize for all axis-aligned crops (or one affine sample per rotated crop), optional
// test-time augmentation views, then gray conversion and normalization as the manifest says.
// The browser app, the benchmark and `npm run eval` all use this one module.
import * as tf from '@tensorflow/tfjs-core';
import type { FaceCrop, NormalizedBox } from '../crop/crop-box';
import { DEFAULT_GRAY_WEIGHTS, normalizationParams, type ModelManifest } from '../models/manifest';
import { ttaScales, type TtaMode } from './tta';

export { TTA_MODES, ttaScales, ttaViews, type TtaMode } from './tta';

/** Pixel value for crop areas outside the frame: mid-gray disturbs the CNN least. */
export const OUTSIDE_FRAME_VALUE = 128;

/**
 * Crops every box from the frame (RGB, 0..255, [h, w, 3]) and returns the normalized batch
 * [n, inputHeight, inputWidth, channels]. The caller owns (and disposes) the result.
 */
export function cropBatch(frame: tf.Tensor3D, boxes: NormalizedBox[], manifest: ModelManifest): tf.Tensor4D {
  const { width, height } = manifest.input;
  return tf.tidy(() => {
    const image = tf.expandDims<tf.Tensor4D>(frame.dtype === 'float32' ? frame : tf.cast(frame, 'float32'), 0);
    return normalizePixels(cropAxisAligned(image, boxes, height, width), manifest);
  });
}

function cropAxisAligned(image: tf.Tensor4D, boxes: NormalizedBox[], height: number, width: number): tf.Tensor4D {
  return tf.image.cropAndResize(
    image,
    tf.tensor2d(boxes.flat(), [boxes.length, 4]),
    tf.zeros([boxes.length], 'int32'),
    [height, width],
    'bilinear',
    OUTSIDE_FRAME_VALUE,
  );
}

/** Normalised cropAndResize box of a square face crop (angle ignored). */
function cropToNormalized(c: FaceCrop, scale: number, frameW: number, frameH: number): NormalizedBox {
  const half = (c.side * scale) / 2;
  return [(c.cy - half) / frameH, (c.cx - half) / frameW, (c.cy + half) / frameH, (c.cx + half) / frameW];
}

/**
 * tf.image.transform row mapping output pixel (x, y) of an outW×outH crop to frame coordinates:
 * the crop is the square (side·scale) centred on (cx, cy), rotated by angle (radians, image axes),
 * so the eye line ends up horizontal. Pixel centres are at +0.5 in both spaces.
 */
export function affineRow(c: FaceCrop, scale: number, outW: number, outH: number): number[] {
  const s = c.side * scale;
  const cos = Math.cos(c.angle);
  const sin = Math.sin(c.angle);
  const u0 = 0.5 / outW - 0.5;
  const v0 = 0.5 / outH - 0.5;
  return [
    (s * cos) / outW,
    (-s * sin) / outH,
    c.cx - 0.5 + s * (cos * u0 - sin * v0),
    (s * sin) / outW,
    (s * cos) / outH,
    c.cy - 0.5 + s * (sin * u0 + cos * v0),
    0,
    0,
  ];
}

/**
 * Crops faces (square, optionally rotated) with TTA views and returns the normalized batch
 * [views·n, h, w, c], ordered view-major (all faces for view 0, then view 1, …): see averageViews.
 */
export function cropFaces(frame: tf.Tensor3D, crops: FaceCrop[], manifest: ModelManifest, tta: TtaMode = 'none'): tf.Tensor4D {
  const { width, height } = manifest.input;
  const [frameH, frameW] = frame.shape;
  const scales = ttaScales(tta);
  return tf.tidy(() => {
    const image = tf.expandDims<tf.Tensor4D>(frame.dtype === 'float32' ? frame : tf.cast(frame, 'float32'), 0);
    let rgb: tf.Tensor4D;
    if (crops.every((c) => c.angle === 0)) {
      // One batched op for every face and zoom view.
      const boxes = scales.flatMap((s) => crops.map((c) => cropToNormalized(c, s, frameW, frameH)));
      rgb = cropAxisAligned(image, boxes, height, width);
    } else {
      // tf.image.transform samples only the output pixels, so one call per crop costs O(crop), not O(frame).
      const parts = scales.flatMap((s) =>
        crops.map((c) =>
          tf.image.transform(image, tf.tensor2d([affineRow(c, s, width, height)], [1, 8]), 'bilinear', 'constant', OUTSIDE_FRAME_VALUE, [height, width]),
        ),
      );
      rgb = parts.length === 1 ? parts[0] : tf.concat(parts, 0);
    }
    return finishViews(rgb, manifest, tta);
  });
}

/** RGB crops [scales·n, h, w, 3] → the mirror views appended (TTA) and normalized for the model. */
export function finishViews(rgb: tf.Tensor4D, manifest: ModelManifest, tta: TtaMode): tf.Tensor4D {
  return tf.tidy(() => {
    const views = tta !== 'none' ? tf.concat([rgb, tf.reverse(rgb, 2)], 0) : rgb; // mirror views after the plain ones
    return normalizePixels(views, manifest);
  });
}

/** Mean of the class probabilities over the views of each face: [views·n, k] → [n, k]. */
export function averageViews(probs: tf.Tensor2D, n: number, views: number): tf.Tensor2D {
  if (views === 1) return probs.clone();
  return tf.tidy(() => tf.mean(tf.reshape(probs, [views, n, probs.shape[1]]), 0) as tf.Tensor2D);
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
