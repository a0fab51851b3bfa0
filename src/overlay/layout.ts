// Where each face's label block goes: next to its face, inside the frame, and not on top of
// another face or another label when there is any room for that. Pure geometry, unit-tested.
import type { Box } from '../detection/types';

export interface LabelRequest {
  /** The face, in canvas pixels (as drawn, i.e. already mirrored if the view is). */
  box: Box;
  /** Size of the label block to place. */
  width: number;
  height: number;
}

const GAP = 3;

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clampInto(r: Box, frameW: number, frameH: number): Box {
  return {
    ...r,
    x: Math.max(0, Math.min(r.x, frameW - r.width)),
    y: Math.max(0, Math.min(r.y, frameH - r.height)),
  };
}

/** Candidate spots around a face, in order of preference. */
function candidates(req: LabelRequest): Box[] {
  const { box: b, width: w, height: h } = req;
  const cx = b.x + b.width / 2 - w / 2;
  const below = b.y + b.height + GAP;
  const above = b.y - h - GAP;
  const spots: Box[] = [
    { x: b.x, y: below, width: w, height: h },
    { x: b.x, y: above, width: w, height: h },
    { x: cx, y: below, width: w, height: h },
    { x: cx, y: above, width: w, height: h },
    { x: b.x + b.width + GAP, y: b.y, width: w, height: h },
    { x: b.x - w - GAP, y: b.y, width: w, height: h },
    { x: b.x + b.width - w, y: below, width: w, height: h },
    { x: b.x + b.width - w, y: above, width: w, height: h },
  ];
  // Further away below and above, for crowded rows.
  for (let k = 1; k <= 3; k++) {
    spots.push({ x: cx, y: below + k * (h + GAP), width: w, height: h });
    spots.push({ x: cx, y: above - k * (h + GAP), width: w, height: h });
  }
  return spots;
}

/**
 * One rectangle per request, inside frameW×frameH. Greedy, bigger faces first (they carry the most
 * text): each takes the first spot that covers no face and no placed label, or else the spot
 * covering the least. Distance from its own face breaks ties, so labels stay near their face.
 */
export function placeLabels(requests: readonly LabelRequest[], frameW: number, frameH: number): Box[] {
  const order = requests.map((_, i) => i).sort((a, b) => requests[b].box.width - requests[a].box.width);
  const placed: Box[] = new Array<Box>(requests.length);
  const taken: Box[] = [];
  for (const i of order) {
    const req = requests[i];
    let best: Box | null = null;
    let bestCost = Infinity;
    candidates(req).forEach((spot, rank) => {
      const r = clampInto(spot, frameW, frameH);
      let cost = 0;
      for (const t of taken) cost += overlap(r, t) * 2;
      for (const other of requests) cost += overlap(r, other.box);
      // Preference order as a small tie-breaker, much smaller than any real overlap.
      cost += rank * 1e-3;
      if (cost < bestCost) {
        bestCost = cost;
        best = r;
      }
    });
    placed[i] = best!;
    taken.push(best!);
  }
  return placed;
}

export type LabelDetail = 'full' | 'top3' | 'compact';

/**
 * How much to show for a face: all bars for faces big on screen, the top three for mid-sized
 * faces, and only the label with one score bar for small faces or crowds.
 */
export function labelDetail(faceCssWidth: number, faceCount: number, textScale = 1): LabelDetail {
  const w = faceCssWidth / textScale;
  if (w >= 150 && faceCount <= 6) return 'full';
  if (w >= 75 && faceCount <= 15) return 'top3';
  return 'compact';
}
