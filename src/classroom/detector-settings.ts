// Which face detector the settings ask for: far faces use the full-range model on tiles.
import type { FaceDetectorOptions } from '../detection/face-detector';
import { MAX_FACES_LIMIT, type Settings } from '../store/app-store';

export const FAR_DETECTOR_ID = 'blazeface-full';

export function detectorId(defaultId: string, settings: Pick<Settings, 'farFaces'>): string {
  return settings.farFaces ? FAR_DETECTOR_ID : defaultId;
}

export function clampMaxFaces(n: number): number {
  return Number.isFinite(n) ? Math.max(1, Math.min(MAX_FACES_LIMIT, Math.round(n))) : 10;
}

/** Loaded with room for MAX_FACES_LIMIT faces, so changing max faces later needs no reload. */
export function detectorOptions(settings: Pick<Settings, 'farFaces' | 'maxFaces'>): FaceDetectorOptions {
  return { maxFaces: clampMaxFaces(settings.maxFaces), tiled: settings.farFaces, limit: MAX_FACES_LIMIT };
}
