// Folding must not change what a model computes: every test builds a tfjs model with random weights
// and random BatchNormalization statistics, folds it, and compares outputs on random inputs.
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { foldModel } from './fold.ts';
import { modelFiles } from './artifacts.ts';
import { memoryArtifacts } from './testing/memory-artifacts.ts';
import { values } from './testing/keras-files.ts';
import { randomise } from './testing/randomise.ts';

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
});

/**
 * tfjs 4.22's own BatchNormalization is wrong on any axis but the last, so the baseline is the
 * unfolded model with only that fix (checked against hand-computed values in its own test).
 */
async function expectSameAsUnfolded(model: tfl.LayersModel, folded: tfl.LayersModel, shape: number[]): Promise<void> {
  const { model: unfolded } = await foldModel(model, { fold: false });
  expectSameOutputs(unfolded, folded, shape);
}

function expectSameOutputs(a: tfl.LayersModel, b: tfl.LayersModel, shape: number[]): void {
  const x = tf.tensor(values(shape.reduce((p, q) => p * q, 1), 99).map((v) => v * 3), shape);
  const ya = (a.predict(x) as tf.Tensor).dataSync();
  const yb = (b.predict(x) as tf.Tensor).dataSync();
  expect(yb.length).toBe(ya.length);
  let max = 0;
  ya.forEach((v, i) => (max = Math.max(max, Math.abs(v - yb[i]))));
  expect(max).toBeLessThan(1e-4);
  // Not a vacuous comparison: the outputs do vary.
  expect(Math.max(...ya) - Math.min(...ya)).toBeGreaterThan(1e-3);
}

const bn = (axis = -1) => tfl.layers.batchNormalization({ axis, epsilon: 1e-3 });

