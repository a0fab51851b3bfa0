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
