// The ensemble: one crop per distinct input spec, outputs combined on the backend (weights,
// temperature, views), label orders reconciled, and one readback per frame in the pipeline.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { EmotionClassifier } from './classifier';
import { EmotionEnsemble, inputKey } from './ensemble';
import { parseManifest, type ModelManifest } from '../models/manifest';
import { EmotionPipeline } from '../pipeline/pipeline';
import type { FaceDetector } from '../detection/face-detector';

const LABELS = ['a', 'b', 'c'];

function manifest(id: string, over: Record<string, unknown> = {}): ModelManifest {
  return parseManifest(
    { id, kind: 'classifier', format: 'graph', modelFile: 'm.json', input: { width: 4, height: 4, channels: 1 }, normalization: 'minus1to1', labels: LABELS, licence: 'x', ...over },
    id,
  );
}

/** A fake model returning fixed rows (cycled over the batch) and recording the batches it got. */
function fixed(id: string, rows: number[][], over: Record<string, unknown> = {}): { classifier: EmotionClassifier; seen: tf.Tensor4D[] } {
  const m = manifest(id, over);
  const seen: tf.Tensor4D[] = [];
  const classifier = {
    labels: m.labels,
    manifest: m,
    predict: (batch: tf.Tensor4D) => {
      seen.push(batch);
      return tf.tensor2d(Array.from({ length: batch.shape[0] }, (_, i) => rows[i % rows.length]));
    },
    dispose: vi.fn(),
  } as unknown as EmotionClassifier;
  return { classifier, seen };
}

const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const cropOf = (m: ModelManifest, n: number) => tf.zeros([n, m.input.height, m.input.width, m.input.channels]) as tf.Tensor4D;

