// Label stability as a user sees it in the browser (`npm run stability -- --browser`): the page plays
// a y4m made from the real clips as the fake webcam and the shown label is read from
// window.emotionApp.getLatest() at a fixed interval. These are the pure parts: the y4m recipes
// (ffmpeg arguments) and the measures on timed samples.

/** One reading of the page: time (ms, page clock), shown label (null: no face), which clip was on screen. */
export interface TimedSample {
  t: number;
  label: string | null;
  /** Index of the clip the displayed frame belongs to (read from a marker in the frame's corner). */
  clip: number;
  /** Top shown probability (the bars' largest value). */
  score?: number;
  probs?: Record<string, number>;
  /** Frame index within the held part of the clip on screen (read from the position marker), when the y4m has one. */
  pos?: number;
}

/** Output frame size and rate of the y4m files (the camera's usual 640×480 at 30 fps). */
export const Y4M = { width: 640, height: 480, fps: 30 };
/** The marker: a filled square in the top-left corner (in the letterbox pad, away from the face). */
export const MARKER = { size: 16, colors: ['black', 'white'] as const };

const fit = `scale=${Y4M.width}:${Y4M.height}:force_original_aspect_ratio=decrease,pad=${Y4M.width}:${Y4M.height}:(ow-iw)/2:(oh-ih)/2,fps=${Y4M.fps}`;

/** A part of a clip: file, start and length in seconds (length undefined: to the end). */
export interface ClipPart {
  file: string;
  from: number;
  length?: number;
}

/**
 * The position marker: POSITION.bits squares in a row right of the clip marker (in the letterbox),
 * square k white when bit k of the frame's index in its held part is set. Drawn before a held clip
 * is reversed, so every frame carries its own place in the clip, in either direction.
 */
export const POSITION = { x: 16, size: 8, bits: 8 };

const positionMarks = (): string =>
  Array.from({ length: POSITION.bits }, (_, k) => `drawbox=x=${POSITION.x + k * POSITION.size}:y=0:w=${POSITION.size}:h=${POSITION.size}:color=white:t=fill:enable='mod(floor(n/${2 ** k}),2)'`).join(',');

/** The frame index the position marker shows, from the colour at each square's centre (bit 0 first). */
export function positionFromMarker(rgbs: [number, number, number][]): number {
  return rgbs.reduce((n, rgb, k) => n + (clipFromMarker(rgb) << k), 0);
}

const input = (p: ClipPart): string[] => ['-ss', String(p.from), ...(p.length !== undefined ? ['-t', String(p.length)] : []), '-i', p.file];
const mark = (k: number): string => `drawbox=x=0:y=0:w=${MARKER.size}:h=${MARKER.size}:color=${MARKER.colors[k]}:t=fill`;

/**
 * ffmpeg arguments for a held clip played forward then backward: Chromium loops the file, and the
 * loop point then joins a frame to itself, so every pass of the loop is one continuous held
 * expression and samples can be counted across passes.
 */
export function pingPongArgs(p: ClipPart, out: string): string[] {
  return ['-v', 'error', '-y', ...input(p), '-filter_complex', `[0:v]${fit},${mark(0)},${positionMarks()},split[a][b];[b]reverse[r];[a][r]concat=n=2:v=1[v]`, '-map', '[v]', '-pix_fmt', 'yuv420p', out];
}

/**
 * ffmpeg arguments for clip A then clip B (a cut), B's frames marked in the corner. Looped by
 * Chromium: A B A B …, so both directions of the cut are seen.
 */
export function cutArgs(a: ClipPart, b: ClipPart, out: string): string[] {
  return ['-v', 'error', '-y', ...input(a), ...input(b), '-filter_complex', `[0:v]${fit},${mark(0)},setsar=1[a];[1:v]${fit},${mark(1)},setsar=1[b];[a][b]concat=n=2:v=1[v]`, '-map', '[v]', '-pix_fmt', 'yuv420p', out];
}

/** Which clip a marker pixel shows: 1 if bright (white square), else 0. */
export function clipFromMarker(rgb: [number, number, number]): number {
  return (rgb[0] + rgb[1] + rgb[2]) / 3 > 128 ? 1 : 0;
}

/** Every `everyMs` from the first sample: the latest sample at or before that time (what a glance sees). */
export function resample(samples: TimedSample[], everyMs: number): TimedSample[] {
  const out: TimedSample[] = [];
  if (!samples.length) return out;
  let j = 0;
  for (let t = samples[0].t; t <= samples[samples.length - 1].t; t += everyMs) {
    while (j + 1 < samples.length && samples[j + 1].t <= t) j++;
    out.push(samples[j]);
  }
  return out;
}

