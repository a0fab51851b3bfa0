// The app's face detector from the settings: the auto detector (short-range model, plus the
// full-range one on tiles when far faces are wanted: src/detection/far-search.ts).
import type { AutoDetectorOptions } from '../detection/auto-detector';
import { FAR_FACES_MODES, type FarFacesMode } from '../detection/far-search';
import { loadAutoDetector } from '../detection/load-auto';
import type { ModelIndex } from '../models/manifest';
import type { ModelSource } from '../models/registry';
import { MAX_FACES_LIMIT, type Settings } from '../store/app-store';

/** models/ id of the full-range (far faces) detector; the short-range one is the index's default. */
export const FAR_DETECTOR_ID = 'blazeface-full';

export function clampMaxFaces(n: number): number {
  return Number.isFinite(n) ? Math.max(1, Math.min(MAX_FACES_LIMIT, Math.round(n))) : 10;
}

/** A far-faces value from a form control or URL; anything else is auto. */
export function parseFarFaces(v: unknown): FarFacesMode {
  return FAR_FACES_MODES.includes(v as FarFacesMode) ? (v as FarFacesMode) : 'auto';
}

export function autoDetectorOptions(settings: Pick<Settings, 'farFaces' | 'maxFaces'>): AutoDetectorOptions {
  return { maxFaces: clampMaxFaces(settings.maxFaces), far: settings.farFaces };
}

/**
 * The one call the app makes for its detector (the short-range model now, the full-range one when
 * far faces are first wanted; `onFarError` hears if it cannot load). Settings changes later go through detector.configure(autoDetectorOptions(settings)).
 */
export function loadAppDetector(source: ModelSource, index: ModelIndex, settings: Pick<Settings, 'farFaces' | 'maxFaces'>, onFarError?: (e: unknown) => void) {
  return loadAutoDetector(source, { near: index.defaults.detector, far: FAR_DETECTOR_ID }, autoDetectorOptions(settings), onFarError);
}
