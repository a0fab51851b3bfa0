// The page's entry: a few KB that start the slow things at once (see startup/early-start.ts),
// then load the app. The app's bundle is parsed while the camera opens and the models download.
import { beginEarlyStart } from './startup/early-start';
import { wasmFileName, wasmThreadsParam } from './backend/wasm-file';
import type { EmotionAppApi } from './app/qa-api';

const params = new URLSearchParams(location.search);
const base = import.meta.env.BASE_URL;
beginEarlyStart({ params, modelsBaseUrl: `${base}models/`, wasmBaseUrl: `${base}wasm/`, wasmFile: wasmFileName(wasmThreadsParam(params)) });

// The QA contract's window.emotionApp exists from the first script on: until the app has loaded
// it reports no results, and start()/stop() wait for the app.
let appLoaded: (api: EmotionAppApi) => void = () => undefined;
const app = new Promise<EmotionAppApi>((resolve) => (appLoaded = resolve));
window.emotionApp = {
  getLatest: () => null,
  tensorCount: () => 0,
  getTimings: () => [],
  getOverlayLayout: () => null,
  getQuality: () => null,
  start: () => app.then((a) => a.start()),
  stop: () => void app.then((a) => a.stop()),
};

import('./main').then(
  (m) => appLoaded(m.emotionApp),
  (e: unknown) => {
    const root = document.getElementById('root');
    if (root) root.textContent = `Emotion Lens could not load (${e instanceof Error ? e.message : String(e)}). Reload the page to try again.`;
  },
);
