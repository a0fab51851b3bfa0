import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppController, type EmotionAppApi } from './app/controller';
import { parseBackendPreference } from './backend/backends';
import { createAppStore } from './store/app-store';
import { App } from './ui/App';
import { AppContext } from './ui/context';
import './ui/styles.css';

declare global {
  interface Window {
    emotionApp: EmotionAppApi;
  }
}

const params = new URLSearchParams(location.search);
const store = createAppStore({
  backend: parseBackendPreference(params.get('backend')),
  mirror: params.get('mirror') !== '0',
});
const base = import.meta.env.BASE_URL;
const controller = new AppController(store, `${base}models/`, `${base}wasm/`);
window.emotionApp = controller.api();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppContext.Provider value={{ store, controller }}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);

// Open the page, allow the camera, see results: start at once unless ?autostart=0.
if (params.get('autostart') !== '0') {
  queueMicrotask(() => void controller.start());
} else {
  void controller.loadModels().then(
    () => store.getState().setStatus('idle'),
    () => undefined,
  );
}
