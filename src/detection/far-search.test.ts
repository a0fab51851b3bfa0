import { describe, expect, it } from 'vitest';
import { BACKGROUND_EVERY, farNeed, farRegions, FarSearch, mergeFreshFirst } from './far-search';
import type { Box } from './types';

const face = (x: number, y: number, w: number) => ({ box: { x, y, width: w, height: w } });
type F = { box: Box };

/** Runs `passes` detector passes; `near` gives the short-range faces, `farIn` the far faces of a region. */
function run(search: FarSearch<F>, passes: number, mode: 'auto' | 'on' | 'off', w: number, h: number, near: F[], farIn: (r: Box) => F[]) {
  const scanned: number[] = [];
  let out: F[] = [];
  for (let i = 0; i < passes; i++) {
    const plans = search.plan(mode, w, h, near);
    for (const p of plans) {
      scanned.push(p.index);
      search.record(p.index, farIn(p.region));
    }
    out = search.merge(near, plans.map((p) => p.index), 30);
  }
  return { scanned, out };
}

describe('farNeed', () => {
  it('costs nothing when faces are large and near on a picture of ordinary size', () => {
    expect(farNeed('auto', 640, 480, [face(200, 100, 180)], 0)).toBe('none');
  });
  it('searches when no face or a small face is seen, or far faces are known', () => {
    expect(farNeed('auto', 640, 480, [], 0)).toBe('active');
    expect(farNeed('auto', 640, 480, [face(200, 100, 180), face(10, 10, 40)], 0)).toBe('active');
    expect(farNeed('auto', 640, 480, [face(200, 100, 180)], 3)).toBe('active');
  });
  it('looks in the background on a large picture, always when on, never when off', () => {
    expect(farNeed('auto', 1280, 720, [face(400, 100, 300)], 0)).toBe('background');
    expect(farNeed('on', 640, 480, [face(200, 100, 180)], 0)).toBe('active');
    expect(farNeed('off', 1280, 720, [], 0)).toBe('none');
  });
});

describe('FarSearch', () => {
  it('scans the whole frame and every tile on the first pass, then one region per pass, round and round', () => {
    const regions = farRegions(1280, 720);
    expect(regions).toHaveLength(7); // the frame and 3×2 tiles
    const search = new FarSearch<F>();
    expect(run(search, 1, 'auto', 1280, 720, [], () => []).scanned).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(search.exploring).toBe(false);
    expect(run(search, 3, 'auto', 1280, 720, [], () => []).scanned).toEqual([0, 1, 2]);
  });

  it('finds a class spread over the tiles within one cycle, and keeps every face between visits', () => {
    // 20 faces of 40 px on a 1280×720 picture; the short-range model sees none of them.
    const klass = Array.from({ length: 20 }, (_, i) => face(40 + (i % 5) * 250, 40 + Math.floor(i / 5) * 170, 40));
    const inside = (r: Box) => klass.filter((f) => f.box.x >= r.x && f.box.y >= r.y && f.box.x + 40 <= r.x + r.width && f.box.y + 40 <= r.y + r.height);
    // The whole-frame pass finds nothing at this size; tiles find what lies inside them.
    const farIn = (r: Box) => (r.width === 1280 ? [] : inside(r));
    const search = new FarSearch<F>();
    expect(run(search, 1, 'auto', 1280, 720, [], farIn).out).toHaveLength(20);
    // Later passes scan one region each, yet every face stays (faces seen by two tiles count once).
    for (let i = 0; i < 9; i++) expect(run(search, 1, 'auto', 1280, 720, [], farIn).out).toHaveLength(20);
  });

  it('picks up a newcomer when its region comes round, and drops a face that left', () => {
    const search = new FarSearch<F>();
    let present = [face(100, 100, 40)];
    const farIn = (r: Box) => present.filter((f) => f.box.x >= r.x && f.box.x + 40 <= r.x + r.width && f.box.y >= r.y && f.box.y + 40 <= r.y + r.height);
    expect(run(search, 1, 'auto', 1280, 720, [], farIn).out).toHaveLength(1);
    present = [face(1100, 600, 40)];
    expect(run(search, 7, 'auto', 1280, 720, [], farIn).out.map((f) => f.box.x)).toEqual([1100]);
  });

  it('with only large near faces on a large picture, scans one region every few passes', () => {
    const near = face(400, 100, 300);
    const { scanned, out } = run(new FarSearch<F>(), 4 * BACKGROUND_EVERY, 'auto', 1280, 720, [near], (r) => (r.width === 1280 ? [near] : []));
    expect(scanned).toHaveLength(4);
    expect(out).toHaveLength(1);
  });

  it('runs no far pass and forgets far faces when the near faces are large on an ordinary picture', () => {
    const search = new FarSearch<F>();
    run(search, 3, 'auto', 640, 480, [], () => [face(10, 10, 30)]);
    expect(search.remembered).toBeGreaterThan(0);
    const off = run(search, 3, 'off', 640, 480, [face(200, 100, 180)], () => [face(10, 10, 30)]);
    expect(off.scanned).toEqual([]);
    expect(off.out).toHaveLength(1);
    expect(search.remembered).toBe(0);
  });

  it('starts over when the picture changes size', () => {
    const search = new FarSearch<F>();
    run(search, 3, 'auto', 640, 480, [], () => [face(10, 10, 30)]);
    expect(search.plan('auto', 1280, 720, [])[0].index).toBe(0);
    expect(search.remembered).toBe(0);
  });
});

describe('FarSearch: short-range faces the full-range model did not see', () => {
  it('drops a large short-range face once the whole-frame far pass saw nothing there', () => {
    const search = new FarSearch<F>();
    const ghost = face(480, 350, 190);
    const real = face(100, 100, 40);
    // Before any whole-frame far pass the short-range face counts.
    expect(search.plan('on', 1280, 720, [ghost])[0].index).toBe(0);
    expect(search.merge([ghost], [], 30)).toEqual([ghost]);
    search.record(0, [real]);
    expect(search.merge([ghost], [0], 30)).toEqual([real]);
    // A short-range face the full-range model also found is kept, with the fresh box.
    const seen = face(102, 101, 42);
    expect(search.merge([seen], [], 30)).toEqual([seen]);
  });
});

describe('FarSearch.planAll (a still image)', () => {
  it('scans every region at once when far faces are wanted, none when faces are near', () => {
    const search = new FarSearch<F>();
    expect(search.planAll('auto', 1280, 720, []).map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(search.planAll('auto', 640, 480, [face(200, 100, 180)])).toEqual([]);
  });
});

describe('mergeFreshFirst', () => {
  it('keeps the fresh box of a face over a remembered one, and remembered faces seen nowhere else', () => {
    const fresh = [face(100, 100, 40)];
    const old = [face(104, 102, 50), face(600, 300, 30)];
    expect(mergeFreshFirst(fresh, old, 10)).toEqual([fresh[0], old[1]]);
    expect(mergeFreshFirst(fresh, old, 1)).toEqual([fresh[0]]);
  });
});
