// Test support: the layer maths written out in plain loops (NHWC, one image), independent of
// tfjs, to check converted models against.

export interface Image {
  h: number;
  w: number;
  c: number;
  data: Float32Array; // index (y * w + x) * c + ch
}

/** Conv2D, stride 1, "valid" padding; kernel in Keras layout [kh, kw, in, out]. */
export function conv2d(img: Image, kernel: Float32Array, kh: number, kw: number, out: number, bias?: Float32Array): Image {
  const h = img.h - kh + 1;
  const w = img.w - kw + 1;
  const data = new Float32Array(h * w * out);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let o = 0; o < out; o++) {
        let s = bias ? bias[o] : 0;
        for (let i = 0; i < kh; i++) {
          for (let j = 0; j < kw; j++) {
            for (let ch = 0; ch < img.c; ch++) {
              s += img.data[((y + i) * img.w + (x + j)) * img.c + ch] * kernel[((i * kw + j) * img.c + ch) * out + o];
            }
          }
        }
        data[(y * w + x) * out + o] = s;
      }
    }
  }
  return { h, w, c: out, data };
}

/** Dense on a flat vector; kernel in Keras layout [in, out]. */
export function dense(x: Float32Array, kernel: Float32Array, out: number, bias?: Float32Array): Float32Array {
  const y = new Float32Array(out);
  for (let o = 0; o < out; o++) {
    let s = bias ? bias[o] : 0;
    for (let i = 0; i < x.length; i++) s += x[i] * kernel[i * out + o];
    y[o] = s;
  }
  return y;
}

export const relu = (x: Float32Array, max = Infinity): Float32Array => x.map((v) => Math.min(Math.max(v, 0), max));

export function softmax(x: Float32Array): Float32Array {
  const m = Math.max(...x);
  const e = x.map((v) => Math.exp(v - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** Inference-time batch normalization over the last axis. */
export function batchNorm(
  x: Float32Array,
  channels: number,
  p: { gamma: Float32Array; beta: Float32Array; mean: Float32Array; variance: Float32Array; epsilon: number },
): Float32Array {
  return x.map((v, i) => {
    const c = i % channels;
    return p.gamma[c] * ((v - p.mean[c]) / Math.sqrt(p.variance[c] + p.epsilon)) + p.beta[c];
  });
}

export function globalAveragePool(img: Image): Float32Array {
  const out = new Float32Array(img.c);
  for (let p = 0; p < img.h * img.w; p++) for (let c = 0; c < img.c; c++) out[c] += img.data[p * img.c + c];
  return out.map((v) => v / (img.h * img.w));
}

/** MaxPooling2D with a 2×2 window, stride 2, "valid" padding. */
export function maxPool2x2(img: Image): Image {
  const h = Math.floor(img.h / 2);
  const w = Math.floor(img.w / 2);
  const data = new Float32Array(h * w * img.c);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < img.c; c++) {
        let m = -Infinity;
        for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) m = Math.max(m, img.data[((2 * y + i) * img.w + 2 * x + j) * img.c + c]);
        data[(y * w + x) * img.c + c] = m;
      }
    }
  }
  return { h, w, c: img.c, data };
}

/** The same values laid out channels-first: [c][h][w]. */
export function toChw(img: Image): Float32Array {
  const out = new Float32Array(img.data.length);
  for (let y = 0; y < img.h; y++) for (let x = 0; x < img.w; x++) for (let c = 0; c < img.c; c++) out[(c * img.h + y) * img.w + x] = img.data[(y * img.w + x) * img.c + c];
  return out;
}

/**
 * MaxPooling2D 2×2, stride 2, "valid", data_format channels_first, applied to an array laid out
 * [h][w][c] (what a channels_last Conv2D outputs): Keras then takes h as the channels and pools over
 * w and c — what EmoPy's models do.
 */
export function maxPool2x2ChannelsFirst(img: Image): Image {
  const w = Math.floor(img.w / 2);
  const c = Math.floor(img.c / 2);
  const data = new Float32Array(img.h * w * c);
  for (let y = 0; y < img.h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < c; ch++) {
        let m = -Infinity;
        for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) m = Math.max(m, img.data[(y * img.w + 2 * x + i) * img.c + 2 * ch + j]);
        data[(y * w + x) * c + ch] = m;
      }
    }
  }
  return { h: img.h, w, c, data };
}
