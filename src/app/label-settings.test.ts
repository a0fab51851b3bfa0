import { describe, expect, it } from 'vitest';
import { DEFAULT_LABEL_SETTINGS, pipelineLabelSettings } from './label-settings';
import { initialSettings, parseAppOptions } from './options';
import { createAppStore } from '../store/app-store';

describe('label settings', () => {
  it('the defaults are: smoothing 0.75 (EMA weight 0.25), uncertain below 20 %, no mirror TTA', () => {
    // Literal numbers, not the code's own constants: a changed default must change this test.
    expect(DEFAULT_LABEL_SETTINGS.smoothing).toBeCloseTo(0.75, 10);
    expect(DEFAULT_LABEL_SETTINGS.uncertainBelow).toBe(0.2);
    expect(DEFAULT_LABEL_SETTINGS.flipTta).toBe(false);
    const s = pipelineLabelSettings(DEFAULT_LABEL_SETTINGS);
    expect(s.tta).toBe('none');
    expect(s.smoothing.alpha).toBeCloseTo(0.25, 10);
    expect(s.smoothing.hysteresis).toBe(0.15);
  });

  it('smoothing 0 shows raw labels: EMA weight 1 and no hysteresis', () => {
    const s = pipelineLabelSettings({ smoothing: 0, uncertainBelow: 0.4, flipTta: false });
    expect(s).toEqual({ smoothing: { alpha: 1, hysteresis: 0, uncertainBelow: 0.4 }, tta: 'none' });
  });

  it('clamps out-of-range values', () => {
    const s = pipelineLabelSettings({ smoothing: 2, uncertainBelow: -1, flipTta: true });
    expect(s.smoothing.alpha).toBeCloseTo(0.05, 10);
    expect(s.smoothing.uncertainBelow).toBe(0);
    expect(s.tta).toBe('flip');
  });

  it('mirror TTA on keeps a zoomed TTA asked for by the URL', () => {
    expect(pipelineLabelSettings({ ...DEFAULT_LABEL_SETTINGS, flipTta: true }, 'flip-zoom').tta).toBe('flip-zoom');
    expect(pipelineLabelSettings({ ...DEFAULT_LABEL_SETTINGS, flipTta: false }, 'flip-zoom').tta).toBe('none');
  });
});

describe('settings from the URL (one source)', () => {
  it('?tta=flip turns mirror TTA on in the store the app starts with', () => {
    const o = parseAppOptions('?tta=flip&backend=wasm&mirror=0');
    const s = createAppStore(initialSettings(o)).getState().settings;
    expect(s).toMatchObject({ flipTta: true, backend: 'wasm', mirror: false });
    expect(pipelineLabelSettings(s, o.pipeline.tta).tta).toBe('flip');
  });

  it('?tta=flip-zoom reaches the pipeline as flip-zoom', () => {
    const o = parseAppOptions('?tta=flip-zoom');
    const s = createAppStore(initialSettings(o)).getState().settings;
    expect(pipelineLabelSettings(s, o.pipeline.tta).tta).toBe('flip-zoom');
  });

  it('parses the pipeline overrides and ignores bad values; the result is frozen', () => {
    expect(parseAppOptions('?detectEvery=1&alignEyes=0&tta=bogus').pipeline).toEqual({ detectEvery: 1, alignEyes: false });
    expect(parseAppOptions('?detectEvery=0').pipeline).toEqual({});
    const o = parseAppOptions('?autostart=0&mode=classroom');
    expect(o).toMatchObject({ autostart: false, classroom: true, backend: 'auto', mirror: true });
    expect(Object.isFrozen(o) && Object.isFrozen(o.pipeline)).toBe(true);
  });
});
