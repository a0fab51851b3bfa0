// Converts tiny Keras files written by the test itself (known weights, Keras 2 and Keras 3
// layouts) and checks the tfjs outputs against the same maths written out in plain loops.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { strToU8, zipSync } from 'fflate';
import { buildManifest, convertKeras, ConversionError, FER2013_LABELS, modelFiles, sniff } from './index.ts';
import { parseManifest } from '../models/manifest.ts';
import { saveConverted } from './save-node.ts';
import { kerasSnakeCase } from './weights.ts';
import { keras2FullH5, keras2WeightsH5, keras3WeightsH5, kerasZip, values, type TestLayerWeights } from './testing/keras-files.ts';
import { batchNorm, conv2d, dense, globalAveragePool, relu, softmax, type Image } from './testing/reference.ts';

beforeAll(async () => {
  tf.env().set('IS_TEST', true); // silences the "install tfjs-node" banner
  await tf.setBackend('cpu');
});

function predict(model: tfl.LayersModel, input: Float32Array, shape: number[]): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor(input, [1, ...shape])) as tf.Tensor).dataSync() as Float32Array);
}

function expectClose(actual: Float32Array, expected: Float32Array, tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `element ${i}: ${v} vs ${expected[i]}`).toBeLessThan(tol));
}

async function conversionError(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ConversionError);
  return (e as Error).message;
}

// ---- A Keras 2 Sequential CNN: Conv2D(relu) → Dropout → Flatten → Dense(softmax) ----

const conv = { kernel: values(3 * 3 * 2 * 3, 1), bias: values(3, 2) };
const head = { kernel: values(27 * 4, 3), bias: values(4, 4) };

const sequentialConfig = {
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 5, 5, 2], dtype: 'float32', sparse: false, ragged: false, name: 'input_1' } },
      {
        class_name: 'Conv2D',
        config: {
          name: 'conv2d', trainable: true, dtype: 'float32', filters: 3, kernel_size: [3, 3], strides: [1, 1], padding: 'valid',
          data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: 'relu', use_bias: true,
          kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} },
          kernel_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 0.01 } }, bias_regularizer: null, activity_regularizer: null,
          kernel_constraint: null, bias_constraint: null,
        },
      },
      { class_name: 'Dropout', config: { name: 'dropout', trainable: true, dtype: 'float32', rate: 0.5, noise_shape: null, seed: null } },
      { class_name: 'Flatten', config: { name: 'flatten', trainable: true, dtype: 'float32', data_format: 'channels_last' } },
      { class_name: 'Dense', config: { name: 'dense', trainable: true, dtype: 'float32', units: 4, activation: 'softmax', use_bias: true } },
    ],
  },
  keras_version: '2.12.0',
  backend: 'tensorflow',
};

const sequentialWeights = (convKernelShape = [3, 3, 2, 3]): TestLayerWeights[] => [
  {
    layer: 'conv2d',
    weights: [
      { name: 'conv2d/kernel:0', shape: convKernelShape, data: conv.kernel.slice(0, convKernelShape.reduce((a, b) => a * b)) },
      { name: 'conv2d/bias:0', shape: [3], data: conv.bias },
    ],
  },
  { layer: 'dropout', weights: [] },
  { layer: 'flatten', weights: [] },
  {
    layer: 'dense',
    weights: [
      { name: 'dense/kernel:0', shape: [27, 4], data: head.kernel },
      { name: 'dense/bias:0', shape: [4], data: head.bias },
    ],
  },
];

const seqInput = values(5 * 5 * 2, 5);

function sequentialReference(x: Float32Array): Float32Array {
  const img: Image = { h: 5, w: 5, c: 2, data: x };
  const features = conv2d(img, conv.kernel, 3, 3, 3, conv.bias);
  return softmax(dense(relu(features.data), head.kernel, 4, head.bias));
}

