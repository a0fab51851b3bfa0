// The time axis of the class-mood timeline: tick marks in seconds before the newest second, at a
// round step chosen so that at most maxTicks fit. Pure (the canvas drawing is in src/ui/classroom).

const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

export interface TimeTick {
  /** Seconds before the newest second (0 = now). */
  ago: number;
  label: string;
}

export function tickLabel(ago: number): string {
  if (ago === 0) return 'now';
  if (ago % 3600 === 0) return `−${ago / 3600} h`;
  if (ago % 60 === 0) return `−${ago / 60} min`;
  return `−${ago} s`;
}

/** Ticks for a timeline of `seconds` columns: "now" at the newest, then every step back. */
export function timeTicks(seconds: number, maxTicks: number): TimeTick[] {
  if (seconds <= 0) return [];
  const span = seconds - 1;
  const step = STEPS.find((s) => Math.floor(span / s) + 1 <= Math.max(2, maxTicks)) ?? Math.ceil(span / Math.max(1, maxTicks - 1) / 3600) * 3600;
  const ticks: TimeTick[] = [];
  for (let ago = 0; ago <= span; ago += step) ticks.push({ ago, label: tickLabel(ago) });
  return ticks;
}
