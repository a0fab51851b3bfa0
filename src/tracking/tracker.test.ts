import { describe, expect, it } from 'vitest';
import type { Box } from '../detection/types';
import { DEFAULT_SMOOTHING, FaceTracker, UNCERTAIN, ema, isUncertain, stepWeight, withHysteresis } from './tracker';

const LABELS = ['angry', 'happy', 'neutral'];
const box = (x: number, y: number, side = 100): Box => ({ x, y, width: side, height: side });
const p = (a: number, h: number, n: number) => [a, h, n];
const HAPPY = p(0.1, 0.8, 0.1);
const NEUTRAL = p(0.1, 0.1, 0.8);
const noSmoothing = { alpha: 1, hysteresis: 0, uncertainBelow: 0 };

describe('FaceTracker ids', () => {
  it('keeps ids while faces move a little, in any input order', () => {
    const t = new FaceTracker(LABELS);
    const a = t.update([box(0, 0), box(300, 0)], [HAPPY, HAPPY]);
    const b = t.update([box(305, 4), box(6, 3)], [HAPPY, HAPPY]);
    expect(b.map((f) => f.id)).toEqual([a[1].id, a[0].id]);
  });

  it('gives a new face a new id and does not disturb the others when people enter and leave', () => {
    const t = new FaceTracker(LABELS);
    const [left, right] = t.update([box(0, 0), box(400, 0)], [HAPPY, HAPPY]).map((f) => f.id);
    // A third person enters between them.
    const f2 = t.update([box(2, 0), box(200, 10), box(398, 0)], [HAPPY, NEUTRAL, HAPPY]);
    expect(f2[0].id).toBe(left);
    expect(f2[2].id).toBe(right);
    const middle = f2[1].id;
    expect(new Set([left, right, middle]).size).toBe(3);
    // The left one leaves; the others keep theirs.
    const f3 = t.update([box(204, 10), box(396, 2)], [NEUTRAL, HAPPY]);
    expect(f3.map((f) => f.id)).toEqual([middle, right]);
    // The left one comes back two frames later at the same place: same id (within maxMissed).
    t.update([box(204, 10), box(396, 2)], [NEUTRAL, HAPPY]);
    const f5 = t.update([box(0, 0), box(204, 10), box(396, 2)], [HAPPY, NEUTRAL, HAPPY]);
    expect(f5.map((f) => f.id)).toEqual([left, middle, right]);
  });

  it('drops an id after maxMissed frames away', () => {
    const t = new FaceTracker(LABELS, noSmoothing, { maxMissed: 2, minIou: 0.2, maxCentreShift: 0.75 });
    const id = t.update([box(0, 0)], [HAPPY])[0].id;
    for (let i = 0; i < 3; i++) t.update([], []);
    expect(t.update([box(0, 0)], [HAPPY])[0].id).not.toBe(id);
  });

  it('follows a fast move with no box overlap by centre distance, but not a jump across the frame', () => {
    const t = new FaceTracker(LABELS);
    const id = t.update([box(0, 0)], [HAPPY])[0].id;
    expect(t.update([box(60, 20)], [HAPPY])[0].id).toBe(id); // IoU ≈ 0.19 < minIou
    expect(t.update([box(600, 20)], [HAPPY])[0].id).not.toBe(id);
  });

  it('does not let a newcomer next to a face steal its id', () => {
    const t = new FaceTracker(LABELS);
    const id = t.update([box(100, 100)], [HAPPY])[0].id;
    const f = t.update([box(40, 100), box(102, 100)], [NEUTRAL, HAPPY]);
    expect(f[1].id).toBe(id);
    expect(f[0].id).not.toBe(id);
  });

  it('reports live boxes and their keypoints for frames without detection', () => {
    const t = new FaceTracker(LABELS);
    const kp = [{ x: 30, y: 40 }, { x: 70, y: 40 }];
    t.update([box(0, 0), box(300, 0)], [HAPPY, HAPPY], [kp, undefined]);
    t.update([box(0, 0)], [HAPPY], [kp]);
    expect(t.boxes).toEqual([box(0, 0)]);
    expect(t.keypoints).toEqual([kp]);
  });
});

