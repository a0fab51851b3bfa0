// Face crops sampled straight from the video with a 2D canvas, for frames where the detector
// does not run on WASM/CPU: the classifier needs only n small tiles, so reading the whole frame
// into a tensor (getImageData of every pixel, then a float copy) would be wasted work. Same
// geometry as cropFaces (square crop, eye-level rotation, TTA zooms, mid-gray outside the frame)
// and bilinear sampling, so both paths feed the model the same picture.
import * as tf from '@tensorflow/tfjs-core';
import type { FaceCrop } from '../crop/crop-box';
import type { ModelManifest } from '../models/manifest';
import { drawableSize, readbackContext, type Ctx2D, type Drawable } from '../backend/frame-upload';
import { finishViews, OUTSIDE_FRAME_VALUE, ttaScales, type TtaMode } from './preprocess';

/** Canvas transform [a, b, c, d, e, f] taking frame pixels to tile `index` (outW×outH) of a strip. */
export function tileTransform(crop: FaceCrop, scale: number, outW: number, outH: number, index: number): [number, number, number, number, number, number] {
  const s = crop.side * scale;
  const cos = Math.cos(crop.angle);
  const sin = Math.sin(crop.angle);
  // tile = T(tile centre) · S(out/s) · R(−angle) · T(−centre) · frame
  const sx = outW / s;
  const sy = outH / s;
  const a = sx * cos;
  const b = -sy * sin;
  const c = sx * sin;
  const d = sy * cos;
  const e = index * outW + outW / 2 - (a * crop.cx + c * crop.cy);
  const f = outH / 2 - (b * crop.cx + d * crop.cy);
  return [a, b, c, d, e, f];
}

/**
 * The same for an upright crop as tf.image.cropAndResize samples it (cropFaces uses that when no
 * crop is rotated): output pixel i sits at x1·(W−1) + i·(x2−x1)·(W−1)/(w−1) in pixel-index space
 * (box corners on pixel centres), a slightly different scale and offset than the rotated path.
 */
export function cropAndResizeTileTransform(crop: FaceCrop, scale: number, outW: number, outH: number, frameW: number, frameH: number, index: number): [number, number, number, number, number, number] {
  const half = (crop.side * scale) / 2;
  const axis = (centre: number, frame: number, out: number) => {
    const start = ((centre - half) / frame) * (frame - 1);
    const step = ((2 * half) / frame) * (frame - 1) / Math.max(1, out - 1);
    // canvas u = i + 0.5 samples frame X = start + i·step + 0.5  →  u = (X − start − 0.5) / step + 0.5
    return [1 / step, 0.5 - (start + 0.5) / step] as const;
  };
  const [a, ex] = axis(crop.cx, frameW, outW);
  const [d, fy] = axis(crop.cy, frameH, outH);
  return [a, 0, 0, d, ex + index * outW, fy];
}

/** RGBA strip of `count` tiles side by side → RGB floats [count, h, w, 3] (tile-major). */
export function stripToBatch(rgba: ArrayLike<number>, count: number, w: number, h: number): Float32Array {
  const out = new Float32Array(count * h * w * 3);
  const stride = count * w;
  let o = 0;
  for (let t = 0; t < count; t++) {
    for (let y = 0; y < h; y++) {
      let i = (y * stride + t * w) * 4;
      for (let x = 0; x < w; x++, i += 4) {
        out[o++] = rgba[i];
        out[o++] = rgba[i + 1];
        out[o++] = rgba[i + 2];
      }
    }
  }
  return out;
}

export class CanvasCropper {
  private ctx: Ctx2D | null = null;

  /** The normalized batch [views·n, h, w, c], ordered like cropFaces. The caller disposes it. */
  crop(source: Drawable, crops: FaceCrop[], manifest: ModelManifest, tta: TtaMode): tf.Tensor4D {
    const { width: w, height: h } = manifest.input;
    const [frameW, frameH] = drawableSize(source);
    const upright = crops.every((c) => c.angle === 0);
    const scales = ttaScales(tta);
    const count = scales.length * crops.length;
    const ctx = this.context(count * w, h);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    const gray = OUTSIDE_FRAME_VALUE;
    ctx.fillStyle = `rgb(${gray}, ${gray}, ${gray})`;
    ctx.fillRect(0, 0, count * w, h);
    let index = 0;
    for (const s of scales) {
      for (const c of crops) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(index * w, 0, w, h);
        ctx.clip();
        ctx.setTransform(...(upright ? cropAndResizeTileTransform(c, s, w, h, frameW, frameH, index) : tileTransform(c, s, w, h, index)));
        ctx.drawImage(source, 0, 0);
        ctx.restore();
        index++;
      }
    }
    const rgba = ctx.getImageData(0, 0, count * w, h).data;
    return tf.tidy(() => finishViews(tf.tensor4d(stripToBatch(rgba, count, w, h), [count, h, w, 3]), manifest, tta));
  }

  private context(w: number, h: number): Ctx2D {
    this.ctx = readbackContext(this.ctx, w, h, 'crop faces');
    this.ctx.imageSmoothingEnabled = true;
    this.ctx.imageSmoothingQuality = 'low'; // bilinear, as cropAndResize samples
    return this.ctx;
  }
}
