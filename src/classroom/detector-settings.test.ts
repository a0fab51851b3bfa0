import { describe, expect, it } from 'vitest';
import { autoDetectorOptions, clampMaxFaces, parseFarFaces } from './detector-settings';

describe('detector settings', () => {
  it('passes the far-faces mode and a clamped max faces to the auto detector', () => {
    expect(autoDetectorOptions({ farFaces: 'auto', maxFaces: 12 })).toEqual({ maxFaces: 12, far: 'auto' });
    expect(autoDetectorOptions({ farFaces: 'off', maxFaces: 99 })).toEqual({ maxFaces: 30, far: 'off' });
  });

  it('reads auto / on / off, anything else as auto', () => {
    expect(parseFarFaces('on')).toBe('on');
    expect(parseFarFaces('off')).toBe('off');
    expect(parseFarFaces('true')).toBe('auto');
    expect(parseFarFaces(undefined)).toBe('auto');
  });

  it('keeps max faces within 1..30', () => {
    expect(clampMaxFaces(0)).toBe(1);
    expect(clampMaxFaces(45)).toBe(30);
    expect(clampMaxFaces(Number.NaN)).toBe(10);
    expect(clampMaxFaces(7.4)).toBe(7);
  });
});
