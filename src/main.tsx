import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppController, type EmotionAppApi } from './app/controller';
import { applyTfjsFlags, configureWasm, parseBackendPreference, parseTfjsFlags } from './backend/backends';
import { DEFAULT_PIPELINE_SETTINGS } from './pipeline/pipeline';
import { createAppStore } from './store/app-store';
import { App } from './ui/App';
import { AppContext } from './ui/context';
import { registerServiceWorker } from './pwa/register';
import { markStartup } from './app/startup-marks';
import { wasmThreadsParam } from './backend/wasm-file';
import './ui/styles.css';

declare global {
  interface Window {
    emotionApp: EmotionAppApi;
  }
}

markStartup('script');
const params = new URLSearchParams(location.search);
const store = createAppStore({
  backend: parseBackendPreference(params.get('backend')),
  mirror: params.get('mirror') !== '0',
});
// ?wasmThreads=1 forces the single-threaded WASM build, ?wasmThreads=N sets the thread count.
configureWasm({ threads: wasmThreadsParam(params) });
// ?tfjsFlags=WEBGL_PACK:false,… sets tfjs flags, to measure them with `npm run bench -- --query`.
applyTfjsFlags(parseTfjsFlags(params.get('tfjsFlags')));
// ?detectEvery=k overrides how often the face detector runs (benchmarks compare k = 1 and the default).
const detectEvery = Number(params.get('detectEvery'));
if (Number.isInteger(detectEvery) && detectEvery > 0) DEFAULT_PIPELINE_SETTINGS.detectEvery = detectEvery;
// ?tta=none|flip|flip-zoom and ?alignEyes=0|1 likewise, to measure what accuracy options cost.
const tta = params.get('tta');
if (tta === 'none' || tta === 'flip' || tta === 'flip-zoom') DEFAULT_PIPELINE_SETTINGS.tta = tta;
if (params.has('alignEyes')) DEFAULT_PIPELINE_SETTINGS.alignEyes = params.get('alignEyes') === '1';
const base = import.meta.env.BASE_URL;
registerServiceWorker(base); // production build only: offline use after one visit
const controller = new AppController(store, `${base}models/`, `${base}wasm/`);
export const emotionApp = controller.api();
window.emotionApp = emotionApp;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppContext.Provider value={{ store, controller }}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);

// Open the page, allow the camera, see results: start at once unless ?autostart=0.
if (params.get('autostart') !== '0') {
  // Models load now, while React renders; start() (which needs the video element) awaits them.
  controller.loadModels().catch(() => undefined); // start() reports a failure
  queueMicrotask(() => void controller.start());
} else {
  void controller.preload();
}