/** Label changes between consecutive samples where a face was seen, per 100 samples. */
export function changesPer100Samples(samples: TimedSample[]): { changes: number; samples: number; per100: number } {
  const seen = samples.filter((s) => s.label !== null);
  let changes = 0;
  for (let i = 1; i < seen.length; i++) if (seen[i].label !== seen[i - 1].label) changes++;
  return { changes, samples: seen.length, per100: seen.length > 1 ? (changes * 100) / (seen.length - 1) : 0 };
}

/** What happened after one cut (a change of the marker's clip). */
export interface CutReaction {
  /** Clip index before → after. */
  from: number;
  to: number;
  /** The label before the cut, and the labels the new clip shows when played alone (targets). */
  before: string | null;
  target: string[];
  /** ms from the cut until the label is one of the targets and stays among them for `minRunMs` (or to the next cut); null: never. */
  ms: number | null;
  /** The label before the cut is one the new clip shows too: nothing to react to, not timed. */
  sameLabel: boolean;
}

/**
 * Reaction after each cut in `samples` (dense samples, e.g. every 50 ms). `targets[clip]` are the
 * labels the clip shows when played alone (see ownLabels: a clip whose reading drifts, such as fear
 * read as surprise then neutral, has two). Only cuts with a full segment after them (another cut
 * follows) are judged, so the end of the run cannot cut one short.
 */
export function cutReactions(samples: TimedSample[], targets: string[][] | CutTargets, minRunMs: number): CutReaction[] {
  const targetAt: CutTargets = Array.isArray(targets) ? (clip) => targets[clip] ?? [] : targets;
  const cuts: number[] = [];
  for (let i = 1; i < samples.length; i++) if (samples[i].clip !== samples[i - 1].clip) cuts.push(i);
  const out: CutReaction[] = [];
  for (let c = 0; c + 1 < cuts.length; c++) {
    const start = cuts[c];
    const end = cuts[c + 1]; // exclusive
    const to = samples[start].clip;
    const from = samples[start - 1].clip;
    let before: string | null = null;
    for (let i = start - 1; i >= 0 && before === null; i--) before = samples[i].label;
    const since = (i: number) => samples[i].t - samples[start].t;
    const hitAt = (i: number) => samples[i].label !== null && targetAt(to, since(i)).includes(samples[i].label!);
    // Reported targets and the not-timed test: what the new clip shows in its first half second.
    const target = [...new Set([0, minRunMs / 2, minRunMs].flatMap((ms) => targetAt(to, ms)))];
    const sameLabel = before !== null && target.includes(before);
    let ms: number | null = null;
    if (!sameLabel && target.length) {
      for (let i = start; i < end && ms === null; i++) {
        if (!hitAt(i)) continue;
        let j = i;
        while (j < end && (hitAt(j) || samples[j].label === null)) j++;
        const run = (j < end ? samples[j].t : samples[end - 1].t) - samples[i].t;
        if (run >= minRunMs || j === end) ms = Math.round(samples[i].t - samples[start].t);
        i = j - 1;
      }
    }
    out.push({ from, to, before, target, ms, sameLabel });
  }
  return out;
}

/** The labels a clip's display shows `msSinceCut` after a cut to it (clip: index in the run). */
export type CutTargets = (clip: number, msSinceCut: number) => string[];

/**
 * What the display of a clip played on its own shows at each moment of the clip: from a held run
 * whose samples carry their frame position (`pos`), forward passes only (the cut runs play the clip
 * forward), the labels of at least `share` of the samples within ±`windowMs` of that moment. After a
 * cut, the display has caught up when it shows what it shows at the same moment of the clip without
 * the cut: a clip whose reading drifts (fear read as surprise first, then neutral) is judged against
 * its reading at that moment, not against its most shown label. Empty where the run has no samples.
 */
export function labelsAlongClip(held: TimedSample[], fps: number, windowMs = 250, share = 0.2): (msIntoClip: number) => string[] {
  const forward: { ms: number; label: string }[] = [];
  let last: number | undefined;
  let rising = true;
  for (const s of held) {
    if (s.pos === undefined) continue;
    if (last !== undefined && s.pos !== last) rising = s.pos > last;
    last = s.pos;
    if (rising && s.label !== null) forward.push({ ms: (s.pos * 1000) / fps, label: s.label });
  }
  return (at) => labelsOfShare(forward.filter((f) => Math.abs(f.ms - at) <= windowMs).map((f) => f.label), share);
}

/** Labels shown in at least `share` of the samples (null samples ignored), most shown first. */
export function ownLabels(samples: TimedSample[], share = 0.2): string[] {
  return labelsOfShare(samples.map((s) => s.label), share);
}

/** Labels that make up at least `share` of `labels` (nulls ignored), most frequent first. */
function labelsOfShare(labels: (string | null)[], share: number): string[] {
  const seen = labels.filter((l): l is string => l !== null);
  const counts = new Map<string, number>();
  for (const l of seen) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].filter(([, c]) => c >= share * seen.length).sort((a, b) => b[1] - a[1]).map(([l]) => l);
}
