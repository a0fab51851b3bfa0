// User Timing marks for the start-up path (script, backend, models, camera, first result), so
// `npm run bench` and the browser's performance panel show where the first second goes.
export const MARK_PREFIX = 'emotion-lens:';

export function markStartup(step: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(MARK_PREFIX + step);
}

/**
 * Resolves `thenMs` after the start-up mark `step` is made (already made: counted from now), or
 * after `timeoutMs` whatever happens (a start that never gets there must not hold anything back
 * for good). Used to keep work off the path to the first result.
 */
export function afterMark(step: string, timeoutMs: number, thenMs = 0): Promise<void> {
  const name = MARK_PREFIX + step;
  const made = new Promise<void>((resolve) => {
    if (typeof performance === 'undefined' || performance.getEntriesByName(name, 'mark').length) return resolve();
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
      // No PerformanceObserver: the timeout resolves.
    }
  });
  return thenMs > 0 ? made.then(() => new Promise((r) => setTimeout(r, thenMs))) : made;
}