describe('smoothing', () => {
  it('ema moves alpha of the way to the new value', () => {
    expect(ema([0, 1], [1, 0], 0.25)).toEqual([0.25, 0.75]);
    expect(ema([0.5], [0.2, 0.8], 0.3)).toEqual([0.2, 0.8]); // label count changed: restart
  });

  it('hysteresis keeps the shown label until another beats it by the margin', () => {
    expect(withHysteresis([0.45, 0.5, 0.05], 0, 0.08)).toBe(0);
    expect(withHysteresis([0.4, 0.5, 0.1], 0, 0.08)).toBe(1);
    expect(withHysteresis([0.4, 0.5, 0.1], 1, 0.08)).toBe(1);
  });

  it('uncertain has its own band so it does not blink around the threshold', () => {
    expect(isUncertain([0.29, 0.28, 0.43], false, 0.45)).toBe(true);
    expect(isUncertain([0.2, 0.33, 0.47], true, 0.45)).toBe(true); // above threshold, inside the band
    expect(isUncertain([0.2, 0.33, 0.47], false, 0.45)).toBe(false);
    expect(isUncertain([0.1, 0.39, 0.51], true, 0.45)).toBe(false);
  });

  it('does not flicker on noisy frames near a tie, and switches after a real change', () => {
    const t = new FaceTracker(LABELS, { alpha: 0.35, hysteresis: 0.08, uncertainBelow: 0.3 });
    const shown: string[] = [];
    // Happy and neutral alternate slightly ahead of each other every frame (raw argmax flips each frame).
    for (let i = 0; i < 40; i++) {
      const d = i % 2 === 0 ? 0.04 : -0.04;
      shown.push(t.update([box(0, 0)], [p(0.1, 0.45 + d, 0.45 - d)])[0].emotion);
    }
    const changes = shown.slice(1).filter((l, i) => l !== shown[i]).length;
    expect(changes).toBe(0);
    // Now a clear change to angry: shown within a few frames.
    let k = 0;
    while (t.update([box(0, 0)], [p(0.85, 0.1, 0.05)])[0].emotion !== 'angry') k++;
    expect(k).toBeLessThanOrEqual(5);
  });

  it('shows "uncertain" when the top probability is low, and the label once it is clear', () => {
    const t = new FaceTracker(LABELS, { alpha: 1, hysteresis: 0, uncertainBelow: 0.5 });
    expect(t.update([box(0, 0)], [p(0.34, 0.33, 0.33)])[0].emotion).toBe(UNCERTAIN);
    expect(t.update([box(0, 0)], [p(0.1, 0.52, 0.38)])[0].emotion).toBe(UNCERTAIN); // inside band
    const f = t.update([box(0, 0)], [HAPPY])[0];
    expect(f.emotion).toBe('happy');
    expect(f.score).toBeCloseTo(0.8);
  });

  it('with no smoothing the shown label is the raw argmax', () => {
    const t = new FaceTracker(LABELS, noSmoothing);
    t.update([box(0, 0)], [HAPPY]);
    expect(t.update([box(0, 0)], [NEUTRAL])[0].emotion).toBe('neutral');
  });
});

describe('one consistent picture', () => {
  // The bug: hysteresis held "neutral" as the headline while the bars (the smoothed distribution)
  // showed sad 50 % over neutral 45 %. The headline must be the top bar of what the bars show.
  const EMO = ['sad', 'neutral', 'happy'];
  const topOf = (f: { probs: number[] }) => EMO[f.probs.indexOf(Math.max(...f.probs))];

  it('never names a class that is not the largest bar (the "neutral 45 % over a 50 % sad bar" case)', () => {
    const t = new FaceTracker(EMO, { alpha: 0.35, hysteresis: 0.15, uncertainBelow: 0.3 });
    t.update([box(0, 0)], [[0.3, 0.65, 0.05]]);
    for (let i = 0; i < 6; i++) {
      const f = t.update([box(0, 0)], [[0.52, 0.43, 0.05]])[0];
      expect(f.emotion, `frame ${i}: bars ${f.probs.map((v) => v.toFixed(2)).join(' ')}`).toBe(topOf(f));
      expect(f.score).toBe(Math.max(...f.probs));
    }
  });

  it('holds for random noisy sequences at any setting', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (const s of [DEFAULT_SMOOTHING, { alpha: 0.2, hysteresis: 0.08, uncertainBelow: 0.3 }, { alpha: 0.5, hysteresis: 0.3, uncertainBelow: 0 }]) {
      const t = new FaceTracker(EMO, s);
      for (let i = 0; i < 300; i++) {
        const r = [rand(), rand(), rand() * 0.5];
        const sum = r.reduce((a, b) => a + b, 0);
        const f = t.update([box(0, 0)], [r.map((v) => v / sum)])[0];
        if (f.emotion !== UNCERTAIN) expect(f.emotion).toBe(topOf(f));
        expect(f.score).toBe(Math.max(...f.probs));
      }
    }
  });
});

describe('hold', () => {
  it('holds the label with its bars while a leader is within the hysteresis, for at most maxHold updates', () => {
    const t = new FaceTracker(['sad', 'neutral', 'happy'], { alpha: 1, hysteresis: 0.2, uncertainBelow: 0, maxHold: 3 });
    t.update([box(0, 0)], [[0.2, 0.7, 0.1]]);
    const shown: string[] = [];
    for (let i = 0; i < 5; i++) shown.push(t.update([box(0, 0)], [[0.5, 0.4, 0.1]])[0].emotion);
    expect(shown).toEqual(['neutral', 'neutral', 'neutral', 'sad', 'sad']);
    // A clear lead switches at once.
    expect(t.update([box(0, 0)], [[0.05, 0.9, 0.05]])[0].emotion).toBe('neutral');
  });
});