describe('Keras 2 full-model HDF5', () => {
  it('reproduces a Conv2D/Flatten/Dense model computed by hand', async () => {
    const main = await keras2FullH5(sequentialConfig, sequentialWeights());
    const r = await convertKeras({ main }, { mainName: 'cnn.h5' });
    expect(r.format).toBe('Keras 2.12.0 full-model HDF5');
    expect(r.inputShape).toEqual([5, 5, 2]);
    expect(r.outputClasses).toBe(4);
    expect(r.weightCount).toBe(4);
    expectClose(predict(r.model, seqInput, [5, 5, 2]), sequentialReference(seqInput));
  });

  it('rejects a weight whose shape does not fit, naming the layer and both shapes', async () => {
    const main = await keras2FullH5(sequentialConfig, sequentialWeights([3, 3, 1, 3]));
    const message = await conversionError(convertKeras({ main }));
    expect(message).toContain('weight shape mismatch for layer "conv2d" weight "conv2d/kernel"');
    expect(message).toContain('expects [3, 3, 2, 3], the file has [3, 3, 1, 3]');
  });

  it('rejects weights for a layer the architecture lacks', async () => {
    const extra = [...sequentialWeights(), { layer: 'dense_9', weights: [{ name: 'dense_9/kernel:0', shape: [1, 1], data: values(1, 9) }] }];
    const message = await conversionError(convertKeras({ main: await keras2FullH5(sequentialConfig, extra) }));
    expect(message).toContain('layer "dense_9", which the architecture does not have');
  });
});

describe('Keras 2 weights-only HDF5 + architecture JSON', () => {
  it('converts with the architecture given as text or bytes, whatever the weights file is called', async () => {
    const main = await keras2WeightsH5(sequentialWeights());
    expect(sniff(main)).toBe('hdf5');
    for (const arch of [JSON.stringify(sequentialConfig), strToU8(JSON.stringify(sequentialConfig))]) {
      const r = await convertKeras({ main, arch }, { mainName: 'weights.keras' });
      expect(r.format).toContain('weights-only HDF5 + architecture JSON');
      expectClose(predict(r.model, seqInput, [5, 5, 2]), sequentialReference(seqInput));
    }
  });

  it('asks for the architecture when only weights are given', async () => {
    const message = await conversionError(convertKeras({ main: await keras2WeightsH5(sequentialWeights()) }, { mainName: 'w.h5' }));
    expect(message).toBe(
      'w.h5 holds weights only (saved with save_weights) and no architecture: add the architecture JSON file (from model.to_json())',
    );
  });
});

// ---- Keras 3 .keras zip: functional, two branches added, BN, ReLU(max_value=6), GAP, Dense ----

const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
const kt = (layer: string, shape: (number | null)[]) => ({
  class_name: '__keras_tensor__',
  config: { shape, dtype: 'float32', keras_history: [layer, 0, 0] },
});
const k3Layer = (className: string, name: string, config: object, inputs: unknown[], wrapAsList = false) => ({
  module: 'keras.layers',
  class_name: className,
  config: { name, trainable: true, dtype: policy, ...config },
  registered_name: null,
  build_config: { input_shape: [null, 4, 4, 1] },
  name,
  inbound_nodes: [{ args: wrapAsList ? [inputs] : inputs, kwargs: {} }],
});