describe('foldModel', () => {
  it('folds BN into Conv2D, SeparableConv2D, DepthwiseConv2D and Dense, and merges activation layers (functional)', async () => {
    const input = tfl.input({ shape: [9, 9, 2] });
    let x = tfl.layers.conv2d({ filters: 4, kernelSize: 3, useBias: false }).apply(input) as tfl.SymbolicTensor;
    x = bn().apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.activation({ activation: 'relu' }).apply(x) as tfl.SymbolicTensor;
    const residual = tfl.layers.conv2d({ filters: 6, kernelSize: 1, strides: 2, padding: 'same' }).apply(x) as tfl.SymbolicTensor;
    let y = tfl.layers.separableConv2d({ filters: 6, kernelSize: 3, padding: 'same', depthMultiplier: 2 }).apply(x) as tfl.SymbolicTensor;
    y = bn().apply(y) as tfl.SymbolicTensor;
    y = tfl.layers.reLU({ maxValue: 6 }).apply(y) as tfl.SymbolicTensor;
    y = tfl.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', depthMultiplier: 2 }).apply(y) as tfl.SymbolicTensor;
    y = bn(3).apply(y) as tfl.SymbolicTensor;
    y = tfl.layers.maxPooling2d({ poolSize: 2, padding: 'same' }).apply(y) as tfl.SymbolicTensor;
    y = tfl.layers.conv2d({ filters: 6, kernelSize: 1 }).apply(y) as tfl.SymbolicTensor;
    x = tfl.layers.add().apply([y, residual]) as tfl.SymbolicTensor;
    x = tfl.layers.flatten().apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.dense({ units: 5 }).apply(x) as tfl.SymbolicTensor;
    x = bn().apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.activation({ activation: 'softmax' }).apply(x) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: x });
    randomise(model, 1);
    const { model: folded, report } = await foldModel(model);
    expect(report).toEqual({ batchNorms: 4, activations: 3 });
    expect(folded.layers.length).toBe(model.layers.length - 7);
    expect(folded.layers.some((l) => l.getClassName() === 'BatchNormalization')).toBe(false);
    expectSameOutputs(model, folded, [2, 9, 9, 2]);
  });

  it('folds in Sequential models, and channels_first convolutions with BN on axis 1', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [3, 8, 8], filters: 4, kernelSize: 3, dataFormat: 'channelsFirst' }),
        bn(1),
        tfl.layers.activation({ activation: 'elu' }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 3 }),
        bn(),
      ],
    });
    randomise(model, 7);
    const { model: folded, report } = await foldModel(model);
    expect(report).toEqual({ batchNorms: 2, activations: 1 });
    await expectSameAsUnfolded(model, folded, [2, 3, 8, 8]);
  });

  it('leaves alone what cannot be folded exactly', async () => {
    const input = tfl.input({ shape: [6, 6, 2] });
    // BN after a non-linear conv; BN on the wrong axis; a conv whose output has a second reader.
    const a = tfl.layers.conv2d({ filters: 3, kernelSize: 3, activation: 'relu' }).apply(input) as tfl.SymbolicTensor;
    const b = bn().apply(a) as tfl.SymbolicTensor;
    const c = tfl.layers.conv2d({ filters: 3, kernelSize: 1 }).apply(b) as tfl.SymbolicTensor;
    const d = bn(1).apply(c) as tfl.SymbolicTensor;
    const e = tfl.layers.conv2d({ filters: 3, kernelSize: 1 }).apply(d) as tfl.SymbolicTensor;
    const f = bn().apply(e) as tfl.SymbolicTensor;
    const out = tfl.layers.add().apply([e, f]) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: out });
    randomise(model, 3);
    const { model: folded, report } = await foldModel(model);
    expect(report).toEqual({ batchNorms: 0, activations: 0 });
    expect(folded.layers.length).toBe(model.layers.length);
    await expectSameAsUnfolded(model, folded, [1, 6, 6, 2]);
  });

  it('folds inside nested models', async () => {
    const inner = tfl.sequential({
      layers: [tfl.layers.conv2d({ inputShape: [5, 5, 1], filters: 2, kernelSize: 3 }), bn(), tfl.layers.reLU()],
    });
    const input = tfl.input({ shape: [5, 5, 1] });
    const x = tfl.layers.globalAveragePooling2d({}).apply(inner.apply(input) as tfl.SymbolicTensor) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: x });
    randomise(model, 11);
    const { model: folded, report } = await foldModel(model);
    expect(report).toEqual({ batchNorms: 1, activations: 1 });
    expectSameOutputs(model, folded, [3, 5, 5, 1]);
  });

  it('computes a BatchNormalization on axis 1 correctly (tfjs 4.22 alone does not), folding or not', async () => {
    const model = tfl.sequential({ layers: [tfl.layers.batchNormalization({ inputShape: [2, 3, 3], axis: 1, epsilon: 0 })] });
    model.setWeights([tf.tensor([1, 2]), tf.tensor([0, 10]), tf.tensor([0, 1]), tf.tensor([1, 4])]);
    const x = tf.ones([1, 2, 3, 3]);
    // channel 0: 1·(1 − 0)/1 + 0 = 1; channel 1: 2·(1 − 1)/2 + 10 = 10.
    const expected = [...Array(9).fill(1), ...Array(9).fill(10)];
    expect(Array.from((model.predict(x) as tf.Tensor).dataSync())).not.toEqual(expected); // the tfjs bug this works around
    for (const fold of [true, false]) {
      const { model: fixed } = await foldModel(model, { fold });
      expect(fixed.layers[0].getClassName()).toBe('DepthwiseConv2D');
      const y = Array.from((fixed.predict(x) as tf.Tensor).dataSync());
      y.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    }
  });

  it('refuses a BatchNormalization on another non-last axis with one line', async () => {
    const model = tfl.sequential({ layers: [tfl.layers.batchNormalization({ inputShape: [2, 3, 3], axis: 2 })] });
    await expect(foldModel(model)).rejects.toThrow(/BatchNormalization layer ".*" normalises axis 2 of a 4-D tensor/);
  });

  it('saves SeparableConv2D depth_multiplier (tfjs 4.22 drops it from model.json)', async () => {
    const model = tfl.sequential({
      layers: [tfl.layers.separableConv2d({ inputShape: [5, 5, 2], filters: 3, kernelSize: 3, depthMultiplier: 2 })],
    });
    randomise(model, 5);
    const files = await modelFiles(model);
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(memoryArtifacts(files)));
    expectSameOutputs(model, loaded, [1, 5, 5, 2]);
  });
});
