// The app's face detector from the settings: the auto detector (short-range model, plus the
// full-range one on tiles when far faces are wanted: src/detection/far-search.ts).
import type { AutoDetectorOptions } from '../detection/auto-detector';
import { FAR_FACES_MODES, type FarFacesMode } from '../detection/far-search';
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