const k3Config = {
  module: 'keras.src.models.functional',
  class_name: 'Functional',
  config: {
    name: 'functional',
    trainable: true,
    layers: [
      {
        module: 'keras.layers', class_name: 'InputLayer', registered_name: null, name: 'input_layer', inbound_nodes: [],
        config: { batch_shape: [null, 4, 4, 1], dtype: 'float32', sparse: false, name: 'input_layer', optional: false },
      },
      k3Layer('Conv2D', 'conv_a', { filters: 2, kernel_size: [1, 1], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: 'linear', use_bias: true, kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null } }, [kt('input_layer', [null, 4, 4, 1])]),
      k3Layer('Conv2D', 'conv_b', { filters: 2, kernel_size: [1, 1], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: 'linear', use_bias: false }, [kt('input_layer', [null, 4, 4, 1])]),
      k3Layer('Add', 'add', {}, [kt('conv_a', [null, 4, 4, 2]), kt('conv_b', [null, 4, 4, 2])], true),
      k3Layer('BatchNormalization', 'bn', { axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true, synchronized: false }, [kt('add', [null, 4, 4, 2])]),
      k3Layer('ReLU', 'relu6', { max_value: 6, negative_slope: 0, threshold: 0 }, [kt('bn', [null, 4, 4, 2])]),
      k3Layer('GlobalAveragePooling2D', 'gap', { data_format: 'channels_last', keepdims: false }, [kt('relu6', [null, 4, 4, 2])]),
      k3Layer('Dense', 'dense', { units: 3, activation: 'softmax', use_bias: true, quantization_config: null }, [kt('gap', [null, 2])]),
    ],
    input_layers: ['input_layer', 0, 0], // Keras 3 flattens a single input
    output_layers: [['dense', 0, 0]],
  },
  registered_name: null,
};

const k3 = {
  convA: { kernel: values(2, 11), bias: values(2, 12) },
  convB: { kernel: values(2, 13) },
  bn: { gamma: values(2, 14), beta: values(2, 15), mean: values(2, 16), variance: values(2, 17).map((v) => Math.abs(v) + 0.5), epsilon: 0.001 },
  dense: { kernel: values(6, 18), bias: values(3, 19) },
};

const k3Weights = () =>
  keras3WeightsH5({
    // Keras 3 files variables by class name, numbered per class, whatever the layers are called.
    'layers/conv2d': [{ shape: [1, 1, 1, 2], data: k3.convA.kernel }, { shape: [2], data: k3.convA.bias }],
    'layers/conv2d_1': [{ shape: [1, 1, 1, 2], data: k3.convB.kernel }],
    'layers/batch_normalization': [k3.bn.gamma, k3.bn.beta, k3.bn.mean, k3.bn.variance].map((data) => ({ shape: [2], data })),
    'layers/dense': [{ shape: [2, 3], data: k3.dense.kernel }, { shape: [3], data: k3.dense.bias }],
  });

// Scaled so that some activations pass 6 and the ReLU cap matters.
const k3Input = values(16, 21).map((v) => v * 50);

/** The model up to the ReLU: conv_a + conv_b, then batch normalization. */
function k3PreActivation(x: Float32Array): Float32Array {
  const img: Image = { h: 4, w: 4, c: 1, data: x };
  const a = conv2d(img, k3.convA.kernel, 1, 1, 2, k3.convA.bias);
  const b = conv2d(img, k3.convB.kernel, 1, 1, 2);
  return batchNorm(a.data.map((v, i) => v + b.data[i]), 2, k3.bn);
}

function k3Reference(x: Float32Array): Float32Array {
  const act = relu(k3PreActivation(x), 6);
  return softmax(dense(globalAveragePool({ h: 4, w: 4, c: 2, data: act }), k3.dense.kernel, 3, k3.dense.bias));
}

