// The detector runs every detectEvery frames, at once when no face is followed, and again right
// after a detection that changed the face count; the classifier runs on every frame.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmotionClassifier } from '../classify/classifier';
import type { FaceDetector } from '../detection/face-detector';
import type { DetectedFace } from '../detection/types';
import { parseManifest } from '../models/manifest';
import { EmotionPipeline } from './pipeline';

const manifest = parseManifest(
  { id: 't', kind: 'classifier', format: 'graph', modelFile: 'm.json', input: { width: 4, height: 4, channels: 1 }, normalization: 'raw', labels: ['a', 'b'], licence: 'x' },
  't',
);

function face(x: number): DetectedFace {
  return { box: { x, y: 10, width: 20, height: 20 }, keypoints: [] };
}

/** A detector that returns the next scripted result (the last one repeats) and counts calls. */
function scriptedDetector(script: DetectedFace[][]): { detector: FaceDetector; calls: () => number } {
  let n = 0;
  const detector = {
    detect: async () => script[Math.min(n++, script.length - 1)],
    dispose: () => undefined,
  } as unknown as FaceDetector;
  return { detector, calls: () => n };
}

function countingClassifier(): { classifier: EmotionClassifier; batches: number[] } {
  const batches: number[] = [];
  const classifier = {
    labels: manifest.labels,
    manifest,
    predict: (batch: tf.Tensor4D) => {
      batches.push(batch.shape[0]);
      return tf.tidy(() => tf.softmax(tf.ones([batch.shape[0], 2])) as tf.Tensor2D);
    },
    dispose: () => undefined,
  } as unknown as EmotionClassifier;
  return { classifier, batches };
}

/** One view per face, no rotation: this file is about scheduling, not crops. */
const plain = { tta: 'none', alignEyes: false } as const;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function run(p: EmotionPipeline, frames: number): Promise<boolean[]> {
  const detected: boolean[] = [];
  for (let i = 0; i < frames; i++) {
    const frame = tf.zeros([60, 80, 3]) as tf.Tensor3D;
    detected.push((await p.process(frame)).timings.detected);
    frame.dispose();
  }
  return detected;
}

describe('EmotionPipeline detect scheduling', () => {
  it('detects every k frames and classifies every face on every frame, in one batch', async () => {
    const { detector, calls } = scriptedDetector([[face(0), face(40)]]);
    const { classifier, batches } = countingClassifier();
    const p = new EmotionPipeline(detector, classifier, { ...plain, detectEvery: 3 });
    const before = tf.memory().numTensors;
    // Frame 0 detects; frame 1 again because the count went from "never" to 2; then every 3rd.
    expect(await run(p, 8)).toEqual([true, true, false, false, true, false, false, true]);
    expect(calls()).toBe(4);
    expect(batches).toEqual(Array(8).fill(2));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('detects again at once when faces come or go, and on every frame while none is followed', async () => {
    const { detector } = scriptedDetector([[face(0)], [face(0)], [face(0)], [face(0), face(40)], [face(0), face(40)], []]);
    const { classifier } = countingClassifier();
    const p = new EmotionPipeline(detector, classifier, { ...plain, detectEvery: 3 });
    // d1 (1 face) d2 (stable) f f d3 (1) f f d4 (2 faces: changed) d5 (stable) f f d6 (none) d7 …
    const got = await run(p, 15);
    expect(got).toEqual([true, true, false, false, true, false, false, true, true, false, false, true, true, true, true]);
  });

  it('detects on every frame while the detector has spread-out work to finish (a far-face search)', async () => {
    const { detector, calls } = scriptedDetector([[face(0)]]);
    let busy = true;
    Object.defineProperty(detector, 'wantsNextFrame', { get: () => busy });
    const { classifier } = countingClassifier();
    const p = new EmotionPipeline(detector, classifier, { ...plain, detectEvery: 4 });
    expect(await run(p, 5)).toEqual([true, true, true, true, true]);
    busy = false;
    expect(await run(p, 4)).toEqual([false, false, false, true]);
    expect(calls()).toBe(6);
  });

  it('starts over after reset', async () => {
    const { detector, calls } = scriptedDetector([[face(0)]]);
    const { classifier } = countingClassifier();
    const p = new EmotionPipeline(detector, classifier, { ...plain, detectEvery: 10 });
    await run(p, 3);
    p.reset();
    expect((await run(p, 1))[0]).toBe(true);
    expect(calls()).toBe(3);
  });
});
