// Label and quality settings apply live: the store's changes reach the engine for the next frame.
import { asCodedError } from '../faults/coded-error';
import type { AppStore } from '../store/app-store';
import type { Engine } from './engine';

/** `labelsChanged`: the model's labels changed (QA: the latest result's probs must have the new ones). */
export function watchEngineSettings(store: AppStore, engine: Engine, labelsChanged: () => void): () => void {
  return store.subscribe((now, before) => {
    const a = now.settings;
    const b = before.settings;
    if (a.smoothing !== b.smoothing || a.uncertainBelow !== b.uncertainBelow) engine.configure();
    // No level loads now: the one in use carries on, and the error says why.
    if (a.quality !== b.quality) void engine.applyQualitySettings().catch((e: unknown) => store.getState().showError(asCodedError(e)));
    if (now.labels !== before.labels) labelsChanged();
  });
}