describe('Keras 3 .keras zip', () => {
  it('reproduces a functional model with Add, BatchNormalization and ReLU(max_value=6)', async () => {
    const main = kerasZip(k3Config, await k3Weights());
    expect(sniff(main)).toBe('zip');
    const r = await convertKeras({ main }, { mainName: 'model.keras' });
    expect(r.format).toBe('Keras 3.13.1 .keras zip');
    expect(r.inputShape).toEqual([4, 4, 1]);
    expect(r.outputClasses).toBe(3);
    // The ReLU cap must be exercised, or this test would not notice max_value being dropped.
    expect(Math.max(...k3PreActivation(k3Input))).toBeGreaterThan(6);
    expectClose(predict(r.model, k3Input, [4, 4, 1]), k3Reference(k3Input));
  });

  it('converts a Keras 3 weights-only file (save_weights) with its config as the architecture', async () => {
    const r = await convertKeras({ main: await k3Weights(), arch: JSON.stringify(k3Config) });
    expect(r.format).toBe('Keras weights-only HDF5 + architecture JSON');
    expectClose(predict(r.model, k3Input, [4, 4, 1]), k3Reference(k3Input));
  });

  it('says which file is missing from a zip that is not a .keras file', async () => {
    const main = zipSync({ 'model.weights.h5': await k3Weights() });
    expect(await conversionError(convertKeras({ main }, { mainName: 'x.keras' }))).toBe(
      'x.keras is a zip but not a Keras 3 .keras file: it lacks config.json',
    );
  });

  it('rejects a layer option tfjs lacks instead of converting it wrongly', async () => {
    const config = structuredClone(k3Config);
    (config.config.layers[5].config as Record<string, unknown>).negative_slope = 0.1;
    const message = await conversionError(convertKeras({ main: kerasZip(config, await k3Weights()) }));
    expect(message).toBe('ReLU layer "relu6" in "functional" uses negative_slope=0.1, which the converter does not support');
  });
});

// ---- Weightless layers whose Keras options are renamed or dropped on the way to tfjs ----

describe('element-wise and shape layers', () => {
  const node = (...inputs: [string, (number | null)[]][]) => [{ args: inputs.length > 1 ? [inputs.map(([l, sh]) => kt(l, sh))] : [kt(...inputs[0])], kwargs: {} }];
  const layer = (className: string, name: string, config: object, inbound: unknown) => ({
    module: 'keras.layers', class_name: className, registered_name: null, name, inbound_nodes: inbound,
    config: { name, trainable: true, dtype: policy, ...config },
  });
  const s = [null, 2, 2, 1];
  const config = {
    module: 'keras.src.models.functional', class_name: 'Functional', registered_name: null,
    config: {
      name: 'zoo', trainable: true,
      layers: [
        { module: 'keras.layers', class_name: 'InputLayer', registered_name: null, name: 'in', inbound_nodes: [], config: { batch_shape: s, dtype: 'float32', sparse: false, name: 'in' } },
        layer('Rescaling', 'resc', { scale: 0.5, offset: -1 }, node(['in', s])),
        layer('LeakyReLU', 'leaky', { negative_slope: 0.2 }, node(['resc', s])),
        layer('ELU', 'elu', { alpha: 1.0 }, node(['leaky', s])),
        layer('SpatialDropout2D', 'sdrop', { rate: 0.5, noise_shape: null, seed: null }, node(['leaky', s])),
        layer('Multiply', 'mul', {}, node(['elu', s], ['sdrop', s])),
        layer('Concatenate', 'cat', { axis: -1 }, node(['mul', s], ['leaky', s])),
        layer('ZeroPadding2D', 'pad', { padding: [[1, 1], [1, 1]], data_format: 'channels_last' }, node(['cat', [null, 2, 2, 2]])),
        layer('AveragePooling2D', 'avg', { pool_size: [2, 2], strides: [2, 2], padding: 'valid', data_format: 'channels_last' }, node(['pad', [null, 4, 4, 2]])),
        layer('Flatten', 'flat', { data_format: 'channels_last' }, node(['avg', [null, 2, 2, 2]])),
        layer('Softmax', 'sm', { axis: -1 }, node(['flat', [null, 8]])),
      ],
      input_layers: [['in', 0, 0]],
      output_layers: [['sm', 0, 0]],
    },
  };

  it('reproduces Rescaling, LeakyReLU, ELU, SpatialDropout2D, Multiply, Concatenate, ZeroPadding2D, AveragePooling2D, Softmax', async () => {
    const r = await convertKeras({ main: kerasZip(config, await keras3WeightsH5({})) });
    expect(r.warnings).toEqual([]);
    const x = Float32Array.of(0, 1, 3, 4); // 2×2×1; after rescaling: -1, -0.5, 0.5, 1
    const leaky = x.map((v) => v * 0.5 - 1).map((v) => (v < 0 ? 0.2 * v : v));
    const elu = leaky.map((v) => (v < 0 ? Math.exp(v) - 1 : v));
    const cat = new Float32Array(8); // 2×2×2: [elu·leaky, leaky] per pixel
    leaky.forEach((v, p) => { cat[2 * p] = elu[p] * v; cat[2 * p + 1] = v; });
    // Zero padding by 1 then 2×2 average pooling: each output window holds one original pixel.
    expectClose(predict(r.model, x, [2, 2, 1]), softmax(cat.map((v) => v / 4)));
  });

  it('rejects an ELU alpha other than 1, which tfjs-layers does not implement', async () => {
    const withAlpha = structuredClone(config);
    (withAlpha.config.layers[3].config as Record<string, unknown>).alpha = 0.7;
    expect(await conversionError(convertKeras({ main: kerasZip(withAlpha, await keras3WeightsH5({})) }))).toBe(
      'ELU layer "elu" in "zoo" uses alpha=0.7, which the converter does not support',
    );
  });
});

