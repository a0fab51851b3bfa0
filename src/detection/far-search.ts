// When and where to look for far (small) faces, spread over detector passes. Pure: no tfjs, so the
// schedule and the merge are unit-tested in Node; auto-detector.ts runs the models it asks for.
//
// Every detector pass runs the short-range model on the whole frame (cheap). A far pass runs the
// full-range model on ONE region: the whole frame (finds medium faces at once), then the tiles of
// tileGrid (small faces), one per pass, round and round. What each region found is remembered until
// that region is scanned again, and merged with the fresh faces (fresh boxes win over remembered).
import { addNewFaces, mergeDetections, sameFace, tileGrid } from './tiling';
import type { Box } from './types';

/** auto: search when no face or only small ones are seen, or the picture is large; on: always; off: never. */
export type FarFacesMode = 'auto' | 'on' | 'off';
export const FAR_FACES_MODES: readonly FarFacesMode[] = ['auto', 'on', 'off'];

/** A face narrower than this share of the frame's shorter side counts as small (far). */
export const SMALL_FACE_SHARE = 0.15;
/** Pictures with more pixels than this are "large": far faces are worth a background look. */
export const LARGE_PICTURE_PIXELS = 640 * 480;
/** In the background (near faces only, on a large picture) one far pass every this many detector passes. */
export const BACKGROUND_EVERY = 4;

export function isSmallFace(box: Box, width: number, height: number): boolean {
  return box.width < SMALL_FACE_SHARE * Math.min(width, height);
}

/** Why far faces are searched on this pass: 'active' every pass, 'background' every BACKGROUND_EVERY, or not. */
export type FarNeed = 'active' | 'background' | 'none';

/**
 * `near`: the short-range faces of this pass; `remembered`: far faces still remembered that are none of them.
 * Costs nothing ('none') when faces are large and near on a picture of ordinary size.
 */
export function farNeed(mode: FarFacesMode, width: number, height: number, near: readonly { box: Box }[], remembered: number): FarNeed {
  if (mode === 'off') return 'none';
  if (mode === 'on' || near.length === 0 || remembered > 0 || near.some((f) => isSmallFace(f.box, width, height))) return 'active';
  return width * height > LARGE_PICTURE_PIXELS ? 'background' : 'none';
}

/** The regions a far search cycles through: the whole frame, then its tiles (if the frame needs any). */
export function farRegions(width: number, height: number): Box[] {
  const whole = { x: 0, y: 0, width, height };
  const tiles = tileGrid(width, height);
  return tiles.length > 1 ? [whole, ...tiles] : [whole];
}

/** Fresh faces first (deduplicated, biggest first), then remembered ones that are none of them. */
export function mergeFreshFirst<T extends { box: Box }>(fresh: readonly T[], remembered: readonly T[], maxFaces: number): T[] {
  return addNewFaces(mergeDetections(fresh, maxFaces), remembered, maxFaces);
}

/** One region of the frame to scan with the full-range model; index identifies it in FarSearch's memory. */
export interface FarScan {
  index: number;
  region: Box;
}

/**
 * The far-search state across passes. Per pass: plan() says which regions to scan (often none or
 * one), the caller runs the full-range model there and hands the faces (in frame pixels) to
 * record(); merge() gives the pass's faces.
 */
export class FarSearch<T extends { box: Box }> {
  private pass = 0;
  private cursor = 0;
  private regions: Box[] = [];
  private size = '';
  private memory = new Map<number, T[]>();
  /** What the full-range model saw on its last whole-frame pass (null: none since the search started). */
  private whole: T[] | null = null;
  private lastNeed: FarNeed = 'none';
  /** Regions scanned since the search (re)started: below regions.length, the first round is not done. */
  private scans = 0;

  /** The need decided by the last plan(); 'active' means small faces are being looked for right now. */
  get need(): FarNeed {
    return this.lastNeed;
  }

  /** True while far faces are wanted and the first round over the regions is not finished. */
  get exploring(): boolean {
    return this.lastNeed === 'active' && this.scans < this.regions.length;
  }

  /** Far faces remembered from earlier passes (a face seen by two regions counts twice). */
  get remembered(): number {
    return this.rememberedBeside([]);
  }

  /** Remembered far faces that are none of `near` (faces only the full-range model sees). */
  private rememberedBeside(near: readonly T[]): number {
    let n = 0;
    for (const faces of this.memory.values()) n += faces.filter((f) => !near.some((g) => sameFace(g.box, f.box))).length;
    return n;
  }

  /**
   * The regions to scan with the full-range model on this pass: none, or one, round and round;
   * but when far faces are first looked for (the first round not done), all the remaining ones at
   * once, so a class appears on one frame instead of being assembled over several (the caller
   * yields to the browser between regions, so the page stays responsive).
   */
  plan(mode: FarFacesMode, width: number, height: number, near: readonly T[]): FarScan[] {
    this.start(mode, width, height, near);
    if (this.lastNeed === 'none') return [];
    if (this.exploring) {
      const rest = this.regions.map((region, index) => ({ index, region })).slice(this.cursor);
      this.cursor = 0;
      return rest;
    }
    if (this.lastNeed === 'background' && this.pass % BACKGROUND_EVERY !== 0) return [];
    const index = this.cursor;
    this.cursor = (this.cursor + 1) % this.regions.length;
    return [{ index, region: this.regions[index] }];
  }

  /** Every region at once, for a still image (no later frames to spread the search over); [] if none is needed. */
  planAll(mode: FarFacesMode, width: number, height: number, near: readonly T[]): FarScan[] {
    this.start(mode, width, height, near);
    return this.lastNeed === 'none' ? [] : this.regions.map((region, index) => ({ index, region }));
  }

  private start(mode: FarFacesMode, width: number, height: number, near: readonly T[]): void {
    const size = `${width}x${height}`;
    if (size !== this.size) {
      // A new picture size (the camera changed resolution): boxes and tiles no longer apply.
      this.size = size;
      this.regions = farRegions(width, height);
      this.forget();
    }
    this.pass++;
    this.lastNeed = farNeed(mode, width, height, near, this.rememberedBeside(near));
    if (this.lastNeed === 'none') this.forget();
  }

  private forget(): void {
    this.scans = 0;
    this.memory.clear();
    this.whole = null;
    this.cursor = 0;
  }

  /** What the full-range model found in region `index` this pass (frame pixels); replaces its memory. */
  record(index: number, faces: readonly T[]): void {
    this.scans++;
    if (index === 0) this.whole = [...faces];
    if (faces.length) this.memory.set(index, [...faces]);
    else this.memory.delete(index);
  }

  /** This pass's faces: the short-range ones and those of the regions scanned now first, then remembered ones. */
  merge(near: readonly T[], scanned: readonly number[], maxFaces: number): T[] {
    // On a big picture the short-range model (the frame shrunk to 128 px) sometimes takes a body or
    // a patch of fabric for a large face: once the full-range model has looked at the whole frame,
    // a short-range face it did not see there is dropped.
    const whole = this.whole;
    const fresh = whole ? near.filter((f) => whole.some((w) => sameFace(w.box, f.box))) : [...near];
    const old: T[] = [];
    for (const [i, faces] of this.memory) (scanned.includes(i) ? fresh : old).push(...faces);
    return mergeFreshFirst(fresh, old, maxFaces);
  }

  reset(): void {
    this.forget();
    this.pass = 0;
    this.size = '';
    this.lastNeed = 'none';
  }
}
