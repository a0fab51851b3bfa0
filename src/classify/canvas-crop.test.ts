import { describe, expect, it } from 'vitest';
import { cropAndResizeTileTransform, stripToBatch, tileTransform } from './canvas-crop';
import { affineRow } from './preprocess';
import type { FaceCrop } from '../crop/crop-box';

const apply = (m: number[], x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

describe('canvas face crops (followed frames on WASM/CPU)', () => {
  it('puts the crop centre at the tile centre, in the right tile', () => {
    const crop: FaceCrop = { cx: 300, cy: 200, side: 128, angle: 0 };
    expect(apply(tileTransform(crop, 1, 64, 64, 0), 300, 200)).toEqual([32, 32]);
    expect(apply(tileTransform(crop, 1, 64, 64, 2), 300, 200)).toEqual([160, 32]);
    // The crop's top-left corner lands on the tile's; a zoom view (TTA) covers a smaller square.
    expect(apply(tileTransform(crop, 1, 64, 64, 1), 236, 136)).toEqual([64, 0]);
    const [x, y] = apply(tileTransform(crop, 0.5, 64, 64, 0), 268, 168);
    expect(x).toBeCloseTo(0);
    expect(y).toBeCloseTo(0);
  });

  it('is the inverse of the tensor path’s sampling (tf.image.transform rows), rotation included', () => {
    for (const crop of [
      { cx: 321.5, cy: 207.25, side: 151, angle: 0.3 },
      { cx: 90, cy: 400, side: 60, angle: -0.9 },
    ]) {
      for (const scale of [1, 0.92, 1.08]) {
        const row = affineRow(crop, scale, 64, 48);
        const m = tileTransform(crop, scale, 64, 48, 0);
        for (const [x, y] of [[0, 0], [63, 0], [10, 47], [31, 20]]) {
          // Output pixel (x, y) samples frame point (fx, fy) in pixel-index space (centres at integers) …
          const fx = row[0] * x + row[1] * y + row[2];
          const fy = row[3] * x + row[4] * y + row[5];
          // … which the canvas maps back to that pixel's centre (canvas: centres at +0.5).
          const [tx, ty] = apply(m, fx + 0.5, fy + 0.5);
          expect(tx).toBeCloseTo(x + 0.5, 6);
          expect(ty).toBeCloseTo(y + 0.5, 6);
        }
      }
    }
  });

  it('samples upright crops where tf.image.cropAndResize does (the tensor path for unrotated faces)', () => {
    const crop: FaceCrop = { cx: 300.5, cy: 180, side: 150, angle: 0 };
    const [fw, fh, w, h] = [640, 480, 64, 64];
    for (const scale of [1, 0.92]) {
      const half = (crop.side * scale) / 2;
      const [y1, x1, y2, x2] = [(crop.cy - half) / fh, (crop.cx - half) / fw, (crop.cy + half) / fh, (crop.cx + half) / fw];
      const m = cropAndResizeTileTransform(crop, scale, w, h, fw, fh, 1);
      for (const [i, j] of [[0, 0], [63, 63], [17, 40]]) {
        const fx = x1 * (fw - 1) + (i * (x2 - x1) * (fw - 1)) / (w - 1);
        const fy = y1 * (fh - 1) + (j * (y2 - y1) * (fh - 1)) / (h - 1);
        const [tx, ty] = apply(m, fx + 0.5, fy + 0.5);
        expect(tx).toBeCloseTo(w + i + 0.5, 6); // tile 1
        expect(ty).toBeCloseTo(j + 0.5, 6);
      }
    }
  });

  it('splits an RGBA strip of tiles into a tile-major RGB batch', () => {
    // 2 tiles of 2×1 pixels: strip row = [t0p0, t0p1, t1p0, t1p1], pixel value = its index·10 + channel.
    const rgba = [0, 1, 2, 255, 10, 11, 12, 255, 20, 21, 22, 255, 30, 31, 32, 255];
    expect(Array.from(stripToBatch(rgba, 2, 2, 1))).toEqual([0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32]);
    // 1 tile of 1×2: rows stack.
    expect(Array.from(stripToBatch([5, 6, 7, 0, 8, 9, 10, 0], 1, 1, 2))).toEqual([5, 6, 7, 8, 9, 10]);
  });
});
