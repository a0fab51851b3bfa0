import { describe, expect, it } from 'vitest';
import { changesPer100Samples, clipFromMarker, cutArgs, cutReactions, labelsAlongClip, ownLabels, pingPongArgs, positionFromMarker, POSITION, resample, type TimedSample } from './stability-browser';

const at = (t: number, label: string | null, clip = 0): TimedSample => ({ t, label, clip });

describe('browser stability measures', () => {
  it('resamples to the latest sample at or before each tick', () => {
    const s = [at(0, 'a'), at(40, 'b'), at(110, 'c'), at(260, 'd'), at(300, 'e')];
    expect(resample(s, 100).map((x) => x.label)).toEqual(['a', 'b', 'c', 'e']);
    expect(resample(s, 250).map((x) => x.label)).toEqual(['a', 'c']);
    expect(resample([], 250)).toEqual([]);
  });

  it('counts changes per 100 samples, ignoring samples without a face', () => {
    const r = changesPer100Samples([at(0, 'a'), at(1, null), at(2, 'a'), at(3, 'b'), at(4, 'b'), at(5, 'a')]);
    expect(r).toEqual({ changes: 2, samples: 5, per100: 50 });
  });

  it('reads the clip from the corner marker', () => {
    expect(clipFromMarker([250, 248, 251])).toBe(1);
    expect(clipFromMarker([12, 16, 10])).toBe(0);
  });

  it('times each cut until a label of the new clip holds for the minimum run; same-label cuts are not timed', () => {
    const s: TimedSample[] = [];
    // clip 0 (sad) 0–950 ms, clip 1 from 1000 ms: sad until 1200, a 100 ms blip of neutral, then neutral from 1500;
    // clip 0 again from 3000 ms: neutral until 3300, then sad; clip 1 from 5000 (needed so the second cut is judged).
    for (let t = 0; t < 6000; t += 50) {
      const clip = t < 1000 || (t >= 3000 && t < 5000) ? 0 : 1;
      let label = 'sad';
      if (t >= 1250 && t < 1350) label = 'neutral';
      if (t >= 1500 && t < 3300) label = 'neutral';
      if (t >= 5000) label = 'neutral';
      s.push(at(t, label, clip));
    }
    const r = cutReactions(s, [['sad'], ['neutral', 'surprise']], 500);
    expect(r).toHaveLength(2); // the last cut has no following one
    expect(r[0]).toMatchObject({ from: 0, to: 1, before: 'sad', ms: 500, sameLabel: false });
    expect(r[1]).toMatchObject({ from: 1, to: 0, before: 'neutral', ms: 300, sameLabel: false });
    expect(cutReactions(s, [['sad', 'neutral'], ['neutral']], 500)[1].sameLabel).toBe(true);
    expect(cutReactions(s, [['angry'], ['neutral']], 500)[1].ms).toBeNull();
  });

  it('reads the frame position from the row of squares, bit 0 first', () => {
    const W: [number, number, number] = [240, 238, 236];
    const B: [number, number, number] = [14, 12, 16];
    expect(positionFromMarker([W, B, W, B, B, B, B, W])).toBe(1 + 4 + 128);
    expect(positionFromMarker(Array(POSITION.bits).fill(B))).toBe(0);
  });

  it('cuts judged against what the new clip shows at the same moment when played alone', () => {
    // Clip 1 alone (its held run, forward then backward at 30 fps): surprise for its first 0.5 s, then neutral.
    const held: TimedSample[] = [];
    let t = 0;
    for (const dir of [1, -1, 1]) {
      for (let k = 0; k < 60; k++, t += 33) {
        const pos = dir > 0 ? k * 2 : 118 - k * 2; // 0…118 frames, then back
        held.push({ t, label: pos < 15 ? 'surprise' : 'neutral', clip: 0, pos });
      }
    }
    const along = labelsAlongClip(held, 30);
    expect(along(0)).toEqual(['surprise']);
    expect(along(2000)).toEqual(['neutral']);
    expect(along(500).sort()).toEqual(['neutral', 'surprise']);
    expect(along(9000)).toEqual([]);
    // A cut to clip 1 at 1000 ms: the display shows surprise from 1200 ms (the clip's reading then), neutral from 1600.
    const s: TimedSample[] = [];
    for (let x = 0; x < 4000; x += 50) {
      const clip = x >= 1000 && x < 3000 ? 1 : 0;
      s.push(at(x, x < 1200 ? 'sad' : x < 1600 ? 'surprise' : x < 3200 ? 'neutral' : 'sad', clip));
    }
    const targets = (clip: number, ms: number) => (clip === 1 ? along(ms) : ['sad']);
    const [cut] = cutReactions(s, targets, 500);
    expect(cut).toMatchObject({ from: 0, to: 1, before: 'sad', ms: 200, sameLabel: false });
    expect(cut.target.sort()).toEqual(['neutral', 'surprise']);
    // Judged against the clip's most shown label only (neutral), the same display would take 600 ms.
    expect(cutReactions(s, [['sad'], ['neutral']], 500)[0].ms).toBe(600);
    // A display stuck on a label the clip shows only later is not caught up: surprise shown at 1.5 s is too late.
    const late = s.map((x) => (x.t >= 1200 && x.t < 1400 ? { ...x, label: 'neutral' } : x.t >= 1400 && x.t < 3000 ? { ...x, label: x.t < 2500 ? 'surprise' : 'neutral' } : x));
    expect(cutReactions(late, targets, 500)[0].ms).not.toBe(200);
  });

  it("a clip's own labels are those of at least the given share of its samples", () => {
    const s = [...Array(6).fill('neutral'), ...Array(3).fill('surprise'), 'sad', null].map((l, i) => at(i, l));
    expect(ownLabels(s)).toEqual(['neutral', 'surprise']);
    expect(ownLabels(s, 0.5)).toEqual(['neutral']);
  });

  it('y4m recipes: letterboxed 640×480 at 30 fps, held clips forward then backward, cuts with the marker on the second clip', () => {
    const p = pingPongArgs({ file: 'a.mp4', from: 2 }, '/tmp/x.y4m').join(' ');
    expect(p).toContain('-ss 2 -i a.mp4');
    expect(p).toMatch(/reverse.*concat=n=2/);
    expect(p).toContain('pad=640:480');
    const c = cutArgs({ file: 'a.mp4', from: 0 }, { file: 'b.mp4', from: 2, length: 3 }, '/tmp/y.y4m').join(' ');
    expect(c).toContain('-ss 2 -t 3 -i b.mp4');
    expect(c).toMatch(/\[0:v\][^;]*color=black[^;]*;\[1:v\][^;]*color=white/);
    expect(c.endsWith('/tmp/y.y4m')).toBe(true);
  });
});
