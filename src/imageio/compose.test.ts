import { describe, expect, it } from 'vitest';
import { compose, drawImage, fitImage, gridLayout, MID_GRAY } from './compose.ts';
import { createImage, type RgbaImage } from './types.ts';

const RED = [255, 0, 0, 255] as const;
const BLUE = [0, 0, 255, 255] as const;
const px = (img: RgbaImage, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

describe('fitImage', () => {
  it('contain letterboxes a wide image with mid-gray bars', () => {
    const out = fitImage(createImage(4, 2, RED), 4, 4);
    expect([out.width, out.height]).toEqual([4, 4]);
    for (let x = 0; x < 4; x++) {
      expect(px(out, x, 0)).toEqual([...MID_GRAY]);
      expect(px(out, x, 1)).toEqual([...RED]);
      expect(px(out, x, 2)).toEqual([...RED]);
      expect(px(out, x, 3)).toEqual([...MID_GRAY]);
    }
  });

  it('cover fills the canvas and crops the overflowing sides equally', () => {
    // 4×2: columns red, red, blue, blue... cropped to the central 2×2 (columns 1 and 2).
    const img = createImage(4, 2, RED);
    for (let y = 0; y < 2; y++) for (let x = 2; x < 4; x++) img.data.set(BLUE, (y * 4 + x) * 4);
    const out = fitImage(img, 2, 2, { fit: 'cover' });
    expect([px(out, 0, 0), px(out, 1, 0), px(out, 0, 1), px(out, 1, 1)]).toEqual([[...RED], [...BLUE], [...RED], [...BLUE]]);
  });
});

describe('drawImage', () => {
  it('blends semi-transparent pixels over the canvas and clips at edges', () => {
    const canvas = createImage(2, 1, [0, 0, 0, 255]);
    const src = createImage(2, 1, [255, 255, 255, 128]);
    drawImage(canvas, src, 1, 0); // second pixel falls outside and is clipped
    expect(px(canvas, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(px(canvas, 1, 0)).toEqual([128, 128, 128, 255]);
  });
});

describe('gridLayout', () => {
  it('puts six 3:2 photos in 3 columns × 2 rows on a 16:9 canvas, tiling it exactly', () => {
    const layout = gridLayout(6, 1280, 720, 1.5);
    expect(layout.cells.map((c) => [c.x, c.y, c.width, c.height])).toEqual([
      [0, 0, 427, 360], [427, 0, 426, 360], [853, 0, 427, 360],
      [0, 360, 427, 360], [427, 360, 426, 360], [853, 360, 427, 360],
    ]);
  });

  it('prefers a single row for wide canvases and few tall images', () => {
    expect(gridLayout(3, 900, 300, 0.75).cells.map((c) => c.x)).toEqual([0, 300, 600]);
  });
});

describe('compose', () => {
  it('places each image into its own cell', () => {
    const out = compose([createImage(4, 4, RED), createImage(4, 4, BLUE)], gridLayout(2, 8, 4, 1));
    expect(px(out, 1, 1)).toEqual([...RED]);
    expect(px(out, 6, 2)).toEqual([...BLUE]);
  });

  it('rejects more images than cells', () => {
    expect(() => compose([createImage(2, 2), createImage(2, 2)], { width: 4, height: 4, cells: [{ x: 0, y: 0, width: 4, height: 4 }] })).toThrow(
      'layout has 1 cells for 2 images',
    );
  });
});
