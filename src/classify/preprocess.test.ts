import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../models/manifest';
import { cropBatch } from './preprocess';

const manifest = (channels: 1 | 3, normalization: 'minus1to1' | 'zero1' | 'raw', size = 2) =>
  parseManifest({
    id: 't', kind: 'classifier', format: 'graph', modelFile: 'm.json', licence: 'MIT',
    input: { width: size, height: size, channels }, normalization, labels: ['a', 'b'],
  });

// A 3×3 RGB frame whose pixel (y, x) is [10·(3y+x), 100, 200].
const frame = () => tf.tensor3d(Array.from({ length: 9 }, (_, i) => [10 * i, 100, 200]).flat(), [3, 3, 3], 'int32');

describe('cropBatch', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('crops, converts to gray and normalizes to [-1, 1] as in training', async () => {
    const f = frame();
    // Full-frame box resized to 2×2 samples the four corners: pixels 0, 2, 6, 8.
    const out = cropBatch(f, [[0, 0, 1, 1]], manifest(1, 'minus1to1'));
    expect(out.shape).toEqual([1, 2, 2, 1]);
    const got = Array.from(await out.data());
    const expected = [0, 20, 60, 80].map((r) => (0.2989 * r + 0.587 * 100 + 0.114 * 200) * (2 / 255) - 1);
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
    tf.dispose([f, out]);
  });

  it('keeps RGB for 3-channel models and batches several faces in one call', async () => {
    const f = frame();
    // Second box: the centre pixel only (value 40), resized to 1×1.
    const out = cropBatch(f, [[0, 0, 1, 1], [0.5, 0.5, 0.5, 0.5]], manifest(3, 'zero1', 1));
    expect(out.shape).toEqual([2, 1, 1, 3]);
    const got = Array.from(await out.data());
    // A 1×1 crop of the full frame samples its centre too.
    [40, 100, 200, 40, 100, 200].forEach((v, i) => expect(got[i]).toBeCloseTo(v / 255, 5));
    tf.dispose([f, out]);
  });

  it('fills crop areas outside the frame with mid-gray', async () => {
    const f = frame();
    const out = cropBatch(f, [[-2, -2, -1, -1]], manifest(3, 'raw', 1));
    expect(Array.from(await out.data())).toEqual([128, 128, 128]);
    tf.dispose([f, out]);
  });

  it('leaks no tensors', () => {
    const f = frame();
    const before = tf.memory().numTensors;
    cropBatch(f, [[0, 0, 1, 1]], manifest(1, 'minus1to1')).dispose();
    expect(tf.memory().numTensors).toBe(before);
    f.dispose();
  });
});
