// Turns a camera frame into the [h, w, 3] tensor the pipeline shares between detector and
// classifier. On WebGL tf.browser.fromPixels uploads the video straight into a texture, which is
// what we want. On WASM/CPU it reads the pixels through a canvas and converts RGBA → RGB int32 in
// a generic loop; here the same read feeds a tight loop that writes float32 directly, because both
// the detector and the crops cast the frame to float32 anyway (two full-frame casts saved).
import * as tf from '@tensorflow/tfjs-core';

export type Drawable = HTMLVideoElement | HTMLCanvasElement | HTMLImageElement | ImageBitmap | OffscreenCanvas;
export type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** RGBA bytes → RGB floats (0..255). `out` must hold pixels·3 values. */
export function rgbaToRgbFloat(rgba: ArrayLike<number>, out: Float32Array): Float32Array {
  const n = rgba.length >> 2;
  if (out.length < n * 3) throw new RangeError(`output holds ${out.length} values, ${n * 3} needed`);
  for (let i = 0, j = 0; i < n * 4; i += 4, j += 3) {
    out[j] = rgba[i];
    out[j + 1] = rgba[i + 1];
    out[j + 2] = rgba[i + 2];
  }
  return out;
}

export function drawableSize(s: Drawable): [number, number] {
  if (typeof HTMLVideoElement !== 'undefined' && s instanceof HTMLVideoElement) return [s.videoWidth, s.videoHeight];
  if (typeof HTMLImageElement !== 'undefined' && s instanceof HTMLImageElement) return [s.naturalWidth, s.naturalHeight];
  return [s.width, s.height];
}

export function isDrawable(s: unknown): s is Drawable {
  return (
    (typeof HTMLVideoElement !== 'undefined' && s instanceof HTMLVideoElement) ||
    (typeof HTMLCanvasElement !== 'undefined' && s instanceof HTMLCanvasElement) ||
    (typeof HTMLImageElement !== 'undefined' && s instanceof HTMLImageElement) ||
    (typeof ImageBitmap !== 'undefined' && s instanceof ImageBitmap) ||
    (typeof OffscreenCanvas !== 'undefined' && s instanceof OffscreenCanvas)
  );
}

export class FrameUploader {
  private ctx: Ctx2D | null = null;
  /** Reused between frames on WASM only: its tensors copy the data into the WASM heap, CPU keeps a reference. */
  private buffer: Float32Array | null = null;

  /** The backend the frames go to, decided once (a backend move builds a new pipeline). */
  constructor(private readonly backend: string = tf.getBackend()) {}

  upload(source: Parameters<typeof tf.browser.fromPixels>[0]): tf.Tensor3D {
    const backend = this.backend;
    if (backend === 'webgl' || !isDrawable(source)) return tf.browser.fromPixels(source);
    const [w, h] = drawableSize(source);
    if (w === 0 || h === 0) return tf.browser.fromPixels(source);
    const ctx = this.context(w, h);
    ctx.drawImage(source, 0, 0, w, h);
    const rgba = ctx.getImageData(0, 0, w, h).data;
    const size = w * h * 3;
    let out: Float32Array;
    if (backend === 'wasm') {
      if (this.buffer?.length !== size) this.buffer = new Float32Array(size);
      out = this.buffer;
    } else out = new Float32Array(size);
    return tf.tensor3d(rgbaToRgbFloat(rgba, out), [h, w, 3], 'float32');
  }

  private context(w: number, h: number): Ctx2D {
    this.ctx = readbackContext(this.ctx, w, h, 'read camera frames');
    return this.ctx;
  }
}

/**
 * A 2D context of w×h for drawing and reading pixels back every frame (`current` is reused and
 * resized). willReadFrequently keeps the canvas in CPU memory, so getImageData stays cheap.
 */
export function readbackContext(current: Ctx2D | null, w: number, h: number, purpose: string): Ctx2D {
  let ctx = current;
  if (!ctx) {
    const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(w, h) : document.createElement('canvas');
    ctx = canvas.getContext('2d', { willReadFrequently: true }) as Ctx2D | null;
    if (!ctx) throw new Error(`2D canvas is not available to ${purpose}`);
  }
  if (ctx.canvas.width !== w || ctx.canvas.height !== h) {
    ctx.canvas.width = w;
    ctx.canvas.height = h;
  }
  return ctx;
}
