// Which models the engine loads for the settings: the one place that decides it (the ensemble's
// second model and the quality levels extend this plan, not the engine's loading code).
import type { ModelIndex } from '../models/manifest';
import { FAR_DETECTOR_ID } from '../classroom/detector-settings';
import type { Settings } from '../store/app-store';

export interface ModelPlan {
  /** models/index.json ids of the face detector's two models: short-range (near) and full-range (far faces). */
  detector: { near: string; far: string };
  /** Ids of the built-in emotion models, the main one first. */
  classifiers: string[];
}

export function modelPlan(index: ModelIndex, _settings: Pick<Settings, 'farFaces'>): ModelPlan {
  return { detector: { near: index.defaults.detector, far: FAR_DETECTOR_ID }, classifiers: [index.defaults.classifier] };
}