// ---- Nested: Sequential → Sequential (Dense, BatchNormalization) → Dense, Teachable-Machine style ----

const nested = {
  inner: { kernel: values(3 * 4, 31), bias: values(4, 32) },
  bn: { gamma: values(4, 33), beta: values(4, 34), mean: values(4, 35), variance: values(4, 36).map((v) => Math.abs(v) + 0.2), epsilon: 0.001 },
  head: { kernel: values(4 * 2, 37), bias: values(2, 38) },
};

const nestedConfig = (innerExtra: object[] = []) => ({
  class_name: 'Sequential',
  config: {
    name: 'outer',
    layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 3], dtype: 'float32', sparse: false, ragged: false, name: 'outer_input' } },
      {
        class_name: 'Sequential',
        config: {
          name: 'inner',
          layers: [
            { class_name: 'InputLayer', config: { batch_input_shape: [null, 3], dtype: 'float32', sparse: false, ragged: false, name: 'inner_input' } },
            { class_name: 'Dense', config: { name: 'inner_dense', units: 4, activation: 'relu', use_bias: true } },
            { class_name: 'BatchNormalization', config: { name: 'inner_bn', axis: [1], epsilon: 0.001, center: true, scale: true } },
            ...innerExtra,
          ],
        },
      },
      { class_name: 'Dense', config: { name: 'head', units: 2, activation: 'softmax', use_bias: true } },
    ],
  },
});

const nestedWeights: TestLayerWeights[] = [
  {
    // Listed BN first: matching must go by name, not by position.
    layer: 'inner',
    weights: [
      { name: 'inner_bn/gamma:0', shape: [4], data: nested.bn.gamma },
      { name: 'inner_bn/beta:0', shape: [4], data: nested.bn.beta },
      { name: 'inner_dense/kernel:0', shape: [3, 4], data: nested.inner.kernel },
      { name: 'inner_dense/bias:0', shape: [4], data: nested.inner.bias },
      { name: 'inner_bn/moving_mean:0', shape: [4], data: nested.bn.mean },
      { name: 'inner_bn/moving_variance:0', shape: [4], data: nested.bn.variance },
    ],
  },
  {
    // Keras 2.0.x names a layer's variables "<layer>_1/...": matched by order and variable name.
    layer: 'head',
    weights: [
      { name: 'head_1/kernel:0', shape: [4, 2], data: nested.head.kernel },
      { name: 'head_1/bias:0', shape: [2], data: nested.head.bias },
    ],
  },
];