describe('FaceTracker with a crowd classified in turns', () => {
  it('keeps the smoothed label of a face not classified on this frame, and follows its box', () => {
    const t = new FaceTracker(LABELS, noSmoothing);
    t.update([box(0, 0), box(300, 0)], [HAPPY, NEUTRAL]);
    const out = t.update([box(5, 0), box(305, 0)], [null, HAPPY]);
    expect(out.map((f) => f.emotion)).toEqual(['happy', 'happy']);
    expect(out[0].probs).toEqual(HAPPY);
    expect(out[0].box.x).toBe(5);
    expect(t.update([box(5, 0), box(305, 0)], [NEUTRAL, null]).map((f) => f.emotion)).toEqual(['neutral', 'happy']);
  });
});

describe('default hold', () => {
  it('holds a label against a leader within the hysteresis for 20 updates, then shows the leader', () => {
    // Literal number, not HOLD_FRAMES: a changed default must change this test.
    const t = new FaceTracker(['sad', 'neutral', 'happy'], { alpha: 1, hysteresis: 0.2, uncertainBelow: 0 });
    t.update([box(0, 0)], [[0.2, 0.7, 0.1]]);
    const shown: string[] = [];
    for (let i = 0; i < 21; i++) shown.push(t.update([box(0, 0)], [[0.5, 0.4, 0.1]])[0].emotion);
    expect(shown.slice(0, 20).every((l) => l === 'neutral')).toBe(true);
    expect(shown[20]).toBe('sad');
  });
});

describe('timed updates: the smoothing lasts as long at any frame rate', () => {
  const EMO = ['sad', 'neutral', 'happy'];

  it('the weight for k reference steps (33 ms each) is what alpha per step adds up to', () => {
    expect(stepWeight(0.25, 1)).toBeCloseTo(0.25, 10);
    expect(stepWeight(0.25, 2)).toBeCloseTo(1 - 0.75 * 0.75, 10);
    expect(stepWeight(0.25, 0)).toBe(0);
    expect(stepWeight(1, 0.5)).toBe(1);
  });

  it('one update 100 ms later moves the bars as far as three updates 33 ms apart', () => {
    const s = { alpha: 0.25, hysteresis: 0, uncertainBelow: 0 };
    const slow = new FaceTracker(EMO, s);
    const fast = new FaceTracker(EMO, s);
    slow.update([box(0, 0)], [[0.1, 0.8, 0.1]], undefined, 0);
    fast.update([box(0, 0)], [[0.1, 0.8, 0.1]], undefined, 0);
    const a = slow.update([box(0, 0)], [[0.8, 0.1, 0.1]], undefined, 100)[0];
    let b = fast.update([box(0, 0)], [[0.8, 0.1, 0.1]], undefined, 100 / 3)[0];
    b = fast.update([box(0, 0)], [[0.8, 0.1, 0.1]], undefined, 200 / 3)[0];
    b = fast.update([box(0, 0)], [[0.8, 0.1, 0.1]], undefined, 100)[0];
    a.probs.forEach((v, i) => expect(v).toBeCloseTo(b.probs[i], 10));
  });

  it('updates faster than 30 a second (a file processed faster than real time) count one step each', () => {
    const s = { alpha: 0.25, hysteresis: 0, uncertainBelow: 0 };
    const timed = new FaceTracker(EMO, s);
    const untimed = new FaceTracker(EMO, s);
    timed.update([box(0, 0)], [[0.1, 0.8, 0.1]], undefined, 0);
    untimed.update([box(0, 0)], [[0.1, 0.8, 0.1]]);
    const a = timed.update([box(0, 0)], [[0.8, 0.1, 0.1]], undefined, 2)[0];
    const b = untimed.update([box(0, 0)], [[0.8, 0.1, 0.1]])[0];
    a.probs.forEach((v, i) => expect(v).toBeCloseTo(b.probs[i], 10));
  });

  it('a hold lasts maxHold × 33 ms at 10 updates per second, not maxHold updates', () => {
    const t = new FaceTracker(EMO, { alpha: 1, hysteresis: 0.2, uncertainBelow: 0, maxHold: 20 });
    t.update([box(0, 0)], [[0.2, 0.7, 0.1]], undefined, 0);
    const shown: string[] = [];
    for (let k = 1; k <= 8; k++) shown.push(t.update([box(0, 0)], [[0.5, 0.4, 0.1]], undefined, k * 100)[0].emotion);
    // Held through 600 ms (18 steps), shown at 700 ms (21 steps > 20).
    expect(shown).toEqual(['neutral', 'neutral', 'neutral', 'neutral', 'neutral', 'neutral', 'sad', 'sad']);
  });
});
