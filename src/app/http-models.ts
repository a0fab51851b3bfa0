// The engine's model loaders in the page: models/ over http, taking over the downloads the boot
// script started (models/prefetch.ts), with a load failure named after its model.
import { EmotionClassifier } from '../classify/classifier';
import { loadAutoDetector } from '../detection/load-auto';
import { errorDetail } from '../faults/coded-error';
import { fetchPrefetched } from '../models/prefetch';
import { httpModelSource, loadIndex, resolveModel, withModelErrors } from '../models/registry';
import type { ModelLoaders } from './engine';

/** `notice` hears when the far-faces model cannot be loaded (near faces are still found). */
export function httpModelLoaders(baseUrl: string, notice: (text: string) => void): ModelLoaders {
  const source = httpModelSource(baseUrl, fetchPrefetched);
  return {
    index: () => loadIndex(source),
    detector: (ids, options) =>
      loadAutoDetector(source, ids, options, (e) => notice(`The far-faces detector could not be loaded (${errorDetail(e)}): only faces near the camera are found.`)),
    classifier: async (id) => {
      const m = await resolveModel(source, id);
      return withModelErrors(m.manifest, () => EmotionClassifier.load(m.manifest, m.model));
    },
  };
}