describe('nested models', () => {
  it('reproduces Sequential inside Sequential, weights matched by name', async () => {
    const r = await convertKeras({ main: await keras2FullH5(nestedConfig(), nestedWeights) });
    expect(r.layerCount).toBe(5);
    const x = values(3, 41);
    const hidden = batchNorm(relu(dense(x, nested.inner.kernel, 4, nested.inner.bias)), 4, nested.bn);
    expectClose(predict(r.model, x, [3]), softmax(dense(hidden, nested.head.kernel, 2, nested.head.bias)));
  });

  it('names the class and the nesting path of an unsupported layer', async () => {
    const lambda = { class_name: 'Lambda', config: { name: 'my_lambda', function: ['4wEAAAAA', null, null] } };
    const message = await conversionError(convertKeras({ main: await keras2FullH5(nestedConfig([lambda]), nestedWeights) }));
    expect(message).toMatch(/^unsupported layer class "Lambda" \(layer "my_lambda" in "outer" › "inner"\); supported: InputLayer, Conv2D/);
  });
});

describe('Keras 3 nested models', () => {
  const denseLayer = (name: string, units: number, activation: string) => ({
    module: 'keras.layers', class_name: 'Dense', registered_name: null,
    config: { name, trainable: true, dtype: policy, units, activation, use_bias: true, quantization_config: null },
  });
  const input = (name: string) => ({
    module: 'keras.layers', class_name: 'InputLayer', registered_name: null,
    config: { batch_shape: [null, 3], dtype: 'float32', sparse: false, name },
  });
  const config = {
    module: 'keras', class_name: 'Sequential', registered_name: null,
    config: {
      name: 'outer', trainable: true, dtype: policy,
      layers: [
        input('outer_input'),
        { module: 'keras', class_name: 'Sequential', registered_name: null, config: { name: 'feature_block', trainable: true, dtype: policy, layers: [input('inner_input'), denseLayer('hidden', 4, 'relu')] } },
        denseLayer('scores', 2, 'softmax'),
      ],
    },
  };
  const w = { hidden: { kernel: values(12, 51), bias: values(4, 52) }, scores: { kernel: values(8, 53), bias: values(2, 54) } };

  it('finds a nested model\'s variables under layers/<class>/layers/<class>', async () => {
    const weights = await keras3WeightsH5({
      'layers/sequential/layers/dense': [{ shape: [3, 4], data: w.hidden.kernel }, { shape: [4], data: w.hidden.bias }],
      'layers/dense': [{ shape: [4, 2], data: w.scores.kernel }, { shape: [2], data: w.scores.bias }],
    });
    const r = await convertKeras({ main: kerasZip(config, weights) });
    const x = values(3, 55);
    const hidden = relu(dense(x, w.hidden.kernel, 4, w.hidden.bias));
    expectClose(predict(r.model, x, [3]), softmax(dense(hidden, w.scores.kernel, 2, w.scores.bias)));
  });

  it('names Keras 3 variable groups the way Keras does', () => {
    expect(['Conv2D', 'BatchNormalization', 'SeparableConv2D', 'GlobalAveragePooling2D', 'ReLU', 'Functional'].map(kerasSnakeCase)).toEqual([
      'conv2d', 'batch_normalization', 'separable_conv2d', 'global_average_pooling2d', 're_lu', 'functional',
    ]);
  });
});

