import { resizeImage } from './resize.ts';
import { createImage, type RgbaImage } from './types.ts';

export type Fit = 'contain' | 'cover';
export type Rgba = readonly [number, number, number, number];

/** Padding colour for letterboxing: neutral, so it neither looks like skin nor clips in YUV. */
export const MID_GRAY: Rgba = [128, 128, 128, 255];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  width: number;
  height: number;
  cells: Rect[];
}

export interface FitOptions {
  fit?: Fit;
  background?: Rgba;
}

/** Copies a sub-rectangle (must lie inside the image). */
export function cropImage(img: RgbaImage, r: Rect): RgbaImage {
  if (r.x < 0 || r.y < 0 || r.width <= 0 || r.height <= 0 || r.x + r.width > img.width || r.y + r.height > img.height) {
    throw new RangeError(`crop ${r.width}x${r.height}+${r.x}+${r.y} is outside ${img.width}x${img.height}`);
  }
  const out = createImage(r.width, r.height);
  const row = r.width * 4;
  for (let y = 0; y < r.height; y++) {
    const s = ((r.y + y) * img.width + r.x) * 4;
    out.data.set(img.data.subarray(s, s + row), y * row);
  }
  return out;
}

/** Alpha-composites `src` over `dst` at (x, y), clipping to dst. Mutates dst. */
export function drawImage(dst: RgbaImage, src: RgbaImage, x: number, y: number): void {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(dst.width, x + src.width);
  const y1 = Math.min(dst.height, y + src.height);
  const d = dst.data;
  const s = src.data;
  for (let yy = y0; yy < y1; yy++) {
    let di = (yy * dst.width + x0) * 4;
    let si = ((yy - y) * src.width + (x0 - x)) * 4;
    for (let xx = x0; xx < x1; xx++, di += 4, si += 4) {
      const a = s[si + 3];
      if (a === 255) {
        d[di] = s[si];
        d[di + 1] = s[si + 1];
        d[di + 2] = s[si + 2];
        d[di + 3] = 255;
      } else if (a > 0) {
        // Porter-Duff "over" with straight (non-premultiplied) alpha.
        const da = d[di + 3] * (1 - a / 255);
        const oa = a + da;
        for (let c = 0; c < 3; c++) d[di + c] = Math.round((s[si + c] * a + d[di + c] * da) / oa);
        d[di + 3] = Math.round(oa);
      }
    }
  }
}

/**
 * Scales `img` into a width×height canvas keeping its aspect ratio.
 * contain: whole image visible, centred, padded with `background` (letterbox/pillarbox).
 * cover: canvas filled, the overflowing part cropped equally from both sides.
 */
export function fitImage(img: RgbaImage, width: number, height: number, opts: FitOptions = {}): RgbaImage {
  const { fit = 'contain', background = MID_GRAY } = opts;
  const canvas = createImage(width, height, background);
  if (fit === 'cover') {
    // Crop the source to the target aspect first, so we never resize pixels we'd throw away.
    const scale = Math.max(width / img.width, height / img.height);
    const cw = Math.min(img.width, Math.max(1, Math.round(width / scale)));
    const ch = Math.min(img.height, Math.max(1, Math.round(height / scale)));
    const crop = cropImage(img, { x: Math.floor((img.width - cw) / 2), y: Math.floor((img.height - ch) / 2), width: cw, height: ch });
    drawImage(canvas, resizeImage(crop, width, height), 0, 0);
  } else {
    const scale = Math.min(width / img.width, height / img.height);
    const sw = Math.min(width, Math.max(1, Math.round(img.width * scale)));
    const sh = Math.min(height, Math.max(1, Math.round(img.height * scale)));
    drawImage(canvas, resizeImage(img, sw, sh), Math.floor((width - sw) / 2), Math.floor((height - sh) / 2));
  }
  return canvas;
}

/**
 * Splits width×height into `count` equal cells, choosing the column count that makes images of
 * aspect ratio `aspect` (w/h) largest when contained in a cell. Cells tile the canvas exactly.
 */
export function gridLayout(count: number, width: number, height: number, aspect = 4 / 3): Layout {
  if (!Number.isInteger(count) || count <= 0) throw new RangeError(`grid needs at least one image, got ${count}`);
  let best = { cols: 1, rows: count, area: -1 };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const cw = width / cols;
    const ch = height / rows;
    const s = Math.min(cw / aspect, ch); // height of the contained image
    const area = s * s * aspect;
    if (area > best.area + 1e-9) best = { cols, rows, area };
  }
  const { cols, rows } = best;
  const cells: Rect[] = [];
  for (let i = 0; i < count; i++) {
    const c = i % cols;
    const r = Math.floor(i / cols);
    // Integer boundaries from rounding cumulative positions, so cells never overlap or leave gaps.
    const x = Math.round((c * width) / cols);
    const y = Math.round((r * height) / rows);
    cells.push({ x, y, width: Math.round(((c + 1) * width) / cols) - x, height: Math.round(((r + 1) * height) / rows) - y });
  }
  return { width, height, cells };
}

/** Places images[i] into layout.cells[i] (fitted per `fit`) on one canvas filled with `background`. */
export function compose(images: readonly RgbaImage[], layout: Layout, opts: FitOptions = {}): RgbaImage {
  if (images.length > layout.cells.length) {
    throw new RangeError(`layout has ${layout.cells.length} cells for ${images.length} images`);
  }
  const canvas = createImage(layout.width, layout.height, opts.background ?? MID_GRAY);
  images.forEach((img, i) => {
    const cell = layout.cells[i];
    drawImage(canvas, fitImage(img, cell.width, cell.height, opts), cell.x, cell.y);
  });
  return canvas;
}
