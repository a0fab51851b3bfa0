// Loads the auto detector's two models: the short-range one is awaited (first frames need it), the
// full-range one loads beside it and joins when ready, so it never delays the first label.
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
 * Resolves once the short-range model is in. `onFarError` hears if the full-range one fails (the
 * detector then finds near faces only); `farLoaded` resolves when it is in.
 */
export async function loadAutoDetector(
  source: ModelSource,
  ids: AutoDetectorModels,
  options: AutoDetectorOptions,
  onFarError: (e: unknown) => void = () => undefined,
): Promise<{ detector: AutoFaceDetector; farLoaded: Promise<boolean> }> {
  const far = loadDetector(source, ids.far);
  const near = await loadDetector(source, ids.near).catch((e: unknown) => {
    void far.then((d) => d.dispose(), () => undefined);
    throw e;
  });
  const detector = new AutoFaceDetector(near, far, options);
  const farLoaded = far.then(
    () => true,
    (e: unknown) => {
      onFarError(e);
      return false;
    },
  );
  return { detector, farLoaded };
}
