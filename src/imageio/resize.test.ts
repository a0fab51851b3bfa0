import { describe, expect, it } from 'vitest';
import { resizeBilinear, resizeImage } from './resize.ts';
import type { RgbaImage } from './types.ts';

/** Opaque gray image from rows of levels. */
function gray(rows: number[][]): RgbaImage {
  const height = rows.length;
  const width = rows[0].length;
  const data = new Uint8Array(rows.flat().flatMap((v) => [v, v, v, 255]));
  return { width, height, data };
}

const levels = (img: RgbaImage) => Array.from({ length: img.width * img.height }, (_, i) => img.data[i * 4]);

describe('resizeBilinear', () => {
  it('upsamples 2→4 with pixel-centre alignment (hand-computed)', () => {
    // Output x samples source (x+0.5)/2-0.5 = -0.25, 0.25, 0.75, 1.25 → clamp, 25%, 75%, clamp.
    expect(levels(resizeBilinear(gray([[0, 100]]), 4, 1))).toEqual([0, 25, 75, 100]);
  });

  it('downsamples 2×2→1×1 to the mean of all four taps', () => {
    expect(levels(resizeBilinear(gray([[0, 100], [200, 40]]), 1, 1))).toEqual([85]);
  });

  it('interpolates both axes: 2×2→3×3 centre and edges', () => {
    // Centre samples (0.5, 0.5); edge midpoints sample (0.5, 0) etc.
    const out = levels(resizeBilinear(gray([[0, 100], [200, 40]]), 3, 3));
    expect(out).toEqual([0, 50, 100, 100, 85, 70, 200, 120, 40]);
  });

  it('interpolates colour premultiplied so transparency does not darken', () => {
    const img: RgbaImage = { width: 2, height: 1, data: new Uint8Array([255, 0, 0, 255, 0, 0, 0, 0]) };
    const out = resizeBilinear(img, 3, 1);
    // Middle samples x=0.5: half opaque red + half transparent → red at alpha 128, not dark red.
    expect(Array.from(out.data.subarray(4, 8))).toEqual([255, 0, 0, 128]);
  });

  it('keeps identity size unchanged', () => {
    const img = gray([[1, 2, 3], [4, 5, 6]]);
    expect(levels(resizeBilinear(img, 3, 2))).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('resizeImage', () => {
  it('averages when shrinking a lot instead of picking single pixels (no aliasing)', () => {
    const checker = gray(Array.from({ length: 6 }, (_, y) => Array.from({ length: 6 }, (_, x) => ((x + y) % 2 ? 255 : 0))));
    // Plain bilinear at 3× lands exactly on source pixels and returns pure 0/255.
    expect(levels(resizeBilinear(checker, 2, 2)).every((v) => v === 0 || v === 255)).toBe(true);
    for (const v of levels(resizeImage(checker, 2, 2))) expect(v).toBeGreaterThan(100), expect(v).toBeLessThan(160);
  });
});
