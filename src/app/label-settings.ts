// Maps the user's label settings (store) to the pipeline's smoothing. Mirror TTA is part of the
// "best" quality level (models/index.json); for a user's own model ?tta= sets it (app/options.ts).
import type { PipelineSettings } from '../pipeline/pipeline';
import { DEFAULT_SMOOTHING } from '../tracking/tracker';

export interface LabelSettingValues {
  /** 0 = no smoothing … 0.95 = very steady; the EMA weight of the newest frame is 1 − smoothing. */
  smoothing: number;
  /** Top probability below which a face is shown as "uncertain". */
  uncertainBelow: number;
}

export const DEFAULT_LABEL_SETTINGS: LabelSettingValues = {
  smoothing: 1 - DEFAULT_SMOOTHING.alpha,
  uncertainBelow: DEFAULT_SMOOTHING.uncertainBelow,
};

/** The pipeline's smoothing for the user's label settings. */
export function pipelineLabelSettings(v: LabelSettingValues): Pick<PipelineSettings, 'smoothing'> {
  const smoothing = Math.min(0.95, Math.max(0, v.smoothing));
  return {
    smoothing: {
      alpha: 1 - smoothing,
      // No smoothing means no hysteresis either: the raw top label is shown.
      hysteresis: smoothing === 0 ? 0 : DEFAULT_SMOOTHING.hysteresis,
      uncertainBelow: Math.min(0.95, Math.max(0, v.uncertainBelow)),
    },
  };
}
