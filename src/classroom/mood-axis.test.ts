import { describe, expect, it } from 'vitest';
import { tickLabel, timeTicks } from './mood-axis';

describe('timeline axis', () => {
  it('labels now, seconds, minutes and hours before now', () => {
    expect(tickLabel(0)).toBe('now');
    expect(tickLabel(30)).toBe('−30 s');
    expect(tickLabel(120)).toBe('−2 min');
    expect(tickLabel(7200)).toBe('−2 h');
  });

  it('picks a round step so that at most maxTicks fit', () => {
    expect(timeTicks(0, 5)).toEqual([]);
    expect(timeTicks(1, 5).map((t) => t.label)).toEqual(['now']);
    expect(timeTicks(12, 5).map((t) => t.ago)).toEqual([0, 5, 10]);
    expect(timeTicks(61, 5).map((t) => t.label)).toEqual(['now', '−15 s', '−30 s', '−45 s', '−1 min']);
    expect(timeTicks(4 * 3600, 6).length).toBeLessThanOrEqual(6);
  });
});
