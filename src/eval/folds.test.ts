import { describe, expect, it } from 'vitest';
import { splitFold, stratifiedFolds } from './folds';

describe('stratifiedFolds', () => {
  it('deals every class round-robin, so each fold gets its share of every class', () => {
    const labels = ['a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'c'];
    const folds = stratifiedFolds(labels, 2);
    expect(folds).toEqual([0, 1, 0, 1, 0, 0, 1, 0, 0]);
    for (const cls of ['a', 'b']) {
      const per = [0, 1].map((f) => labels.filter((l, i) => l === cls && folds[i] === f).length);
      expect(Math.abs(per[0] - per[1])).toBeLessThanOrEqual(1);
    }
  });

  it('refuses fewer than 2 folds or more folds than samples', () => {
    expect(() => stratifiedFolds(['a', 'b'], 1)).toThrow(/at least 2 folds/);
    expect(() => stratifiedFolds(['a', 'b'], 3)).toThrow(/cannot split 2 samples into 3 folds/);
  });
});

describe('splitFold', () => {
  it('holds out one fold and fits on the rest, every sample in exactly one held-out fold', () => {
    const folds = stratifiedFolds([0, 0, 0, 1, 1, 1, 1], 3);
    const held = [0, 1, 2].flatMap((f) => {
      const { train, test } = splitFold(folds, f);
      expect([...train, ...test].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(test.every((i) => folds[i] === f) && train.every((i) => folds[i] !== f)).toBe(true);
      return test;
    });
    expect(held.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
