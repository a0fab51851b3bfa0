// Registers the service worker in the production build only: in dev it would serve stale
// modules from its cache and fight Vite's hot reloading.
import { MARK_PREFIX } from '../startup/marks';

/** Longest wait for the first result before precaching anyway (no camera, ?autostart=0, …). */
const REGISTER_AT_LATEST_MS = 8000;
/** Then a little longer: the first live frames also compete with the precache for the CPU. */
const AFTER_FIRST_RESULT_MS = 3000;

/** Resolves at the app's first result (its User Timing mark) or after `timeoutMs`. */
export function afterFirstResult(timeoutMs = REGISTER_AT_LATEST_MS): Promise<void> {
  const name = `${MARK_PREFIX}first-result`;
  return new Promise((resolve) => {
    if (performance.getEntriesByName(name).length) return resolve();
    let observer: PerformanceObserver | undefined;
    const done = () => {
      observer?.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    try {
      observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName(name).length) done();
      });
      observer.observe({ type: 'mark' });
    } catch {
      // No PerformanceObserver: the timeout registers.
    }
  });
}

export function registerServiceWorker(base: string): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // After the first result and its first frames: the precache download (~10 MB) must not compete with the app's start.
  void afterFirstResult().then(() => new Promise((r) => setTimeout(r, AFTER_FIRST_RESULT_MS))).then(() => {
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch((e: unknown) => {
      // Offline use is a bonus: the app works without it.
      console.warn('Service worker not registered:', e);
    });
  });
}
