// The auto detector with scripted models: the full-range model is only loaded when far faces are
// wanted, and its regions' faces join the short-range ones.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { AutoFaceDetector } from './auto-detector';
import type { FaceDetector } from './face-detector';
import type { DetectedFace } from './types';

const face = (x: number, y: number, w: number): DetectedFace => ({ box: { x, y, width: w, height: w }, keypoints: [] });

/** A model that returns `faces` (in its input's pixels) on every call and counts calls. */
function model(faces: (input: tf.Tensor3D) => DetectedFace[]) {
  const m = { calls: 0, detect: async (t: tf.Tensor3D) => (m.calls++, faces(t)), dispose: () => undefined };
  return m;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('AutoFaceDetector', () => {
  it('never loads the full-range model while faces are large and near', async () => {
    const near = model(() => [face(200, 100, 180)]);
    let loads = 0;
    const d = new AutoFaceDetector(near as unknown as FaceDetector, async () => (loads++, model(() => []) as unknown as FaceDetector), { maxFaces: 30, far: 'auto' });
    const frame = tf.zeros([480, 640, 3]) as tf.Tensor3D;
    for (let i = 0; i < 5; i++) expect(await d.detect(frame)).toHaveLength(1);
    expect(loads).toBe(0);
    frame.dispose();
  });

  it('loads it when no face is seen, then finds the small faces of the tiles on one frame', async () => {
    const near = model(() => []);
    // One small face in the top-left tile's pixels, none on the whole (shrunk) frame.
    const far = model((t) => (t.shape[1] < 1280 ? [face(100, 100, 40)] : []));
    const d = new AutoFaceDetector(near as unknown as FaceDetector, async () => far as unknown as FaceDetector, { maxFaces: 30, far: 'auto' });
    const frame = tf.zeros([720, 1280, 3]) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    expect(await d.detect(frame)).toEqual([]); // the model is loading
    await new Promise((r) => setTimeout(r, 0));
    const found = await d.detect(frame);
    expect(far.calls).toBe(7); // the whole frame and its 6 tiles
    // Each tile finds "its" face at (100, 100) of the tile: shifted into frame pixels, kept once per place.
    expect(found.length).toBeGreaterThanOrEqual(4);
    expect(found.every((f) => f.box.width === 40)).toBe(true);
    expect(d.wantsNextFrame).toBe(false);
    expect(tf.memory().numTensors).toBe(before); // tiles disposed
    frame.dispose();
  });
});
