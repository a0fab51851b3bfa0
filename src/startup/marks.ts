// User Timing marks for the start-up path (script, backend, models, camera, first result), so
// `npm run bench` and the browser's performance panel show where the first second goes.
export const MARK_PREFIX = 'emotion-lens:';

export function markStartup(step: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(MARK_PREFIX + step);
}

/**
 * Resolves when the start-up mark `step` is made (already made: at once), or after `timeoutMs`
 * whatever happens (a start that never gets there must not hold anything back for good).
 */
export function afterMark(step: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (typeof performance === 'undefined' || typeof PerformanceObserver === 'undefined') return resolve();
    if (performance.getEntriesByName(MARK_PREFIX + step, 'mark').length) return resolve();
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName(MARK_PREFIX + step).length) done();
    });
    const timer = setTimeout(() => done(), timeoutMs);
    function done(): void {
      clearTimeout(timer);
      observer.disconnect();
      resolve();
    }
    observer.observe({ type: 'mark' });
  });
}
