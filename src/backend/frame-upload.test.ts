import { describe, expect, it } from 'vitest';
import { rgbaToRgbFloat } from './frame-upload';

describe('rgbaToRgbFloat', () => {
  it('drops alpha and keeps 0..255 values as floats', () => {
    const rgba = new Uint8ClampedArray([1, 2, 3, 255, 250, 128, 0, 7]);
    expect(Array.from(rgbaToRgbFloat(rgba, new Float32Array(6)))).toEqual([1, 2, 3, 250, 128, 0]);
  });
  it('refuses a too-small output', () => {
    expect(() => rgbaToRgbFloat(new Uint8ClampedArray(8), new Float32Array(5))).toThrow(RangeError);
  });
});
