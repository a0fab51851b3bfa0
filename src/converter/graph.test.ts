// The graph-model form must compute what the layers model computes: each test builds a tfjs layers
// model with random weights, writes it as a graph model, loads that back with tf.loadGraphModel
// and compares outputs on random inputs.
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { graphModelFiles } from './artifacts.ts';
import { foldModel } from './fold.ts';
import { GraphUnsupported } from './graph.ts';
import { memoryArtifacts } from './testing/memory-artifacts.ts';
import { values } from './testing/keras-files.ts';
import { randomise } from './testing/randomise.ts';

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
});

async function expectSameAsGraph(model: tfl.LayersModel, shape: number[], opsExpected: string[] = []): Promise<string[]> {
  randomise(model, 7);
  const files = await graphModelFiles(model);
  const json = JSON.parse(new TextDecoder().decode(files.get('model.json'))) as { format: string; modelTopology: { node: { op: string }[] } };
  expect(json.format).toBe('graph-model');
  const ops = json.modelTopology.node.map((n) => n.op);
  for (const op of opsExpected) expect(ops).toContain(op);
  const graph = await loadGraphModel(tf.io.fromMemory(memoryArtifacts(files)));
  const x = tf.tensor(values(shape.reduce((p, q) => p * q, 1), 99).map((v) => v * 3), shape);
  const ya = (model.predict(x) as tf.Tensor).dataSync();
  const out = graph.predict(x) as tf.Tensor;
  expect(out.shape).toEqual((model.predict(x) as tf.Tensor).shape);
  const yb = out.dataSync();
  let max = 0;
  ya.forEach((v, i) => (max = Math.max(max, Math.abs(v - yb[i]))));
  expect(max).toBeLessThan(1e-4);
  expect(Math.max(...ya) - Math.min(...ya)).toBeGreaterThan(1e-3); // the outputs do vary
  graph.dispose();
  return ops;
}

describe('graphModelFiles', () => {
  it('writes an Xception-style functional model (the shipped models\' layers) as fused graph ops', async () => {
    const input = tfl.input({ shape: [12, 12, 1] });
    let x = tfl.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }).apply(input) as tfl.SymbolicTensor;
    const a = tfl.layers.separableConv2d({ filters: 6, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(x) as tfl.SymbolicTensor;
    const b = tfl.layers.separableConv2d({ filters: 6, kernelSize: 3, padding: 'same' }).apply(a) as tfl.SymbolicTensor;
    const pooled = tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }).apply(b) as tfl.SymbolicTensor;
    const shortcut = tfl.layers.conv2d({ filters: 6, kernelSize: 1, strides: 2, padding: 'same' }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.add().apply([pooled, shortcut]) as tfl.SymbolicTensor;
    x = tfl.layers.activation({ activation: 'relu' }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.conv2d({ filters: 7, kernelSize: 3, padding: 'same' }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.globalAveragePooling2d({}).apply(x) as tfl.SymbolicTensor;
    const out = tfl.layers.activation({ activation: 'softmax' }).apply(x) as tfl.SymbolicTensor;
    const ops = await expectSameAsGraph(tfl.model({ inputs: input, outputs: out }), [2, 12, 12, 1], ['_FusedConv2D', 'DepthwiseConv2dNative', 'MaxPool', 'AddV2', 'Relu', 'Mean', 'Softmax']);
    expect(ops).not.toContain('BiasAdd'); // every bias rides in a fused convolution
  });

  it('writes Sequential models with dense, flatten, dropout, average pooling, depthwise and bias-free layers', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [8, 8, 2], filters: 3, kernelSize: 3, useBias: false, activation: 'tanh', dilationRate: 1 }),
        tfl.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', activation: 'relu6' }),
        tfl.layers.averagePooling2d({ poolSize: 2 }),
        tfl.layers.dropout({ rate: 0.5 }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 5, activation: 'elu' }),
        tfl.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    await expectSameAsGraph(model, [3, 8, 8, 2], ['Conv2D', 'Tanh', 'DepthwiseConv2dNative', 'BiasAdd', 'Relu6', 'AvgPool', 'Reshape', 'MatMul', 'Elu', 'Softmax']);
  });

  it('adds three inputs with AddN and reads a sigmoid fused into the convolution', async () => {
    const input = tfl.input({ shape: [6, 6, 2] });
    const c = (n: number) => tfl.layers.conv2d({ filters: 2, kernelSize: 1, activation: n === 0 ? 'sigmoid' : 'linear' }).apply(input) as tfl.SymbolicTensor;
    const sum = tfl.layers.add().apply([c(0), c(1), c(2)]) as tfl.SymbolicTensor;
    await expectSameAsGraph(tfl.model({ inputs: input, outputs: sum }), [1, 6, 6, 2], ['AddN']);
  });

  it('writes a folded model (BatchNormalization merged) and refuses an unfolded one, naming the layer', async () => {
    const model = tfl.sequential({
      layers: [tfl.layers.conv2d({ inputShape: [6, 6, 1], filters: 2, kernelSize: 3, name: 'c1' }), tfl.layers.batchNormalization({ name: 'bn_left' }), tfl.layers.activation({ activation: 'relu' })],
    });
    randomise(model, 3);
    await expect(graphModelFiles(model)).rejects.toThrow(GraphUnsupported);
    await expect(graphModelFiles(model)).rejects.toThrow(/bn_left \(BatchNormalization\)/);
    const { model: folded } = await foldModel(model, { fold: true });
    const files = await graphModelFiles(folded);
    const graph = await loadGraphModel(tf.io.fromMemory(memoryArtifacts(files)));
    const x = tf.tensor(values(36, 5), [1, 6, 6, 1]);
    const diff = tf.max(tf.abs(tf.sub(graph.predict(x) as tf.Tensor, model.predict(x) as tf.Tensor))).dataSync()[0];
    expect(diff).toBeLessThan(1e-4);
  });

  it('refuses layers it has no mapping for, and shared layers', async () => {
    const up = tfl.sequential({ layers: [tfl.layers.upSampling2d({ inputShape: [4, 4, 1], size: [2, 2] })] });
    await expect(graphModelFiles(up)).rejects.toThrow(/UpSampling2D\) has no graph mapping/);
    const input = tfl.input({ shape: [4] });
    const shared = tfl.layers.dense({ units: 4 });
    const twice = shared.apply(shared.apply(input)) as tfl.SymbolicTensor;
    await expect(graphModelFiles(tfl.model({ inputs: input, outputs: twice }))).rejects.toThrow(/shared/);
  });
});
