import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../models/manifest';
import { affineRow, averageViews, cropFaces, ttaViews } from './preprocess';

const rgbRaw = parseManifest(
  { id: 't', kind: 'classifier', format: 'graph', modelFile: 'm.json', input: { width: 8, height: 8, channels: 3 }, normalization: 'raw', labels: ['a', 'b'], licence: 'x' },
  't',
);

/** A 40×40 frame whose red channel is the column index and green the row index. */
function gradientFrame(): tf.Tensor3D {
  const d = new Float32Array(40 * 40 * 3);
  for (let y = 0; y < 40; y++) for (let x = 0; x < 40; x++) d.set([x, y, 0], (y * 40 + x) * 3);
  return tf.tensor3d(d, [40, 40, 3]);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('cropFaces', () => {
  it('samples pixel centres of the crop square (axis-aligned and via the affine path agree)', () => {
    const frame = gradientFrame();
    // Square of side 16 centred at (20, 12): output pixel i centre sits at 12 + (i + 0.5)·2 − 0.5 in x.
    const plain = cropFaces(frame, [{ cx: 20, cy: 12, side: 16, angle: 0 }], rgbRaw).arraySync() as number[][][][];
    const turned = cropFaces(frame, [{ cx: 20, cy: 12, side: 16, angle: 1e-9 }], rgbRaw).arraySync() as number[][][][];
    for (let i = 0; i < 8; i++) {
      expect(turned[0][0][i][0]).toBeCloseTo(12 + (i + 0.5) * 2 - 0.5, 3);
      expect(turned[0][i][0][1]).toBeCloseTo(4 + (i + 0.5) * 2 - 0.5, 3);
      // cropAndResize maps box edges to pixel indices, half a pixel off the centre convention.
      expect(Math.abs(plain[0][0][i][0] - turned[0][0][i][0])).toBeLessThan(1.01);
    }
  });

  it('rotates so a tilted eye line becomes level', () => {
    const c = { cx: 20, cy: 20, side: 10, angle: Math.PI / 6 };
    const row = affineRow(c, 1, 8, 8);
    // Output x axis must follow (cos, sin) of the angle in frame pixels.
    const step = 10 / 8;
    expect(row[0]).toBeCloseTo(step * Math.cos(c.angle), 10);
    expect(row[3]).toBeCloseTo(step * Math.sin(c.angle), 10);
    // And the output centre maps to the crop centre.
    const x = 3.5;
    const y = 3.5;
    expect(row[0] * x + row[1] * y + row[2]).toBeCloseTo(20 - 0.5, 10);
    expect(row[3] * x + row[4] * y + row[5]).toBeCloseTo(20 - 0.5, 10);
  });

  it('TTA: mirror views are the flipped crops, in view-major order', () => {
    const frame = gradientFrame();
    const crops = [
      { cx: 10, cy: 10, side: 8, angle: 0 },
      { cx: 30, cy: 30, side: 8, angle: 0 },
    ];
    expect(ttaViews('none')).toBe(1);
    expect(ttaViews('flip')).toBe(2);
    expect(ttaViews('flip-zoom')).toBe(6);
    const b = cropFaces(frame, crops, rgbRaw, 'flip');
    expect(b.shape).toEqual([4, 8, 8, 3]);
    const v = b.arraySync() as number[][][][];
    for (let f = 0; f < 2; f++) for (let x = 0; x < 8; x++) expect(v[2 + f][3][x][0]).toBeCloseTo(v[f][3][7 - x][0], 5);
    expect(cropFaces(frame, crops, rgbRaw, 'flip-zoom').shape).toEqual([12, 8, 8, 3]);
  });

  it('averages each face over its views', () => {
    // 2 views × 2 faces, view-major: face0 [1,0],[0,1]; face1 [0.5,0.5],[0.7,0.3]
    const probs = tf.tensor2d([
      [1, 0],
      [0.5, 0.5],
      [0, 1],
      [0.7, 0.3],
    ]);
    const avg = averageViews(probs, 2, 2).arraySync();
    expect(avg[0][0]).toBeCloseTo(0.5);
    expect(avg[1][0]).toBeCloseTo(0.6);
  });
});
