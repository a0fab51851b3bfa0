// Which models the engine loads for the settings: the one place that decides it (the detector id,
// the quality levels and the level to load first). Pure: models/index.json and the settings in.
import type { ModelIndex } from '../models/manifest';
import { FAR_DETECTOR_ID } from '../classroom/detector-settings';
import { qualityChoice, type QualityChoice } from '../quality/choice';
import type { Settings } from '../store/app-store';

export interface ModelPlan extends QualityChoice {
  /** models/index.json ids of the face detector's two models: short-range (near) and full-range (far faces). */
  detector: { near: string; far: string };
}

export function modelPlan(index: ModelIndex, settings: Pick<Settings, 'quality'>): ModelPlan {
  return { detector: { near: index.defaults.detector, far: FAR_DETECTOR_ID }, ...qualityChoice(index, settings.quality) };
}