describe('EmotionEnsemble', () => {
  it('passes a single model through unchanged', () => {
    const { classifier } = fixed('one', [[0.2, 0.5, 0.3]]);
    const out = EmotionEnsemble.single(classifier).predict((m) => cropOf(m, 1), 1);
    expect(Array.from(out.dataSync())).toEqual([0.2, 0.5, 0.3].map((v) => Math.fround(v)));
  });

  it('crops once for models with the same input spec and feeds both the very same tensor', () => {
    const a = fixed('a', [[0.2, 0.5, 0.3]]);
    const b = fixed('b', [[0.6, 0.2, 0.2]]);
    const crop = vi.fn((m: ModelManifest) => cropOf(m, 2));
    const e = new EmotionEnsemble([{ classifier: a.classifier, weight: 1 }, { classifier: b.classifier, weight: 1 }]);
    e.predict(crop, 2).dispose();
    expect(crop).toHaveBeenCalledTimes(1);
    expect(a.seen[0]).toBe(b.seen[0]);
    expect(e.inputs).toHaveLength(1);
  });

  it('crops once per distinct input spec when the models differ', () => {
    const a = fixed('a', [[0.2, 0.5, 0.3]]);
    const b = fixed('b', [[0.6, 0.2, 0.2]], { input: { width: 8, height: 8, channels: 3 }, normalization: 'zero1' });
    const crop = vi.fn((m: ModelManifest) => cropOf(m, 1));
    const e = new EmotionEnsemble([{ classifier: a.classifier, weight: 1 }, { classifier: b.classifier, weight: 1 }]);
    e.predict(crop, 1).dispose();
    expect(crop).toHaveBeenCalledTimes(2);
    expect(a.seen[0].shape).toEqual([1, 4, 4, 1]);
    expect(b.seen[0].shape).toEqual([1, 8, 8, 3]);
    expect(inputKey(a.classifier.manifest)).not.toBe(inputKey(b.classifier.manifest));
  });

  it('combines log-probabilities with weights and a temperature', () => {
    const p = [0.2, 0.5, 0.3];
    const q = [0.6, 0.3, 0.1];
    const a = fixed('a', [p]);
    const b = fixed('b', [q]);
    const e = new EmotionEnsemble([{ classifier: a.classifier, weight: 3 }, { classifier: b.classifier, weight: 1 }], { temperature: 1.5 });
    const got = Array.from(e.predict((m) => cropOf(m, 1), 1).dataSync());
    const want = softmax(p.map((v, i) => (0.75 * Math.log(v) + 0.25 * Math.log(q[i])) / 1.5));
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 5));
  });

  it('combines probabilities (combine "prob") and averages views in the same space', () => {
    const views = [[0.2, 0.5, 0.3], [0.4, 0.4, 0.2]]; // view 0 then view 1 (mirror) of one face
    const q = [[0.6, 0.3, 0.1], [0.5, 0.3, 0.2]];
    const a = fixed('a', views);
    const b = fixed('b', q);
    const e = new EmotionEnsemble([{ classifier: a.classifier, weight: 1 }, { classifier: b.classifier, weight: 1 }], { combine: 'prob', temperature: 2 });
    const got = Array.from(e.predict((m) => cropOf(m, 2), 1, 2).dataSync());
    const mean = [0, 1, 2].map((i) => (views[0][i] + views[1][i] + q[0][i] + q[1][i]) / 4);
    const want = softmax(mean.map((v) => Math.log(v) / 2));
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 5));
  });

  it('reorders a member whose labels come in another order', () => {
    const a = fixed('a', [[0.2, 0.5, 0.3]]);
    const b = fixed('b', [[0.3, 0.2, 0.5]], { labels: ['c', 'a', 'b'] }); // = a's [0.2, 0.5, 0.3]
    const e = new EmotionEnsemble([{ classifier: a.classifier, weight: 1 }, { classifier: b.classifier, weight: 1 }]);
    const got = Array.from(e.predict((m) => cropOf(m, 1), 1).dataSync());
    got.forEach((g, i) => expect(g).toBeCloseTo([0.2, 0.5, 0.3][i], 5));
  });

  it('refuses a member without all labels, and disposes members only when it owns them', () => {
    const a = fixed('a', [[0.2, 0.5, 0.3]]);
    const b = fixed('b', [[0.5, 0.5]], { labels: ['a', 'x'] });
    expect(() => new EmotionEnsemble([{ classifier: a.classifier, weight: 1 }, { classifier: b.classifier, weight: 1 }])).toThrow(/lacks some labels/);
    new EmotionEnsemble([{ classifier: a.classifier, weight: 1 }], { ownsMembers: false }).dispose();
    expect(a.classifier.dispose).not.toHaveBeenCalled();
    EmotionEnsemble.single(a.classifier).dispose();
    expect(a.classifier.dispose).toHaveBeenCalledTimes(1);
  });
});

describe('EmotionPipeline with an ensemble', () => {
  it('runs both models on every face and reads back once per frame', async () => {
    const a = fixed('a', [[0.2, 0.5, 0.3]]);
    const b = fixed('b', [[0.6, 0.3, 0.1]]);
    const detector = {
      detect: async () => [0, 30].map((x) => ({ box: { x, y: 5, width: 20, height: 20 }, keypoints: [] })),
      dispose: () => undefined,
    } as unknown as FaceDetector;
    const e = new EmotionEnsemble([{ classifier: a.classifier, weight: 1 }, { classifier: b.classifier, weight: 1 }], { tta: 'flip', level: 'best' });
    const p = new EmotionPipeline(detector, e, { alignEyes: false, tta: 'none' });
    const frame = tf.zeros([60, 80, 3]) as tf.Tensor3D;
    const reads = vi.spyOn(tf.Tensor.prototype, 'data');
    const r = await p.process(frame);
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
    frame.dispose();
    // The level's mirror TTA applies (2 views × 2 faces), whatever the pipeline setting says.
    expect(a.seen[0].shape[0]).toBe(4);
    expect(r.faces).toHaveLength(2);
    expect(p.ensemble.level).toBe('best');
  });
});
