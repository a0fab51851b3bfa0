// The engine as the page builds it: tfjs backends, models/ over http, the user's saved model,
// the WebGL warm-up, and its events written into the store (backend notices via the moves).
import { initBackend } from '../backend/backends';
import { earlyRenderer } from '../startup/early-start';
import { markStartup } from '../startup/marks';
import type { AppStore } from '../store/app-store';
import type { BackendMoves } from './backend-moves';
import { Engine } from './engine';
import { httpModelLoaders } from './http-models';
import type { AppOptions } from './options';
import { restoreSavedUserModel } from './user-models';

export interface AppUrls {
  models: string;
  wasm: string;
  /** The page's base (the demo's photos live under it). */
  base: string;
}

export function createPageEngine(store: AppStore, options: AppOptions, urls: AppUrls, moves: () => BackendMoves): Engine {
  const s = () => store.getState();
  return new Engine({
    startBackend: (pref) => initBackend(pref, urls.wasm, earlyRenderer()),
    models: httpModelLoaders(urls.models, (text) => s().setNotice(text)),
    settings: () => s().settings,
    pipelineOptions: options.pipeline,
    restoreUserModel: () => restoreSavedUserModel((text) => s().setNotice(text)),
    afterLoad: async (pipeline) => {
      s().setProgress('Preparing the GPU…');
      await pipeline.warmUp(640, 480);
      moves().watchContext();
    },
    // Each level's models compile their own WebGL shaders: before the swap, not on live frames.
    warmUpLevel: (pipeline, ensemble) => pipeline.warmUp(640, 480, 3, ensemble),
    events: {
      progress: (text) => s().setProgress(text),
      backend: (choice) => moves().onBackend(choice),
      classifier: (c) => {
        s().setLabels(c.labels);
        s().setClassifier({ name: c.name, builtIn: c.builtIn, models: c.models });
      },
      notice: (text) => s().setNotice(text),
      quality: (q) => s().setQuality(q),
      mark: markStartup,
    },
  });
}
