// cropRegion gives exactly tf.slice's pixels (on WASM through a whole-pixel image transform, on CPU by slicing).
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

  it('gives the values of an int32 frame, and of a very wide one', () => {
    const f = tf.tensor3d([...Array(4 * 5 * 3).keys()], [4, 5, 3], 'int32');
    const got = cropRegion(f, { x: 1, y: 2, width: 3, height: 2 });
    expect(got.arraySync()).toEqual(tf.slice(f, [2, 1, 0], [2, 3, 3]).arraySync());
    // 4K width: the sample positions still round to the right pixels.
    const wide = tf.tidy(() => tf.tile(tf.reshape(tf.range(0, 3840, 1, 'float32'), [1, 3840, 1]), [3, 1, 3])) as tf.Tensor3D;
    const part = cropRegion(wide, { x: 3001, y: 1, width: 839, height: 2 });
    expect(Array.from(part.dataSync()).filter((_, i) => i % 3 === 0)).toEqual([...Array(2)].flatMap(() => [...Array(839).keys()].map((k) => 3001 + k)));
    tf.dispose([f, got, wide, part]);
  });
});
