import { describe, expect, it } from 'vitest';
import { CrowdTurns, isCrowd } from './crowd';

describe('CrowdTurns', () => {
  it('classifies every face when they are few', () => {
    expect(new CrowdTurns().pick(5, 8)).toEqual([0, 1, 2, 3, 4]);
    expect(new CrowdTurns().pick(20, 0)).toHaveLength(20);
    expect(isCrowd(9, 8)).toBe(true);
    expect(isCrowd(8, 8)).toBe(false);
  });

  it('takes a crowd in turns so every face is classified within ceil(n / perFrame) frames', () => {
    const turns = new CrowdTurns();
    const seen = new Map<number, number>();
    for (let frame = 0; frame < 3; frame++) {
      const picked = turns.pick(20, 8);
      expect(picked).toHaveLength(8);
      for (const i of picked) seen.set(i, (seen.get(i) ?? 0) + 1);
    }
    expect(seen.size).toBe(20);
    expect(Math.max(...seen.values())).toBe(2);
  });
});
