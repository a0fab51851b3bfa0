// Which models the engine loads for the settings: the one place that decides it (the detector id,
// the quality levels and the level to load first). Pure: models/index.json and the settings in.
import type { ModelIndex } from '../models/manifest';
import { detectorId } from '../classroom/detector-settings';
import { qualityChoice, type QualityChoice } from '../quality/choice';
import type { Settings } from '../store/app-store';

export interface ModelPlan extends QualityChoice {
  /** models/index.json id of the face detector. */
  detector: string;
}

export function modelPlan(index: ModelIndex, settings: Pick<Settings, 'farFaces' | 'quality'>): ModelPlan {
  return { detector: detectorId(index.defaults.detector, settings), ...qualityChoice(index, settings.quality) };
}
