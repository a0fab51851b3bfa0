import { describe, expect, it } from 'vitest';
import { eyeAngle, faceCrop, iou, squareBox } from './crop-box';

describe('crop boxes', () => {
  it('squares the box around its centre with the margin', () => {
    expect(squareBox({ x: 10, y: 20, width: 100, height: 80 }, 0.2)).toEqual({ x: 0, y: 0, width: 120, height: 120 });
  });

  it('eye angle: level eyes 0, left eye lower = positive (clockwise in image axes), implausible = null', () => {
    expect(eyeAngle([{ x: 10, y: 50 }, { x: 60, y: 50 }])).toBe(0);
    expect(eyeAngle([{ x: 10, y: 50 }, { x: 60, y: 100 }])).toBeCloseTo(Math.PI / 4, 10);
    expect(eyeAngle([{ x: 10, y: 50 }, { x: 60, y: 30 }])).toBeCloseTo(Math.atan2(-20, 50), 10);
    expect(eyeAngle([{ x: 10, y: 50 }, { x: 10, y: 100 }])).toBeNull(); // 90°
    expect(eyeAngle([{ x: 10, y: 50 }])).toBeNull();
    expect(eyeAngle(undefined)).toBeNull();
  });

  it('faceCrop turns only when alignment is on and keypoints exist', () => {
    const box = { x: 0, y: 0, width: 100, height: 100 };
    const kp = [{ x: 30, y: 40 }, { x: 70, y: 60 }];
    expect(faceCrop(box, 0.2, kp, false)).toEqual({ cx: 50, cy: 50, side: 120, angle: 0 });
    expect(faceCrop(box, 0.2, kp, true).angle).toBeCloseTo(Math.atan2(20, 40), 10);
    expect(faceCrop(box, 0.2, undefined, true).angle).toBe(0);
  });

  it('iou', () => {
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(50 / 150, 10);
  });
});
