// Registers the service worker in the production build only: in dev it would serve stale
// modules from its cache and fight Vite's hot reloading.
import { afterMark } from '../startup/marks';

/** Longest wait for the first result before precaching anyway (no camera, ?autostart=0, …). */
const REGISTER_AT_LATEST_MS = 8000;
/** Then a little longer: the first live frames also compete with the precache for the CPU. */
const AFTER_FIRST_RESULT_MS = 3000;

export function registerServiceWorker(base: string): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // After the first result and its first frames: the precache download (~10 MB) must not compete with the app's start.
  void afterMark('first-result', REGISTER_AT_LATEST_MS, AFTER_FIRST_RESULT_MS).then(() => {
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch((e: unknown) => {
      // Offline use is a bonus: the app works without it.
      console.warn('Service worker not registered:', e);
    });
  });
}
