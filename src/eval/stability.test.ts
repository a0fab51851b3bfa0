import { describe, expect, it } from 'vitest';
import { flickerPer100, labelChanges, majorityLabel, reactionFrames, replayLabels, rng } from './stability';

const L = ['happy', 'sad'];
const box = { x: 0, y: 0, width: 100, height: 100 };

describe('stability measures', () => {
  it('counts label changes, skipping frames without the face', () => {
    expect(labelChanges(['a', 'a', 'b', null, 'b', 'a'])).toBe(2);
    expect(labelChanges(['a', null, 'a'])).toBe(0);
    expect(flickerPer100(['a', 'b', 'a', 'a', 'a'])).toBe(50);
  });

  it('reaction = frames after the cut until the label settles on the target for good', () => {
    const shown = ['x', 'x', 'x', 'y', 'x', 'y', 'y', 'y'];
    expect(reactionFrames(shown, 2, 'y')).toBe(3); // index 5 − cut 2; the blip at 3 does not count
    expect(reactionFrames(shown, 2, 'z')).toBeNull();
    expect(reactionFrames(['x', 'y', null, 'y'], 1, 'y')).toBe(0);
  });

  it('majority label and replay through the tracker', () => {
    const frames = [
      { box, probs: [0.9, 0.1] },
      null,
      { box, probs: [0.2, 0.8] },
      { box, probs: [0.7, 0.3] },
    ];
    expect(majorityLabel(frames, L)).toBe('happy');
    expect(replayLabels(frames, L, { alpha: 1, hysteresis: 0, uncertainBelow: 0 })).toEqual(['happy', null, 'sad', 'happy']);
    // Heavy smoothing holds the first label through the one-frame "sad".
    expect(replayLabels(frames, L, { alpha: 0.3, hysteresis: 0.1, uncertainBelow: 0 })).toEqual(['happy', null, 'happy', 'happy']);
  });

  it('rng is deterministic and in [0, 1)', () => {
    const a = rng(7);
    const b = rng(7);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});

describe('samples a person sees', () => {
  it('takes the label every 250 ms and counts changes per 100 samples', async () => {
    const { sampleLabels, changesPer100 } = await import('./stability');
    const shown = Array.from({ length: 30 }, (_, i) => (i < 15 ? 'a' : 'b')); // 1 s at 30 fps
    const s = sampleLabels(shown, 30);
    expect(s).toEqual(['a', 'a', 'b', 'b']); // frames 0, 8 (7.5), 15, 23 (22.5)
    expect(changesPer100(s)).toBeCloseTo(100 / 3, 10);
    expect(sampleLabels(shown, 30, 250, 20)).toEqual(['b', 'b']);
    expect(changesPer100([null, 'a', null, 'a'])).toBe(0);
  });
});

describe('reaction on real clips', () => {
  it('is the time until the display shows what the new clip alone shows, for a while', async () => {
    const { reactionToCut, mostShown } = await import('./stability');
    const alone = ['b', 'b', 'b', 'c', 'c', 'c'];
    const shown = ['a', 'a', 'a', 'a', 'b', 'b', 'c', 'c', 'c']; // cut at 3: a lingers one frame, then agrees
    expect(reactionToCut(shown, 3, alone, 3)).toBe(1);
    expect(reactionToCut(['a', 'a', 'a', 'a', 'a', 'a'], 3, alone, 3)).toBeNull();
    expect(reactionToCut(['a', 'b', 'b', 'b'], 1, alone, 10)).toBe(0); // agrees to the end
    expect(mostShown([null, 'a', 'b', 'b'])).toBe('b');
  });
});
