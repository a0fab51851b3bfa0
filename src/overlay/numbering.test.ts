import { describe, expect, it } from 'vitest';
import { faceNumbers, inPictureOrder, isMirrored, sameFaceIds } from './numbering';

const face = (id: number, x: number, y = 0, width = 50) => ({ id, box: { x, y, width, height: 50 } });

describe('face numbering', () => {
  it('numbers faces left to right as shown, whatever their tracker ids', () => {
    const faces = [face(7, 400), face(2, 20), face(5, 200)];
    expect(inPictureOrder(faces, false).map((f) => f.id)).toEqual([2, 5, 7]);
    expect([...faceNumbers(faces, false)]).toEqual([[2, 1], [5, 2], [7, 3]]);
  });

  it('reverses the order in a mirrored view', () => {
    const faces = [face(7, 400), face(2, 20), face(5, 200)];
    expect(inPictureOrder(faces, true).map((f) => f.id)).toEqual([7, 5, 2]);
  });

  it('orders by the centre, then top to bottom', () => {
    // A wide face starting further left but centred right of a small one.
    expect(inPictureOrder([face(1, 0, 0, 300), face(2, 100, 0, 20)], false).map((f) => f.id)).toEqual([2, 1]);
    expect(inPictureOrder([face(1, 100, 300), face(2, 100, 10)], false).map((f) => f.id)).toEqual([2, 1]);
  });

  it('mirrors only the live camera', () => {
    expect(isMirrored(true, 'camera')).toBe(true);
    expect(isMirrored(true, 'image')).toBe(false);
    expect(isMirrored(true, 'demo')).toBe(false);
    expect(isMirrored(false, 'camera')).toBe(false);
  });
});

describe('sameFaceIds', () => {
  it('is true for the same ids in any order, false when one face replaced another', () => {
    expect(sameFaceIds([face(1, 0), face(2, 0)], [face(2, 5), face(1, 9)])).toBe(true);
    expect(sameFaceIds([face(1, 0), face(2, 0)], [face(1, 0), face(3, 0)])).toBe(false);
    expect(sameFaceIds([face(1, 0)], [face(1, 0), face(3, 0)])).toBe(false);
  });
});