describe('inputs that are not a model', () => {
  it('recognises a Git LFS pointer', async () => {
    const pointer = strToU8('version https://git-lfs.github.com/spec/v1\noid sha256:0dab60ed\nsize 114683872\n');
    expect(await conversionError(convertKeras({ main: pointer }, { mainName: 'm.h5' }))).toBe(
      'm.h5: this is a Git LFS pointer, not the model: run git lfs pull',
    );
    const main = await keras2WeightsH5(sequentialWeights());
    expect(await conversionError(convertKeras({ main, arch: pointer }, { archName: 'a.json' }))).toBe(
      'a.json: this is a Git LFS pointer, not the model: run git lfs pull',
    );
  });

  it('rejects bytes that are neither HDF5, zip nor JSON', async () => {
    expect(await conversionError(convertKeras({ main: values(64, 3).map((v) => v * 100) as unknown as Uint8Array }, { mainName: 'x.bin' }))).toBe(
      'x.bin is neither HDF5 (.h5), a zip (.keras) nor JSON: not a Keras model',
    );
    expect(await conversionError(convertKeras({ main: new Uint8Array([1, 2, 3]) }, { mainName: 'x.bin' }))).toContain('neither HDF5');
  });

  it('explains an architecture JSON given as the model, and a tfjs model.json', async () => {
    const archAsMain = strToU8(JSON.stringify(sequentialConfig));
    expect(await conversionError(convertKeras({ main: archAsMain }, { mainName: 'arch.json' }))).toContain(
      'arch.json is an architecture JSON without weights',
    );
    const tfjs = strToU8(JSON.stringify({ modelTopology: {}, weightsManifest: [] }));
    expect(await conversionError(convertKeras({ main: tfjs }, { mainName: 'model.json' }))).toBe(
      'model.json is already a TensorFlow.js model.json: it needs no conversion',
    );
  });
});

describe('saving', () => {
  it('writes model.json, shards and manifest that tfjs loads back to the same outputs', async () => {
    const r = await convertKeras({ main: kerasZip(k3Config, await k3Weights()) });
    const { manifest } = buildManifest(r, { sourceName: 'cnn.keras', labels: ['a', 'b', 'c'], normalization: 'zero1' });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'converter-test-'));
    try {
      await saveConverted(r.model, manifest, dir);
      const json = JSON.parse(await fs.readFile(path.join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
      expect(json.format).toBe('layers-model');
      const shards = await Promise.all(json.weightsManifest[0].paths.map((p) => fs.readFile(path.join(dir, p))));
      const weightData = tf.io.concatenateArrayBuffers(shards.map((b) => new Uint8Array(b).buffer));
      const loaded = await tfl.loadLayersModel(
        tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }),
      );
      expectClose(predict(loaded, k3Input, [4, 4, 1]), k3Reference(k3Input));
      const saved = parseManifest(JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')));
      expect(saved).toMatchObject({ kind: 'classifier', format: 'layers', modelFile: 'model.json', labels: ['a', 'b', 'c'] });
      expect(saved.input).toEqual({ width: 4, height: 4, channels: 1 });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('splits weights into 4 MB shards', async () => {
    const big = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [1024], units: 1536 })] }); // 6 MB of weights
    const files = await modelFiles(big);
    expect([...files.keys()].sort()).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin', 'model.json']);
    expect(files.get('group1-shard1of2.bin')?.byteLength).toBe(4 * 1024 * 1024);
    big.dispose();
  });
});

describe('buildManifest', () => {
  const shape = { inputShape: [48, 48, 1], outputClasses: 7 };

  it('defaults a 7-class model to FER2013 labels and minus1to1, with warnings', () => {
    const { manifest, warnings } = buildManifest(shape, { sourceName: 'My Model.h5' });
    expect(manifest).toMatchObject({
      id: 'my-model', kind: 'classifier', format: 'layers', modelFile: 'model.json', normalization: 'minus1to1',
      input: { width: 48, height: 48, channels: 1 }, labels: FER2013_LABELS, licence: 'unknown (user-supplied model)',
      provenance: { convertedFrom: 'My Model.h5', convertedBy: 'emotion-lens npm run convert' },
    });
    expect(warnings.join('\n')).toMatch(/assumed FER2013 order[\s\S]*assumed minus1to1/);
  });

  it('names other class counts generically, and checks labels and channels against the model', () => {
    expect(buildManifest({ inputShape: [224, 224, 3], outputClasses: 2 }, { sourceName: 'tm.h5' }).manifest.labels).toEqual(['class 1', 'class 2']);
    expect(() => buildManifest(shape, { sourceName: 'm.h5', labels: ['a', 'b'] })).toThrow('2 labels were given but the model has 7 outputs');
    expect(() => buildManifest(shape, { sourceName: 'm.h5', channels: 'rgb' })).toThrow("the colour was given as rgb but the model's input has 1 channel");
    expect(() => buildManifest({ inputShape: [null, null, 1], outputClasses: 7 }, { sourceName: 'm.h5' })).toThrow('fixed-size image input');
  });
});

