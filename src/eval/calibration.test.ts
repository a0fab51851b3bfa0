import { describe, expect, it } from 'vitest';
import { calibration, fitTemperature, meanNll, softmaxRow } from './calibration';

describe('calibration', () => {
  it('is 0 for perfectly calibrated bins and |acc − conf| weighted by count otherwise', () => {
    // 10 samples at 0.8 confidence, 8 right: calibrated.
    const conf = new Array(10).fill(0.8);
    const right = [...new Array(8).fill(true), false, false];
    expect(calibration(conf, right).ece).toBeCloseTo(0, 10);
    // All at 0.9 but only half right: ECE 0.4.
    expect(calibration(new Array(4).fill(0.9), [true, false, true, false]).ece).toBeCloseTo(0.4, 10);
  });

  it('puts confidence 1 in the last of 15 bins and reports empty bins as NaN', () => {
    const c = calibration([1, 0.01], [true, false]);
    expect(c.bins).toHaveLength(15);
    expect(c.bins[14].count).toBe(1);
    expect(c.bins[0].count).toBe(1);
    expect(c.bins[7].accuracy).toBeNaN();
    expect(c.ece).toBeCloseTo((0 + 0.01) / 2, 10);
  });
});

describe('temperature', () => {
  it('recovers the temperature that generated over-confident logits', () => {
    // Truth drawn so that softmax(z / 2) is calibrated: over-confident logits need T = 2.
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const logits: number[][] = [];
    const truth: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const z = [rand() * 8, rand() * 8, rand() * 8];
      const p = softmaxRow(z, 2);
      const u = rand();
      truth.push(u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2);
      logits.push(z);
    }
    const t = fitTemperature(logits, truth);
    expect(t).toBeGreaterThan(1.8);
    expect(t).toBeLessThan(2.2);
    expect(meanNll(logits.map((z) => softmaxRow(z, t)), truth)).toBeLessThan(meanNll(logits.map((z) => softmaxRow(z, 1)), truth));
  });
});
