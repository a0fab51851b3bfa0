// The engine's model loaders in the page: models/ over http, taking over the downloads the boot
// script started (models/prefetch.ts), with a load failure named after its model.
import { EmotionClassifier } from '../classify/classifier';
import { FaceDetector } from '../detection/face-detector';
import { fetchPrefetched } from '../models/prefetch';
import { httpModelSource, loadIndex, resolveModel, withModelErrors } from '../models/registry';
import type { ModelLoaders } from './engine';

export function httpModelLoaders(baseUrl: string): ModelLoaders {
  const source = httpModelSource(baseUrl, fetchPrefetched);
  return {
    index: () => loadIndex(source),
    detector: async (id, options) => {
      const m = await resolveModel(source, id);
      return withModelErrors(m.manifest, () => FaceDetector.load(m.manifest, m.model, options));
    },
    classifier: async (id) => {
      const m = await resolveModel(source, id);
      return withModelErrors(m.manifest, () => EmotionClassifier.load(m.manifest, m.model));
    },
  };
}
