// Where each face's label block goes: next to its face (below, above, right or left, whichever is
// free), inside the frame, covering no face's box and no other label. When there is no such spot
// the label shrinks (fewer bars, down to the headline and its bar). Pure geometry, unit-tested.
import { intersectionArea } from '../crop/crop-box';
import type { Box } from '../detection/types';

export interface LabelSize {
  width: number;
  height: number;
}

export interface LabelRequest {
  /** The face, in canvas pixels (as drawn, i.e. already mirrored if the view is). */
  box: Box;
  /** The label's possible sizes, most detailed (largest) first; the last is the smallest it can get. */
  sizes: readonly LabelSize[];
}

export interface LabelPlacement {
  rect: Box;
  /** Index into the request's sizes. */
  size: number;
  /** False when no free spot existed even at the smallest size: the rect covers the least it could. */
  clear: boolean;
}

const GAP = 3;

function clampInto(r: Box, frameW: number, frameH: number): Box {
  return {
    ...r,
    x: Math.max(0, Math.min(r.x, frameW - r.width)),
    y: Math.max(0, Math.min(r.y, frameH - r.height)),
  };
}

/** Candidate spots around a face, in order of preference: below, above, right, left, then further out. */
export function candidateSpots(b: Box, size: LabelSize): Box[] {
  const { width: w, height: h } = size;
  const spot = (x: number, y: number): Box => ({ x, y, width: w, height: h });
  const xs = [b.x, b.x + b.width / 2 - w / 2, b.x + b.width - w];
  const ys = [b.y, b.y + b.height / 2 - h / 2, b.y + b.height - h];
  const below = b.y + b.height + GAP;
  const above = b.y - h - GAP;
  const right = b.x + b.width + GAP;
  const left = b.x - w - GAP;
  const spots: Box[] = [];
  for (const x of xs) spots.push(spot(x, below));
  for (const x of xs) spots.push(spot(x, above));
  for (const y of ys) spots.push(spot(right, y));
  for (const y of ys) spots.push(spot(left, y));
  // Further below or above, stacked under the neighbours' labels, for crowded rows.
  for (let k = 1; k <= 2; k++) {
    for (const x of xs) spots.push(spot(x, below + k * (h + GAP)), spot(x, above - k * (h + GAP)));
  }
  return spots;
}

interface Attempt {
  placed: LabelPlacement[];
  blocked: number;
}

/**
 * Greedy, bigger faces first. Each face takes, at its largest size that has one, the first free
 * spot (covering no face, own included, and no label placed before). A face with no free spot at
 * any size takes its smallest size where it covers the least, faces counting more than labels.
 */
function attempt(requests: readonly LabelRequest[], frameW: number, frameH: number, startSize: number): Attempt {
  const order = requests.map((_, i) => i).sort((a, b) => requests[b].box.width - requests[a].box.width);
  const placed = new Array<LabelPlacement>(requests.length);
  const taken: Box[] = [];
  const blockedFaces: number[] = [];
  const cost = (r: Box) => {
    let c = 0;
    for (const other of requests) c += intersectionArea(r, other.box) * 4;
    for (const t of taken) c += intersectionArea(r, t);
    return c;
  };
  const free = (r: Box) => requests.every((other) => intersectionArea(r, other.box) === 0) && taken.every((t) => intersectionArea(r, t) === 0);
  const place = (i: number, p: LabelPlacement) => {
    placed[i] = p;
    taken.push(p.rect);
  };
  for (const i of order) {
    const { box, sizes } = requests[i];
    let found: LabelPlacement | null = null;
    for (let s = Math.min(startSize, sizes.length - 1); s < sizes.length && !found; s++) {
      for (const spot of candidateSpots(box, sizes[s])) {
        const r = clampInto(spot, frameW, frameH);
        if (free(r)) {
          found = { rect: r, size: s, clear: true };
          break;
        }
      }
    }
    if (found) place(i, found);
    else blockedFaces.push(i);
  }
  // Faces with no free spot go last, so they never push a face that had one out of its spot.
  for (const i of blockedFaces) {
    const { box, sizes } = requests[i];
    const s = sizes.length - 1;
    let best: Box | null = null;
    let bestCost = Infinity;
    candidateSpots(box, sizes[s]).forEach((spot, rank) => {
      const r = clampInto(spot, frameW, frameH);
      const c = cost(r) + rank * 1e-3; // preference order only breaks ties
      if (c < bestCost) {
        bestCost = c;
        best = r;
      }
    });
    place(i, { rect: best!, size: s, clear: false });
  }
  return { placed, blocked: blockedFaces.length };
}

/**
 * One placement per request, inside frameW×frameH. If some face finds no free spot, every label is
 * tried one size smaller (so big labels make room for their neighbours); the attempt leaving the
 * fewest faces covered wins, the more detailed one on a tie.
 */
export function placeLabels(requests: readonly LabelRequest[], frameW: number, frameH: number): LabelPlacement[] {
  const levels = Math.max(1, ...requests.map((r) => r.sizes.length));
  let best: Attempt | null = null;
  for (let start = 0; start < levels; start++) {
    const a = attempt(requests, frameW, frameH, start);
    if (!best || a.blocked < best.blocked) best = a;
    if (best.blocked === 0) break;
  }
  return best!.placed;
}

export type LabelDetail = 'full' | 'top3' | 'compact';
export const DETAIL_LEVELS: readonly LabelDetail[] = ['full', 'top3', 'compact'];

/**
 * How much to show for a face at most: all bars for faces big on screen, the top three for
 * mid-sized faces, and only the label with one score bar for small faces or crowds.
 */
export function labelDetail(faceCssWidth: number, faceCount: number, textScale = 1): LabelDetail {
  const w = faceCssWidth / textScale;
  if (w >= 150 && faceCount <= 6) return 'full';
  if (w >= 75 && faceCount <= 15) return 'top3';
  return 'compact';
}
