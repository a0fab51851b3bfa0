import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE_SETTINGS } from '../pipeline/pipeline';
import { DEFAULT_SMOOTHING } from '../tracking/tracker';
import { DEFAULT_LABEL_SETTINGS, pipelineLabelSettings } from './label-settings';

describe('label settings', () => {
  it('defaults reproduce the pipeline defaults', () => {
    const s = pipelineLabelSettings(DEFAULT_LABEL_SETTINGS);
    expect(s.tta).toBe(DEFAULT_PIPELINE_SETTINGS.tta);
    expect(s.smoothing.alpha).toBeCloseTo(DEFAULT_SMOOTHING.alpha, 10);
    expect(s.smoothing.hysteresis).toBe(DEFAULT_SMOOTHING.hysteresis);
    expect(s.smoothing.uncertainBelow).toBe(DEFAULT_SMOOTHING.uncertainBelow);
  });

  it('smoothing 0 shows raw labels: EMA weight 1 and no hysteresis', () => {
    const s = pipelineLabelSettings({ smoothing: 0, uncertainBelow: 0.4, flipTta: false });
    expect(s).toEqual({ smoothing: { alpha: 1, hysteresis: 0, uncertainBelow: 0.4 }, tta: 'none' });
  });

  it('clamps out-of-range values', () => {
    const s = pipelineLabelSettings({ smoothing: 2, uncertainBelow: -1, flipTta: true });
    expect(s.smoothing.alpha).toBeCloseTo(0.05, 10);
    expect(s.smoothing.uncertainBelow).toBe(0);
  });
});
