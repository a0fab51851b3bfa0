import { describe, expect, it } from 'vitest';
import { calibration } from './calibration';
import { confusionSvg, reliabilitySvg } from './plots';

describe('plots', () => {
  it('draws one bar per non-empty bin, with the ECE in the title', () => {
    const c = calibration([0.95, 0.9, 0.35, 0.4], [true, false, true, false]);
    const svg = reliabilitySvg(c.bins, 'balanced', c.ece);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain(`ECE ${c.ece.toFixed(3)}`);
    expect(svg.match(/fill="#2e86ab"/g)).toHaveLength(c.bins.filter((b) => b.count > 0).length);
  });

  it('draws every cell of the confusion matrix with its count, labels escaped', () => {
    const svg = confusionSvg([[3, 1], [0, 2]], ['a<b', 'c'], ['a<b', 'c'], 'm');
    expect(svg.match(/<rect x=/g)).toHaveLength(4);
    expect(svg).toContain('a&lt;b');
    expect(svg).toContain('>3</text>');
  });
});
