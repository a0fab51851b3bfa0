/**
 * Lets the browser handle input and render between two pieces of model work, so one frame never
 * holds the page's thread for all of it (on WASM each model run is synchronous). A message-channel
 * task (or scheduler.yield), not setTimeout, whose 4 ms clamp would add latency. Node (eval,
 * tests) has no UI: no yield.
 */
export function yieldToBrowser(): Promise<void> {
  if (!hasUiThread()) return Promise.resolve();
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
}

/** True in a page (a UI thread to keep responsive), false in Node and workers. */
export function hasUiThread(): boolean {
  return typeof document !== 'undefined' && typeof MessageChannel !== 'undefined';
}
