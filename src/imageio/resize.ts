import { createImage, type RgbaImage } from './types.ts';

/**
 * Bilinear resize with pixel-centre alignment (like OpenCV INTER_LINEAR / TF half_pixel_centers):
 * output pixel x samples source coordinate (x + 0.5) * srcW / w - 0.5, clamped to the edge.
 * Colour is interpolated premultiplied by alpha so transparent pixels don't bleed dark fringes.
 */
export function resizeBilinear(img: RgbaImage, width: number, height: number): RgbaImage {
  const out = createImage(width, height);
  const { width: W, height: H, data: src } = img;
  const xs = axisTaps(W, width);
  const ys = axisTaps(H, height);
  const dst = out.data;
  for (let y = 0; y < height; y++) {
    const r0 = ys.i0[y] * W;
    const r1 = ys.i1[y] * W;
    const fy = ys.f[y];
    for (let x = 0; x < width; x++) {
      const fx = xs.f[x];
      const w00 = (1 - fx) * (1 - fy);
      const w01 = fx * (1 - fy);
      const w10 = (1 - fx) * fy;
      const w11 = fx * fy;
      const p00 = (r0 + xs.i0[x]) * 4;
      const p01 = (r0 + xs.i1[x]) * 4;
      const p10 = (r1 + xs.i0[x]) * 4;
      const p11 = (r1 + xs.i1[x]) * 4;
      const a00 = w00 * src[p00 + 3];
      const a01 = w01 * src[p01 + 3];
      const a10 = w10 * src[p10 + 3];
      const a11 = w11 * src[p11 + 3];
      const a = a00 + a01 + a10 + a11;
      const o = (y * width + x) * 4;
      dst[o + 3] = Math.round(a);
      if (a === 0) continue; // fully transparent: colour is meaningless, leave 0
      for (let c = 0; c < 3; c++) {
        dst[o + c] = Math.round((a00 * src[p00 + c] + a01 * src[p01 + c] + a10 * src[p10 + c] + a11 * src[p11 + c]) / a);
      }
    }
  }
  return out;
}

function axisTaps(srcLen: number, dstLen: number) {
  const i0 = new Int32Array(dstLen);
  const i1 = new Int32Array(dstLen);
  const f = new Float64Array(dstLen);
  const scale = srcLen / dstLen;
  for (let i = 0; i < dstLen; i++) {
    const s = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), srcLen - 1);
    i0[i] = Math.floor(s);
    i1[i] = Math.min(i0[i] + 1, srcLen - 1);
    f[i] = s - i0[i];
  }
  return { i0, i1, f };
}

/**
 * Averages non-overlapping fx×fy blocks (premultiplied). Used before bilinear when shrinking by
 * 2× or more, because plain bilinear then skips source pixels and aliases fine detail (faces!).
 */
export function downscaleBox(img: RgbaImage, fx: number, fy: number): RgbaImage {
  const width = Math.floor(img.width / fx);
  const height = Math.floor(img.height / fy);
  const out = createImage(width, height);
  const { width: W, data: src } = img;
  const dst = out.data;
  const n = fx * fy;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let dy = 0; dy < fy; dy++) {
        let p = ((y * fy + dy) * W + x * fx) * 4;
        for (let dx = 0; dx < fx; dx++, p += 4) {
          const al = src[p + 3];
          r += src[p] * al;
          g += src[p + 1] * al;
          b += src[p + 2] * al;
          a += al;
        }
      }
      const o = (y * width + x) * 4;
      dst[o + 3] = Math.round(a / n);
      if (a === 0) continue;
      dst[o] = Math.round(r / a);
      dst[o + 1] = Math.round(g / a);
      dst[o + 2] = Math.round(b / a);
    }
  }
  return out;
}

/** Good-quality resize for any ratio: box pre-shrink by the integer part of large factors, then bilinear. */
export function resizeImage(img: RgbaImage, width: number, height: number): RgbaImage {
  if (img.width === width && img.height === height) return img;
  const fx = Math.max(1, Math.floor(img.width / width));
  const fy = Math.max(1, Math.floor(img.height / height));
  const pre = fx > 1 || fy > 1 ? downscaleBox(img, fx, fy) : img;
  return resizeBilinear(pre, width, height);
}
