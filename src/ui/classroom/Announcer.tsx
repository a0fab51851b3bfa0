import { useApp } from '../context';

/** Screen readers hear when the class's dominant emotion changes (throttled in src/classroom). */
export function Announcer() {
  const text = useApp((s) => s.mood.announcement);
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {text}
    </div>
  );
}
