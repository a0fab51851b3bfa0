import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppController } from './app/controller';
import type { EmotionAppApi } from './app/qa-api';
import { initialSettings, parseAppOptions } from './app/options';
import { applyTfjsFlags, configureWasm } from './backend/backends';
import { createAppStore } from './store/app-store';
import { App } from './ui/App';
import { AppContext } from './ui/context';
import { registerServiceWorker } from './pwa/register';
import { markStartup } from './startup/marks';
import './ui/styles.css';

declare global {
  interface Window {
    emotionApp: EmotionAppApi;
  }
}

markStartup('script');
// The URL is read here, once: everything else gets these options or the store built from them.
const options = parseAppOptions(location.search);
const store = createAppStore(initialSettings(options));
configureWasm({ threads: options.wasmThreads });
applyTfjsFlags(options.tfjsFlags);
const base = import.meta.env.BASE_URL;
registerServiceWorker(base); // production build only: offline use after one visit
const controller = new AppController(store, options, { models: `${base}models/`, wasm: `${base}wasm/`, base });
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
if (options.autostart) {
  // Models load now, while React renders; start() (which needs the video element) awaits them.
  controller.engine.load().catch(() => undefined); // start() reports a failure
  queueMicrotask(() => void controller.start());
} else {
  void controller.preload();
}
