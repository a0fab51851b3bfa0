import { describe, expect, it } from 'vitest';
import { compare, median, pairOrder } from './compare';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('compare', () => {
  it('gives the ratio of the medians, the median and geometric mean of the pair ratios, and the wins', () => {
    const c = compare([
      { a: 80, b: 100 },
      { a: 90, b: 90 },
      { a: 120, b: 100 },
      { a: 70, b: 140 },
    ]);
    expect(c.pairs).toBe(4);
    expect(c.medianA).toBe(85);
    expect(c.medianB).toBe(100);
    expect(c.ratioOfMedians).toBeCloseTo(0.85);
    // ratios 0.8, 1, 1.2, 0.5 → median 0.9
    expect(c.medianPairRatio).toBeCloseTo(0.9);
    expect(c.geoMeanRatio).toBeCloseTo(Math.pow(0.8 * 1 * 1.2 * 0.5, 1 / 4));
    expect(c.ratioOfMeans).toBeCloseTo(360 / 430);
    expect(c.aSmaller).toBe(2);
  });

  it('drops pairs where either side was not measured', () => {
    const c = compare([
      { a: 50, b: 100 },
      { a: NaN, b: 100 },
      { a: 60, b: 0 },
    ]);
    expect(c.pairs).toBe(1);
    expect(c.ratioOfMedians).toBe(0.5);
  });

  it('is neutral between equal trees', () => {
    const c = compare([1, 2, 3].map((x) => ({ a: x, b: x })));
    expect(c.ratioOfMedians).toBe(1);
    expect(c.medianPairRatio).toBe(1);
    expect(c.aSmaller).toBe(0);
  });
});

describe('pairOrder', () => {
  it('alternates which tree runs first', () => {
    expect([0, 1, 2, 3].map(pairOrder)).toEqual([['a', 'b'], ['b', 'a'], ['a', 'b'], ['b', 'a']]);
  });
});
