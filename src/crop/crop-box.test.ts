import { describe, expect, it } from 'vitest';
import { intersectionArea, iou, mirrorBox, squareBox } from './crop-box';

describe('crop box math', () => {
  it('squares a box around its centre with a margin', () => {
    expect(squareBox({ x: 10, y: 20, width: 40, height: 60 }, 0)).toEqual({ x: 0, y: 20, width: 60, height: 60 });
    expect(squareBox({ x: 0, y: 0, width: 100, height: 100 }, 0.2)).toEqual({ x: -10, y: -10, width: 120, height: 120 });
  });

  it('normalizes to [y1, x1, y2, x2]', () => {
    expect(intersectionArea({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 8, width: 10, height: 10 })).toBe(10);
    expect(intersectionArea({ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 0, width: 5, height: 5 })).toBe(0);
  });

  it('computes IoU', () => {
    const a = { x: 0, y: 0, width: 10, height: 10 };
    expect(iou(a, a)).toBe(1);
    expect(iou(a, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(50 / 150, 10);
    expect(iou(a, { x: 20, y: 20, width: 5, height: 5 })).toBe(0);
  });

  it('mirrors a box inside the frame', () => {
    expect(mirrorBox({ x: 10, y: 5, width: 30, height: 20 }, 100)).toEqual({ x: 60, y: 5, width: 30, height: 20 });
  });
});
