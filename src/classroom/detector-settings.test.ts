import { describe, expect, it } from 'vitest';
import { clampMaxFaces, detectorId, detectorOptions, FAR_DETECTOR_ID } from './detector-settings';

describe('detector settings', () => {
  it('uses the full-range model on tiles for far faces, the default otherwise', () => {
    expect(detectorId('blazeface-short', { farFaces: false })).toBe('blazeface-short');
    expect(detectorId('blazeface-short', { farFaces: true })).toBe(FAR_DETECTOR_ID);
    expect(detectorOptions({ farFaces: true, maxFaces: 12 })).toEqual({ maxFaces: 12, tiled: true, limit: 30 });
  });

  it('keeps max faces within 1..30', () => {
    expect(clampMaxFaces(0)).toBe(1);
    expect(clampMaxFaces(45)).toBe(30);
    expect(clampMaxFaces(Number.NaN)).toBe(10);
    expect(clampMaxFaces(7.4)).toBe(7);
  });
});