// ---- Folding: Conv2D (no bias) → BatchNormalization → Activation(relu) → GAP → Dense ----

const foldable = {
  conv: values(3 * 3 * 2 * 4, 51),
  bn: { gamma: values(4, 52), beta: values(4, 53), mean: values(4, 54), variance: values(4, 55).map((v) => Math.abs(v) + 0.3), epsilon: 0.001 },
  dense: { kernel: values(4 * 3, 56), bias: values(3, 57) },
};

const foldableConfig = {
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 6, 6, 2], dtype: 'float32', name: 'input_1' } },
      { class_name: 'Conv2D', config: { name: 'conv', filters: 4, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last', activation: 'linear', use_bias: false } },
      { class_name: 'BatchNormalization', config: { name: 'bn', axis: -1, epsilon: 0.001, center: true, scale: true } },
      { class_name: 'Activation', config: { name: 'act', activation: 'relu' } },
      { class_name: 'GlobalAveragePooling2D', config: { name: 'gap', data_format: 'channels_last' } },
      { class_name: 'Dense', config: { name: 'dense', units: 3, activation: 'softmax', use_bias: true } },
    ],
  },
};

const foldableWeights: TestLayerWeights[] = [
  { layer: 'conv', weights: [{ name: 'conv/kernel:0', shape: [3, 3, 2, 4], data: foldable.conv }] },
  {
    layer: 'bn',
    weights: (['gamma', 'beta', 'moving_mean', 'moving_variance'] as const).map((v, i) => ({
      name: `bn/${v}:0`,
      shape: [4],
      data: [foldable.bn.gamma, foldable.bn.beta, foldable.bn.mean, foldable.bn.variance][i],
    })),
  },
  { layer: 'act', weights: [] },
  { layer: 'gap', weights: [] },
  { layer: 'dense', weights: [{ name: 'dense/kernel:0', shape: [4, 3], data: foldable.dense.kernel }, { name: 'dense/bias:0', shape: [3], data: foldable.dense.bias }] },
];

describe('BatchNormalization folding', () => {
  const x = values(6 * 6 * 2, 58).map((v) => v * 4);
  const expected = (): Float32Array => {
    const c = conv2d({ h: 6, w: 6, c: 2, data: x }, foldable.conv, 3, 3, 4);
    const act = relu(batchNorm(c.data, 4, foldable.bn));
    return softmax(dense(globalAveragePool({ h: 4, w: 4, c: 4, data: act }), foldable.dense.kernel, 3, foldable.dense.bias));
  };

  it('folds by default: fewer layers, same outputs as the reference', async () => {
    const main = await keras2FullH5(foldableConfig, foldableWeights);
    const r = await convertKeras({ main });
    expect(r.folded).toEqual({ batchNorms: 1, activations: 1 });
    expect(r.model.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Conv2D', 'GlobalAveragePooling2D', 'Dense']);
    expectClose(predict(r.model, x, [6, 6, 2]), expected());
  });

  it('keeps the Keras layers with fold: false, with the same outputs', async () => {
    const r = await convertKeras({ main: await keras2FullH5(foldableConfig, foldableWeights) }, { fold: false });
    expect(r.folded).toEqual({ batchNorms: 0, activations: 0 });
    expect(r.model.layers.map((l) => l.getClassName())).toContain('BatchNormalization');
    expectClose(predict(r.model, x, [6, 6, 2]), expected());
  });
});
