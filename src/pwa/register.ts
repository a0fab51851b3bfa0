// Registers the service worker in the production build only: in dev it would serve stale
// modules from its cache and fight Vite's hot reloading.

export function registerServiceWorker(base: string): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // After load, so the precache download does not compete with the app's own first start.
  const register = () => {
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch((e: unknown) => {
      // Offline use is a bonus: the app works without it.
      console.warn('Service worker not registered:', e);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
