// Node-only test support: scores a converted classifier on the FER2013 PublicTest folders of
// ../shared (one folder per class of 48×48 gray JPEGs), with the model's own training preprocessing.
import fs from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { EMOTIONS } from '../../classify/labels.ts';

/** FER2013's class folders, in its own label order. */
export const FER_CLASSES = EMOTIONS;

export interface FerImage {
  label: (typeof FER_CLASSES)[number];
  width: number;
  height: number;
  /** Gray values 0..255. */
  gray: Float32Array;
}

/** Every k-th file of each class folder, in sorted order, so the subsample is the same on every run. */
export function loadFerImages(dir: string, every = 1): FerImage[] {
  const out: FerImage[] = [];
  for (const label of FER_CLASSES) {
    const files = fs.readdirSync(path.join(dir, label)).filter((f) => /\.(jpe?g)$/i.test(f)).sort();
    for (let i = 0; i < files.length; i += every) {
      const img = jpeg.decode(fs.readFileSync(path.join(dir, label, files[i])), { useTArray: true });
      const gray = new Float32Array(img.width * img.height);
      // The crops are gray JPEGs decoded to RGBA with R = G = B; luma keeps this right for colour ones too.
      for (let p = 0; p < gray.length; p++) {
        gray[p] = 0.299 * img.data[4 * p] + 0.587 * img.data[4 * p + 1] + 0.114 * img.data[4 * p + 2];
      }
      out.push({ label, width: img.width, height: img.height, gray });
    }
  }
  return out;
}

/** Bilinear resize with half-pixel centres, as OpenCV's INTER_LINEAR (what these models were trained with). */
export function resizeBilinear(src: Float32Array, sw: number, sh: number, dw: number, dh: number): Float32Array {
  const dst = new Float32Array(dw * dh);
  const sx = sw / dw;
  const sy = sh / dh;
  for (let y = 0; y < dh; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), sh - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, sh - 1);
    const wy = fy - y0;
    for (let x = 0; x < dw; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), sw - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, sw - 1);
      const wx = fx - x0;
      const top = src[y0 * sw + x0] * (1 - wx) + src[y0 * sw + x1] * wx;
      const bottom = src[y1 * sw + x0] * (1 - wx) + src[y1 * sw + x1] * wx;
      dst[y * dw + x] = top * (1 - wy) + bottom * wy;
    }
  }
  return dst;
}

export interface Score {
  accuracy: number;
  macroF1: number;
  n: number;
  /** confusion[true][predicted], in FER_CLASSES order. */
  confusion: number[][];
}

/**
 * labels: the model's output labels in output order, each one of FER_CLASSES (outputs with other
 * labels are never the right answer). scale/offset: pixel·scale + offset, the training preprocessing.
 */
export function scoreOnFer(
  model: tfl.LayersModel,
  images: FerImage[],
  labels: readonly string[],
  scale: number,
  offset: number,
  batchSize = 64,
): Score {
  const [, h, w, c] = model.inputs[0].shape as number[];
  const confusion = FER_CLASSES.map(() => FER_CLASSES.map(() => 0));
  for (let start = 0; start < images.length; start += batchSize) {
    const batch = images.slice(start, start + batchSize);
    const data = new Float32Array(batch.length * h * w * c);
    batch.forEach((img, b) => {
      const resized = img.width === w && img.height === h ? img.gray : resizeBilinear(img.gray, img.width, img.height, w, h);
      for (let p = 0; p < h * w; p++) for (let ch = 0; ch < c; ch++) data[(b * h * w + p) * c + ch] = resized[p] * scale + offset;
    });
    const predicted = tf.tidy(() => tf.argMax(model.predict(tf.tensor4d(data, [batch.length, h, w, c])) as tf.Tensor, -1).dataSync());
    batch.forEach((img, b) => {
      const t = FER_CLASSES.indexOf(img.label);
      const p = FER_CLASSES.indexOf(labels[predicted[b]] as (typeof FER_CLASSES)[number]);
      if (p >= 0) confusion[t][p]++;
    });
  }
  const n = images.length;
  const correct = FER_CLASSES.reduce((s, _, i) => s + confusion[i][i], 0);
  const f1s = FER_CLASSES.map((_, i) => {
    const tp = confusion[i][i];
    const actual = confusion[i].reduce((a, b) => a + b, 0);
    const predictedI = confusion.reduce((a, row) => a + row[i], 0);
    return tp === 0 ? 0 : (2 * tp) / (actual + predictedI);
  });
  return { accuracy: correct / n, macroF1: f1s.reduce((a, b) => a + b, 0) / f1s.length, n, confusion };
}
