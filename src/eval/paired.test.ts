import { describe, expect, it } from 'vitest';
import { pairedGain } from './paired';

describe('pairedGain', () => {
  it('counts only the samples exactly one classifier gets right', () => {
    // 10 samples: both right on 5, only a on 3, only b on 1, both wrong on 1.
    const a = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0].map(Boolean);
    const b = [1, 1, 1, 1, 1, 0, 0, 0, 1, 0].map(Boolean);
    const r = pairedGain(a, b);
    expect(r.discordant).toBe(4);
    expect(r.gain).toBeCloseTo(0.2, 12);
    expect(r.se).toBeCloseTo(Math.sqrt(4 - 4 / 10) / 10, 12);
  });

  it('is zero with zero error when both read every sample alike', () => {
    const a = [true, false, true];
    expect(pairedGain(a, [...a])).toEqual({ gain: 0, se: 0, discordant: 0 });
  });
});
