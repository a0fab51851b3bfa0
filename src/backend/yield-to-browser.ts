// The one "let the browser render and handle input" step: scheduler.yield() where the browser has
// it, else a message-channel task (not setTimeout, whose 4 ms clamp adds latency). In Node (eval,
// tests) there is no UI to yield to: it resolves at once.
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
