// User Timing marks for the start-up path (script, backend, models, camera, first result), so
// `npm run bench` and the browser's performance panel show where the first second goes.
export const MARK_PREFIX = 'emotion-lens:';

export function markStartup(step: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(MARK_PREFIX + step);
}
