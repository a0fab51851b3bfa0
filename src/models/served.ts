// Which files of models/ the app serves (and so the service worker precaches): index.json and the
// model files (.json, .bin) of the models index.json lists. Other folders (reference conversions
// kept for tests, models no level uses) stay in the repository but never reach a browser.
import type { ModelIndex } from './manifest';

export function isServedModelFile(relPath: string, index: ModelIndex): boolean {
  if (relPath === 'index.json') return true;
  const parts = relPath.split('/');
  if (parts.length !== 2 || !/\.(json|bin)$/.test(parts[1])) return false;
  return index.detectors.includes(parts[0]) || index.classifiers.includes(parts[0]);
}
