// cropRegion gives exactly tf.slice's pixels (on the WASM backend the app runs on, and on CPU).
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../node/tf-node';
import { cropRegion } from './region';
import { tileGrid } from './tiling';

describe.each(['wasm', 'cpu'] as const)('cropRegion on %s', (backend) => {
  let frame: tf.Tensor3D;
  beforeAll(async () => {
    await initNodeBackend(backend);
    frame = tf.randomUniform([200, 330, 3], 0, 255, 'float32', 7) as tf.Tensor3D;
  });
  afterAll(() => frame.dispose());

  it('equals tf.slice for overlapping tiles, the whole frame and a one-pixel region', async () => {
    const tiles = tileGrid(330, 200, 96);
    expect(tiles.length).toBeGreaterThan(4);
    const regions = [...tiles, { x: 0, y: 0, width: 330, height: 200 }, { x: 329, y: 199, width: 1, height: 1 }];
    for (const r of regions) {
      const before = tf.memory().numTensors;
      const got = cropRegion(frame, r);
      const want = tf.slice(frame, [r.y, r.x, 0], [r.height, r.width, 3]);
      expect(got.shape).toEqual([r.height, r.width, 3]);
      expect(Array.from(await got.data())).toEqual(Array.from(await want.data()));
      tf.dispose([got, want]);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('keeps an int32 frame int32', () => {
    const f = tf.tensor3d([...Array(4 * 5 * 3).keys()], [4, 5, 3], 'int32');
    const got = cropRegion(f, { x: 1, y: 2, width: 3, height: 2 });
    expect(got.dtype).toBe('int32');
    expect(got.arraySync()).toEqual(tf.slice(f, [2, 1, 0], [2, 3, 3]).arraySync());
    tf.dispose([f, got]);
  });
});
