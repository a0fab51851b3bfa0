import { describe, expect, it } from 'vitest';
import { DEFAULT_LABEL_SETTINGS, pipelineLabelSettings } from './label-settings';
import { initialSettings, parseAppOptions } from './options';
import { createAppStore } from '../store/app-store';

describe('label settings', () => {
  it('the defaults are: smoothing 0.75 (EMA weight 0.25), uncertain below 20 %', () => {
    // Literal numbers, not the code's own constants: a changed default must change this test.
    expect(DEFAULT_LABEL_SETTINGS.smoothing).toBeCloseTo(0.75, 10);
    expect(DEFAULT_LABEL_SETTINGS.uncertainBelow).toBe(0.2);
    const s = pipelineLabelSettings(DEFAULT_LABEL_SETTINGS);
    expect(s.smoothing.alpha).toBeCloseTo(0.25, 10);
    expect(s.smoothing.hysteresis).toBe(0.15);
  });

  it('smoothing 0 shows raw labels: EMA weight 1 and no hysteresis; label settings never set TTA', () => {
    const s = pipelineLabelSettings({ smoothing: 0, uncertainBelow: 0.4 });
    expect(s).toEqual({ smoothing: { alpha: 1, hysteresis: 0, uncertainBelow: 0.4 } });
  });

  it('clamps out-of-range values', () => {
    const s = pipelineLabelSettings({ smoothing: 2, uncertainBelow: -1 });
    expect(s.smoothing.alpha).toBeCloseTo(0.05, 10);
    expect(s.smoothing.uncertainBelow).toBe(0);
  });
});

describe('settings from the URL (one source)', () => {
  it('?quality= becomes the quality setting the app starts with; without it the index decides', () => {
    const o = parseAppOptions('?quality=best&backend=wasm&mirror=0');
    expect(createAppStore(initialSettings(o)).getState().settings).toMatchObject({ quality: 'best', backend: 'wasm', mirror: false });
    expect(createAppStore(initialSettings(parseAppOptions(''))).getState().settings.quality).toBe('');
  });

  it("?tta= stays a pipeline option (for a user's own model), not a label setting", () => {
    const o = parseAppOptions('?tta=flip-zoom');
    expect(o.pipeline.tta).toBe('flip-zoom');
    expect(createAppStore(initialSettings(o)).getState().settings).not.toHaveProperty('flipTta');
  });

  it('parses the pipeline overrides and ignores bad values; the result is frozen', () => {
    expect(parseAppOptions('?detectEvery=1&alignEyes=0&tta=bogus').pipeline).toEqual({ detectEvery: 1, alignEyes: false });
    expect(parseAppOptions('?detectEvery=0').pipeline).toEqual({});
    const o = parseAppOptions('?autostart=0&mode=classroom');
    expect(o).toMatchObject({ autostart: false, classroom: true, backend: 'auto', mirror: true });
    expect(Object.isFrozen(o) && Object.isFrozen(o.pipeline)).toBe(true);
  });
});
