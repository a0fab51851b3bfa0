// Which models the engine loads for the settings: the one place that decides it (the ensemble's
// second model and the quality levels extend this plan, not the engine's loading code).
import type { ModelIndex } from '../models/manifest';
import { detectorId } from '../classroom/detector-settings';
import type { Settings } from '../store/app-store';

export interface ModelPlan {
  /** models/index.json id of the face detector. */
  detector: string;
  /** Ids of the built-in emotion models, the main one first. */
  classifiers: string[];
}

export function modelPlan(index: ModelIndex, settings: Pick<Settings, 'farFaces'>): ModelPlan {
  return { detector: detectorId(index.defaults.detector, settings), classifiers: [index.defaults.classifier] };
}
