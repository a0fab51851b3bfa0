// Loads the auto detector's two models: the short-range one is awaited (first frames need it), the
// full-range one when first needed, so it never delays the first label.
import type { ModelSource } from '../models/registry';
import { resolveModel, withModelErrors } from '../models/registry';
import { AutoFaceDetector, type AutoDetectorOptions } from './auto-detector';
import { FaceDetector } from './face-detector';

export interface AutoDetectorModels {
  /** models/ id of the short-range detector (the index's default). */
  near: string;
  /** models/ id of the full-range detector. */
  far: string;
}

/** Most faces either model reports; the auto detector cuts the merge to options.maxFaces. */
export const DETECTOR_FACE_LIMIT = 30;

async function loadDetector(source: ModelSource, id: string): Promise<FaceDetector> {
  const m = await resolveModel(source, id);
  return withModelErrors(m.manifest, () => FaceDetector.load(m.manifest, m.model, { maxFaces: DETECTOR_FACE_LIMIT }));
}

/**
 * Resolves once the short-range model is in. The full-range one is downloaded the first time far
 * faces are wanted (not at all while faces are large and near); `onFarError` hears if it fails
 * (the detector then finds near faces only).
 */
export async function loadAutoDetector(source: ModelSource, ids: AutoDetectorModels, options: AutoDetectorOptions, onFarError: (e: unknown) => void = () => undefined): Promise<AutoFaceDetector> {
  const near = await loadDetector(source, ids.near);
  const loadFar = () =>
    loadDetector(source, ids.far).catch((e: unknown) => {
      onFarError(e);
      throw e;
    });
  return new AutoFaceDetector(near, loadFar, options);
}
