import { describe, expect, it } from 'vitest';
import { ResolutionFollower } from './camera-resolution';

describe('ResolutionFollower', () => {
  it('asks for the big picture at once, and for the small one only after a quiet while', () => {
    const f = new ResolutionFollower(10_000);
    expect(f.update(0, false)).toBeNull(); // opened small, nothing to do
    expect(f.update(100, true)).toBe(true);
    expect(f.update(200, true)).toBeNull();
    expect(f.update(5_000, false)).toBeNull(); // a near face for 5 s: keep the big picture
    expect(f.update(9_000, true)).toBeNull(); // small faces again: the quiet time restarts
    expect(f.update(18_000, false)).toBeNull();
    expect(f.update(19_100, false)).toBe(false);
    expect(f.update(20_000, false)).toBeNull();
  });

  it('starts over when the camera reopens', () => {
    const f = new ResolutionFollower(10_000);
    f.update(0, true);
    f.reset();
    expect(f.update(1, true)).toBe(true);
  });
});
