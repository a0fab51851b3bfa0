// Session export: per-second aggregates only (never images), as CSV and JSON.
import type { MoodBucket } from './mood';

const round = (x: number) => Math.round(x * 100) / 100;

/** Columns: timestamp (ISO 8601, UTC), seconds since the first row, frames, faces, one per category. */
export function moodCsv(buckets: readonly MoodBucket[], categories: readonly string[]): string {
  const header = ['timestamp', 'seconds', 'frames', 'faces', ...categories];
  const t0 = buckets[0]?.t ?? 0;
  const rows = buckets.map((b) =>
    [new Date(b.t).toISOString(), (b.t - t0) / 1000, b.frames, round(b.faces), ...categories.map((c) => round(b.counts[c] ?? 0))].join(','),
  );
  return [header.join(','), ...rows].join('\n') + '\n';
}

export function moodJson(buckets: readonly MoodBucket[], categories: readonly string[]): string {
  return JSON.stringify(
    {
      about: 'Emotion Lens class mood: per second, the mean number of faces and of faces showing each emotion over the frames of that second. No images.',
      categories,
      seconds: buckets.map((b) => ({
        timestamp: new Date(b.t).toISOString(),
        frames: b.frames,
        faces: round(b.faces),
        counts: Object.fromEntries(categories.map((c) => [c, round(b.counts[c] ?? 0)])),
      })),
    },
    null,
    2,
  );
}

/** File name stem with the local date and time, e.g. emotion-lens-2025-01-31-1405. */
export function exportStem(kind: string, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `emotion-lens-${kind}-${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}
