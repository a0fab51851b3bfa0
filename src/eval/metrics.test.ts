import { describe, expect, it } from 'vitest';
import { computeMetrics, confusionMatrix, formatConfusion } from './metrics';

// Hand-made matrix, rows = truth:   a: 5 1 0 | b: 2 3 1 | c: 0 0 4
const M = [
  [5, 1, 0],
  [2, 3, 1],
  [0, 0, 4],
];

describe('computeMetrics', () => {
  it('matches hand-computed accuracy, precision, recall, F1 and macro-F1', () => {
    const m = computeMetrics(M, ['a', 'b', 'c']);
    expect(m.n).toBe(16);
    expect(m.accuracy).toBeCloseTo(12 / 16, 10);
    expect(m.perClass.a).toEqual({ precision: 5 / 7, recall: 5 / 6, f1: expect.closeTo(10 / 13, 10), support: 6 });
    expect(m.perClass.b.precision).toBeCloseTo(3 / 4, 10);
    expect(m.perClass.b.recall).toBeCloseTo(1 / 2, 10);
    expect(m.perClass.b.f1).toBeCloseTo(0.6, 10);
    expect(m.perClass.c.precision).toBeCloseTo(4 / 5, 10);
    expect(m.perClass.c.recall).toBe(1);
    expect(m.perClass.c.f1).toBeCloseTo(8 / 9, 10);
    expect(m.macroF1).toBeCloseTo((10 / 13 + 0.6 + 8 / 9) / 3, 10);
  });

  it('counts a "no prediction" column as wrong in recall and accuracy but in nobody\'s precision', () => {
    const withMiss = M.map((r, i) => [...r, i === 0 ? 2 : 0]);
    const m = computeMetrics(withMiss, ['a', 'b', 'c']);
    expect(m.n).toBe(18);
    expect(m.accuracy).toBeCloseTo(12 / 18, 10);
    expect(m.perClass.a.recall).toBeCloseTo(5 / 8, 10);
    expect(m.perClass.a.precision).toBeCloseTo(5 / 7, 10);
  });

  it('leaves classes without samples out of macro-F1 and reports 0 instead of NaN', () => {
    const m = computeMetrics(
      [
        [3, 1, 0],
        [0, 0, 0],
        [1, 0, 2],
      ],
      ['a', 'b', 'c'],
    );
    expect(m.perClass.b).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    // a: p 3/4 r 3/4 f1 .75; c: p 1 r 2/3 f1 .8
    expect(m.macroF1).toBeCloseTo((0.75 + 0.8) / 2, 10);
  });
});

describe('confusionMatrix', () => {
  it('builds rows = truth, columns = prediction, -1 in the extra column', () => {
    expect(confusionMatrix([0, 0, 1, 2, 2], [0, 1, 1, 2, -1], 3, true)).toEqual([
      [1, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 1],
    ]);
    expect(() => confusionMatrix([0], [-1], 3)).toThrow();
  });

  it('formats a readable table', () => {
    const t = formatConfusion(M, ['a', 'b', 'c'], ['a', 'b', 'c']);
    expect(t.split('\n')).toHaveLength(4);
    expect(t.split('\n')[2]).toMatch(/^b\s+2\s+3\s+1$/);
  });
});
