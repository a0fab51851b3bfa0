import { describe, expect, it } from 'vitest';
import { AutoQuality, chooseLevel } from './auto';
import type { QualityLevel } from './levels';

const level = (id: string, ms: number, msPerFace: number): QualityLevel => ({
  id,
  label: id,
  members: [{ model: 'm', weight: 1 }],
  combine: 'logit',
  temperature: 1,
  tta: 'none',
  cost: { ms, msPerFace },
});
// Priors: fast 2 + 3n, balanced 3 + 7n, best 4 + 13n (ms). 30 fps: 33.3 ms, 85 % usable = 28.3 ms.
const LEVELS = [level('fast', 2, 3), level('balanced', 3, 7), level('best', 4, 13)];
const FRAME = 1000 / 30;
const prior = (n: number) => (l: QualityLevel) => l.cost.ms + l.cost.msPerFace * n;

describe('chooseLevel', () => {
  it('picks the richest level that fits the frame, and says why', () => {
    expect(chooseLevel(LEVELS, 1, FRAME, 0, prior(1)).level).toBe('best'); // 17 ms
    const d = chooseLevel(LEVELS, 2, FRAME, 0, prior(2)); // best 30 ms does not fit, balanced 17 does
    expect(d.level).toBe('balanced');
    expect(d.reason).toBe('2 faces: balanced takes about 17 ms of a 33 ms frame; best would take 30 ms');
    expect(d.expectedMs).toBe(17);
  });

  it('counts the rest of the frame (detector, upload) against the budget', () => {
    const d = chooseLevel(LEVELS, 1, FRAME, 12, prior(1)); // 28.3 − 12 = 16.3 < 17
    expect(d.level).toBe('balanced');
    expect(d.reason).toBe('1 face: balanced takes about 10 ms of a 33 ms frame (the rest of the frame takes 12 ms); best would take 17 ms');
  });

  it('falls to the lightest level when nothing fits, and says so', () => {
    const d = chooseLevel(LEVELS, 20, FRAME, 0, prior(20));
    expect(d.level).toBe('fast');
    expect(d.reason).toMatch(/even fast takes about 62 ms/);
  });

  it('keeps the richest level ready when no face is in view', () => {
    expect(chooseLevel(LEVELS, 0, FRAME, 0, prior(0)).level).toBe('best');
  });
});

describe('AutoQuality', () => {
  it('re-decides when faces come and go, not on every frame', () => {
    const auto = new AutoQuality(LEVELS);
    expect(auto.decide(1, FRAME).level).toBe('best');
    expect(auto.decide(3, FRAME).level).toBe('balanced'); // best 43, balanced 24
    expect(auto.decide(3, FRAME).level).toBe('balanced');
    expect(auto.decide(6, FRAME).level).toBe('fast'); // balanced 45, fast 20
    expect(auto.decide(1, FRAME).level).toBe('best');
  });

  it('scales the priors by the measured speed of this device', () => {
    const auto = new AutoQuality(LEVELS);
    // This device is twice as slow as the priors: fast with 1 face took 10 ms, not 5.
    auto.record('fast', 1, 10, 12);
    expect(auto.estimate(LEVELS[2], 1)).toBeCloseTo(34, 5);
    expect(auto.decide(1, FRAME).level).toBe('balanced'); // best 34 > 28.3 − 2; balanced 20 fits
  });

  it('uses a measurement for that level and face count over the prior', () => {
    const auto = new AutoQuality(LEVELS);
    auto.record('best', 2, 12, 12); // faster than its prior of 30
    expect(auto.estimate(LEVELS[2], 2)).toBe(12);
    expect(auto.decide(2, FRAME).level).toBe('best');
  });

  it('steps down when the standing level turns out too slow at the same face count', () => {
    const auto = new AutoQuality(LEVELS);
    expect(auto.decide(1, FRAME).level).toBe('best');
    for (let i = 0; i < 20; i++) auto.record('best', 1, 40, 42);
    const d = auto.decide(1, FRAME);
    expect(d.level).not.toBe('best');
    // and it does not climb back at that face count while best stays slow
    for (let i = 0; i < 20; i++) auto.record(d.level, 1, 3, 5);
    expect(auto.decide(1, FRAME).level).toBe(d.level);
  });
});

describe('AutoQuality after a busy moment', () => {
  /** Quick frames (3 ms for one face) at `level` until auto moves: how many, and where to. */
  const quickUntilMove = (auto: AutoQuality, level: string) => {
    for (let frames = 1; frames <= 5000; frames++) {
      auto.record(level, 1, 3, 5);
      const next = auto.decide(1, FRAME).level;
      if (next !== level) return { level: next, frames };
    }
    return { level, frames: Infinity };
  };
  const richer = (a: string, b: string) => LEVELS.findIndex((l) => l.id === a) > LEVELS.findIndex((l) => l.id === b);

  it('tries the richer level again after a while at the same face count, and backs off when it is still too slow', () => {
    const auto = new AutoQuality(LEVELS);
    expect(auto.decide(1, FRAME).level).toBe('best');
    for (let i = 0; i < 20; i++) auto.record('best', 1, 40, 42); // the machine was busy
    const d = auto.decide(1, FRAME);
    const low = d.level;
    expect(low).not.toBe('best');
    expect(d.reason).toMatch(/; best took 40 ms$/);
    // Calm again: the lower level is quick. 150 decisions later the next richer level is tried.
    const first = quickUntilMove(auto, low);
    expect(richer(first.level, low)).toBe(true);
    expect(first.frames).toBe(150);
    expect(auto.decide(1, FRAME).reason).toMatch(/trying .* again/);
    // It is slow for real: down again, and the next try waits twice as long.
    auto.record(first.level, 1, 60, 62);
    const down = auto.decide(1, FRAME).level;
    expect(richer(first.level, down)).toBe(true);
    expect(quickUntilMove(auto, down).frames).toBe(300);
  });

  it('a few slow frames (another program, garbage collection) do not drop the level', () => {
    const auto = new AutoQuality(LEVELS);
    for (let i = 0; i < 40; i++) {
      const slow = i % 10 === 9; // one frame in ten takes 200 ms
      auto.record('balanced', 2, slow ? 200 : 17, slow ? 210 : 20);
      expect(auto.decide(2, FRAME).level).toBe('balanced');
    }
  });

  it('the detector\'s every-4th-frame cost counts as its average share, not as a spike', () => {
    const auto = new AutoQuality(LEVELS);
    // balanced at 2 faces: 17 ms classify; 3 ms of other work, 30 ms more on every 4th (detector) frame.
    for (let i = 0; i < 200; i++) auto.record('balanced', 2, 17, i % 4 === 3 ? 50 : 20);
    // Average rest of the frame 3 + 30 / 4 = 10.5 ms: 17 ms fits the 28.3 ms budget, also right after a
    // detector frame (a fast running mean would read about 13 ms there and drop to fast).
    expect(auto.decide(2, FRAME).level).toBe('balanced');
  });
});

describe('AutoQuality start level', () => {
  it('uses the start level until a frame is timed, then the measured choice', () => {
    const auto = new AutoQuality(LEVELS, 'balanced');
    expect(auto.decide(1, FRAME)).toMatchObject({ level: 'balanced', reason: expect.stringMatching(/until this device's speed is measured/) });
    auto.record('balanced', 1, 10, 10); // as fast as its prior: best (17 ms) fits one face
    expect(auto.decide(1, FRAME).level).toBe('best');
    expect(() => new AutoQuality(LEVELS, 'ultra')).toThrow(/not a quality level/);
  });
});
