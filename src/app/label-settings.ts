// Maps the user's label settings (store) to the pipeline's smoothing and TTA settings.
import { DEFAULT_PIPELINE_SETTINGS, type PipelineSettings } from '../pipeline/pipeline';
import { DEFAULT_SMOOTHING } from '../tracking/tracker';
import type { TtaMode } from '../classify/preprocess';

export interface LabelSettingValues {
  /** 0 = no smoothing … 0.95 = very steady; the EMA weight of the newest frame is 1 − smoothing. */
  smoothing: number;
  /** Top probability below which a face is shown as "uncertain". */
  uncertainBelow: number;
  /** Average each face with its mirror image. */
  flipTta: boolean;
}

export const DEFAULT_LABEL_SETTINGS: LabelSettingValues = {
  smoothing: 1 - DEFAULT_SMOOTHING.alpha,
  uncertainBelow: DEFAULT_SMOOTHING.uncertainBelow,
  flipTta: DEFAULT_PIPELINE_SETTINGS.tta === 'flip',
};

/**
 * The pipeline's smoothing and TTA for the user's label settings. `ttaWhenOn` is the mode the
 * mirror setting turns on: 'flip', or 'flip-zoom' when the URL asked for it (?tta=flip-zoom).
 */
export function pipelineLabelSettings(v: LabelSettingValues, ttaWhenOn: TtaMode = 'flip'): Pick<PipelineSettings, 'smoothing' | 'tta'> {
  const smoothing = Math.min(0.95, Math.max(0, v.smoothing));
  return {
    smoothing: {
      alpha: 1 - smoothing,
      // No smoothing means no hysteresis either: the raw top label is shown.
      hysteresis: smoothing === 0 ? 0 : DEFAULT_SMOOTHING.hysteresis,
      uncertainBelow: Math.min(0.95, Math.max(0, v.uncertainBelow)),
    },
    tta: v.flipTta ? (ttaWhenOn === 'none' ? 'flip' : ttaWhenOn) : 'none',
  };
}
