// The class count is checked at load: from the declared output shape when the model has one (no
// model run), from a test prediction when it has none.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { graphModelFiles } from '../converter/artifacts';
import { memoryArtifacts } from '../converter/testing/memory-artifacts';
import { parseManifest } from '../models/manifest';
import { EmotionClassifier, declaredClasses } from './classifier';

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
});

function tinyModel(classes: number): tfl.LayersModel {
  return tfl.sequential({ layers: [tfl.layers.conv2d({ inputShape: [8, 8, 1], filters: 2, kernelSize: 3 }), tfl.layers.globalAveragePooling2d({}), tfl.layers.dense({ units: classes, activation: 'softmax' })] });
}

const manifest = (format: 'graph' | 'layers', labels: string[]) =>
  parseManifest({ id: 'tiny', kind: 'classifier', format, modelFile: 'model.json', input: { width: 8, height: 8, channels: 1 }, normalization: 'minus1to1', labels, licence: 'MIT' });

async function graphArtifacts(classes: number, withShape = true): Promise<tf.io.ModelArtifacts> {
  const artifacts = memoryArtifacts(await graphModelFiles(tinyModel(classes)));
  if (!withShape) {
    const sig = artifacts.signature as { outputs: Record<string, { tensorShape?: unknown }> };
    for (const o of Object.values(sig.outputs)) delete o.tensorShape;
  }
  return artifacts;
}

describe('EmotionClassifier load-time class check', () => {
  it('reads the class count a converted graph model declares, without running it', async () => {
    const run = vi.spyOn(tf.engine(), 'runKernel');
    const c = await EmotionClassifier.load(manifest('graph', ['a', 'b', 'c']), tf.io.fromMemory(await graphArtifacts(3)));
    expect(run.mock.calls.some(([kernel]) => kernel === 'Softmax')).toBe(false); // no prediction at load
    run.mockRestore();
    expect(c.labels).toEqual(['a', 'b', 'c']);
    c.dispose();
  });

  it('refuses a graph model whose declared classes are not its labels', async () => {
    await expect(EmotionClassifier.load(manifest('graph', ['a', 'b']), tf.io.fromMemory(await graphArtifacts(3)))).rejects.toThrow(/outputs 3 classes but its manifest lists 2 labels/);
  });

  it('runs the model when nothing declares the output shape, and still refuses a mismatch', async () => {
    const artifacts = await graphArtifacts(3, false);
    await expect(EmotionClassifier.load(manifest('graph', ['a', 'b']), tf.io.fromMemory(artifacts))).rejects.toThrow(/outputs 3 classes/);
  });

  it("takes a layers model's output shape", () => {
    expect(declaredClasses(tinyModel(4))).toBe(4);
    expect(() => EmotionClassifier.fromModel(tinyModel(4), manifest('layers', ['a', 'b']))).toThrow(/outputs 4 classes/);
  });
});
