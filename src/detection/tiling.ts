// Detection on overlapping tiles, for faces far from the camera. BlazeFace sees the whole frame
// shrunk to 128 or 192 px, where a face at the back of a classroom is a few pixels wide; run on
// tiles of about TILE_SIDE px, the same face is several times bigger in the model's input.
import { intersectionArea } from '../crop/crop-box';
import type { Box, DetectedFace } from './types';

/** Tile side in frame pixels. With the full-range model, faces down to ~30 px wide are found. */
export const TILE_SIDE = 512;
export const TILE_OVERLAP = 0.2;

/** Overlapping tiles covering width×height exactly; one tile (the frame) when it is small. */
export function tileGrid(width: number, height: number, side = TILE_SIDE, overlap = TILE_OVERLAP): Box[] {
  const step = side * (1 - overlap);
  const cols = Math.max(1, Math.ceil((width - side * overlap) / step));
  const rows = Math.max(1, Math.ceil((height - side * overlap) / step));
  if (cols === 1 && rows === 1) return [{ x: 0, y: 0, width, height }];
  // Tiles grow to cover the frame with the chosen counts, keeping the overlap fraction.
  const tw = Math.min(width, width / (cols - (cols - 1) * overlap));
  const th = Math.min(height, height / (rows - (rows - 1) * overlap));
  const tiles: Box[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = cols === 1 ? 0 : Math.round((c * (width - tw)) / (cols - 1));
      const y = rows === 1 ? 0 : Math.round((r * (height - th)) / (rows - 1));
      tiles.push({ x, y, width: Math.min(Math.round(tw), width - x), height: Math.min(Math.round(th), height - y) });
    }
  }
  return tiles;
}

/** Whether two boxes are the same face: their intersection covers `minCover` of the smaller box. */
export function sameFace(a: Box, b: Box, minCover = 0.4): boolean {
  return intersectionArea(a, b) >= minCover * Math.min(a.width * a.height, b.width * b.height);
}

const byAreaDesc = <T extends { box: Box }>(faces: readonly T[]): T[] => [...faces].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);

/**
 * Merges detections from the whole frame and its tiles: the same face seen twice (two tiles, or a
 * face cut by a tile edge) is kept once, as its biggest box. "The same" means the intersection
 * covers `minCover` of the smaller box. At most maxFaces are kept, biggest first.
 */
export function mergeDetections<T extends { box: Box }>(faces: readonly T[], maxFaces: number, minCover = 0.4): T[] {
  return addNewFaces([], faces, maxFaces, minCover);
}

/** `kept` plus those of `faces` (biggest first) that are none of the faces kept so far, up to maxFaces. */
export function addNewFaces<T extends { box: Box }>(kept: readonly T[], faces: readonly T[], maxFaces: number, minCover = 0.4): T[] {
  const keep = kept.slice(0, maxFaces);
  for (const f of byAreaDesc(faces)) {
    if (keep.length >= maxFaces) break;
    if (keep.some((k) => sameFace(k.box, f.box, minCover))) continue;
    keep.push(f);
  }
  return keep;
}

/** A face found in a region at (dx, dy), in the whole frame's pixels. */
export function shiftFace(f: DetectedFace, dx: number, dy: number): DetectedFace {
  return { box: { ...f.box, x: f.box.x + dx, y: f.box.y + dy }, keypoints: f.keypoints.map((k) => ({ x: k.x + dx, y: k.y + dy })) };
}
