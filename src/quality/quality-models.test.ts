import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { EmotionClassifier } from '../classify/classifier';
import { parseManifest } from '../models/manifest';
import { parseQualityLevels } from './levels';
import { QualityModels } from './quality-models';

const fail = (msg: string): never => {
  throw new Error(msg);
};
const levels = parseQualityLevels(
  [
    { id: 'fast', members: [{ model: 'mini', weight: 1 }], combine: 'logit', temperature: 1.3, tta: 'none', cost: { ms: 1, msPerFace: 1 } },
    { id: 'balanced', members: [{ model: 'mini', weight: 0.6 }, { model: 'big', weight: 0.4 }], combine: 'logit', temperature: 1.2, tta: 'none', cost: { ms: 1, msPerFace: 2 } },
    { id: 'best', members: [{ model: 'mini', weight: 0.5 }, { model: 'big', weight: 0.5 }], combine: 'prob', temperature: 1.1, tta: 'flip', cost: { ms: 1, msPerFace: 4 } },
  ],
  ['mini', 'big'],
  fail,
);

function fake(id: string): EmotionClassifier {
  const manifest = parseManifest({ id, kind: 'classifier', format: 'layers', modelFile: 'model.json', input: { width: 4, height: 4, channels: 1 }, normalization: 'minus1to1', labels: ['a', 'b'], licence: 'MIT' });
  return { labels: manifest.labels, manifest, predict: () => tf.tensor2d([[0.5, 0.5]]), dispose: vi.fn() } as unknown as EmotionClassifier;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('QualityModels', () => {
  it('loads each model once across levels and builds ensembles from the level data', async () => {
    const load = vi.fn(async (id: string) => fake(id));
    const qm = new QualityModels(levels, load);
    const b = await qm.ensemble('balanced');
    const best = await qm.ensemble('best');
    expect(load.mock.calls.map((c) => c[0]).sort()).toEqual(['big', 'mini']);
    expect(b).toMatchObject({ level: 'balanced', temperature: 1.2, combine: 'logit', tta: 'none' });
    expect(best).toMatchObject({ level: 'best', combine: 'prob', tta: 'flip' });
    expect(qm.isLoaded('fast')).toBe(true);
    // Ensembles borrow the models: disposing one leaves them loaded; the owner disposes them once.
    b.dispose();
    const mini = await load.mock.results[0].value;
    expect(mini.dispose).not.toHaveBeenCalled();
    await qm.dispose();
    expect(mini.dispose).toHaveBeenCalledTimes(1);
  });

  it('falls back to a lighter level with a notice when a model fails, and retries later', async () => {
    let bigOk = false;
    const load = vi.fn(async (id: string) => {
      if (id === 'big' && !bigOk) throw new Error('HTTP 404');
      return fake(id);
    });
    const qm = new QualityModels(levels, load);
    const r = await qm.loadLevel('best');
    expect(r.level.id).toBe('fast');
    expect(r.notice).toMatch(/Quality "best" could not load \(HTTP 404\): using "fast" instead/);
    bigOk = true;
    expect((await qm.loadLevel('best')).level.id).toBe('best');
  });
});
