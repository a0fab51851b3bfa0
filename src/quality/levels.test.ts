import { describe, expect, it } from 'vitest';
import { fallbackChain, fallbackNotice, loadWithFallback, parseQualityLevels, type QualityLevel } from './levels';

const fail = (msg: string): never => {
  throw new Error(msg);
};

const RAW = [
  { id: 'fast', members: [{ model: 'mini', weight: 1 }], combine: 'logit', temperature: 1.1, tta: 'none', cost: { ms: 2, msPerFace: 3 } },
  { id: 'balanced', label: 'Balanced', members: [{ model: 'mini', weight: 0.4 }, { model: 'big', weight: 0.6 }], combine: 'logit', temperature: 1.2, tta: 'none', cost: { ms: 4, msPerFace: 8 } },
  { id: 'best', members: [{ model: 'mini', weight: 0.5 }, { model: 'big', weight: 0.5 }], combine: 'prob', temperature: 1.3, tta: 'flip', cost: { ms: 6, msPerFace: 14 } },
];
const levels = parseQualityLevels(RAW, ['mini', 'big'], fail);

describe('parseQualityLevels', () => {
  it('reads levels lightest first, with a label defaulting to the id', () => {
    expect(levels.map((l) => l.id)).toEqual(['fast', 'balanced', 'best']);
    expect(levels[0].label).toBe('fast');
    expect(levels[1].label).toBe('Balanced');
    expect(levels[2]).toMatchObject({ combine: 'prob', temperature: 1.3, tta: 'flip' });
  });

  it.each([
    [[{ ...RAW[0], members: [{ model: 'nope', weight: 1 }] }], /not a listed classifier/],
    [[{ ...RAW[1], members: [{ model: 'mini', weight: 0.5 }, { model: 'big', weight: 0.6 }] }], /sum to 1.1/],
    [[{ ...RAW[0], temperature: 0 }], /temperature/],
    [[{ ...RAW[0], tta: 'spin' }], /tta/],
    [[{ ...RAW[0], id: 'auto' }], /other than "auto"/],
    [[RAW[0], RAW[0]], /listed twice/],
    [[{ ...RAW[0], cost: { ms: 1 } }], /cost/],
    [[], /non-empty list/],
  ])('rejects bad data %#', (raw, msg) => {
    expect(() => parseQualityLevels(raw, ['mini', 'big'], fail)).toThrow(msg);
  });
});

describe('fallback', () => {
  it('tries the level, then each lighter one', () => {
    expect(fallbackChain(levels, 'best').map((l) => l.id)).toEqual(['best', 'balanced', 'fast']);
    expect(fallbackChain(levels, 'fast').map((l) => l.id)).toEqual(['fast']);
    expect(() => fallbackChain(levels, 'ultra')).toThrow(/auto, fast, balanced, best/);
  });

  it('falls back to the next lighter level that loads, with a notice', async () => {
    const broken = new Set(['big']);
    const load = async (l: QualityLevel) => {
      const bad = l.members.find((m) => broken.has(m.model));
      if (bad) throw new Error(`${bad.model} weights missing`);
      return l.id;
    };
    const r = await loadWithFallback(levels, 'best', load);
    expect(r.value).toBe('fast');
    expect(r.failed.map((f) => f.level.id)).toEqual(['best', 'balanced']);
    expect(fallbackNotice(r)).toBe('Quality "best" could not load (big weights missing): using "fast" instead.');
    const ok = await loadWithFallback(levels, 'balanced', async (l) => l.id);
    expect(fallbackNotice(ok)).toBeNull();
  });

  it('throws only when no level loads', async () => {
    await expect(loadWithFallback(levels, 'balanced', async () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
  });
});
