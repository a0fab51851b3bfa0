// channels_first, layer by layer: the same network written in both layouts must compute the same
// thing (Keras designed Flatten(data_format) so that the Dense weights do not change), the converter's
// output is checked against plain loops where the layouts mix, and folding must not change any of it.
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { convertKeras } from './index.ts';
import { keras2FullH5, values, type TestLayerWeights } from './testing/keras-files.ts';
import { conv2d, dense, relu, toChw } from './testing/reference.ts';

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
});

type Layout = 'channels_first' | 'channels_last';
type Head = 'flatten' | 'gap' | 'gmp';

const C = 2;
const H = 8;
const W = 8;

/** Every layer type that takes data_format (and BN on the channel axis), in one Sequential. */
function config(layout: Layout, head: Head): object {
  const df = { data_format: layout };
  const bnAxis = layout === 'channels_first' ? 1 : 3;
  const layer = (class_name: string, name: string, extra: object) => ({ class_name, config: { name, trainable: true, dtype: 'float32', ...extra } });
  return {
    class_name: 'Sequential',
    config: {
      name: 'sequential',
      layers: [
        layer('InputLayer', 'input', { batch_input_shape: layout === 'channels_first' ? [null, C, H, W] : [null, H, W, C] }),
        layer('ZeroPadding2D', 'pad', { padding: [[1, 0], [0, 1]], ...df }),
        layer('Conv2D', 'conv', { filters: 3, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', activation: 'linear', use_bias: true, ...df }),
        layer('BatchNormalization', 'bn1', { axis: bnAxis, epsilon: 0.001, center: true, scale: true }),
        layer('Activation', 'act', { activation: 'relu' }),
        layer('DepthwiseConv2D', 'dw', { kernel_size: [2, 2], strides: [1, 1], padding: 'valid', depth_multiplier: 2, activation: 'linear', use_bias: true, ...df }),
        layer('BatchNormalization', 'bn2', { axis: bnAxis, epsilon: 0.001, center: true, scale: true }),
        layer('MaxPooling2D', 'maxpool', { pool_size: [2, 2], strides: [2, 2], padding: 'valid', ...df }),
        layer('UpSampling2D', 'up', { size: [2, 2], interpolation: 'nearest', ...df }),
        layer('Cropping2D', 'crop', { cropping: [[1, 1], [0, 2]], ...df }),
        layer('SeparableConv2D', 'sep', { filters: 4, kernel_size: [3, 3], strides: [1, 1], padding: 'same', depth_multiplier: 1, activation: 'linear', use_bias: true, ...df }),
        layer('AveragePooling2D', 'avgpool', { pool_size: [2, 2], strides: [2, 2], padding: 'valid', ...df }),
        // Not after a convolution: this one stays a layer, and tfjs alone gets axis 1 wrong.
        layer('BatchNormalization', 'bn3', { axis: bnAxis, epsilon: 0.001, center: true, scale: true }),
        head === 'flatten'
          ? layer('Flatten', 'flatten', df)
          : layer(head === 'gap' ? 'GlobalAveragePooling2D' : 'GlobalMaxPooling2D', 'pool', df),
        // Linear: a saturated softmax would hide differences.
        layer('Dense', 'dense', { units: 3, activation: 'linear', use_bias: true }),
      ],
    },
  };
}

const bnWeights = (layer: string, n: number, seed: number): TestLayerWeights => ({
  layer,
  weights: ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((v, i) => ({
    name: `${layer}/${v}:0`,
    shape: [n],
    data: values(n, seed + i).map((x) => (v === 'moving_variance' ? 0.3 + Math.abs(x) : v === 'gamma' ? 0.5 + x : x)),
  })),
});

const w = (layer: string, name: string, shape: number[], seed: number) => ({ name: `${layer}/${name}:0`, shape, data: values(shape.reduce((a, b) => a * b, 1), seed) });

/** Keras kernels are laid out the same whatever data_format is: one set of weights for both models. */
function weights(head: Head): TestLayerWeights[] {
  return [
    { layer: 'conv', weights: [w('conv', 'kernel', [3, 3, C, 3], 1), w('conv', 'bias', [3], 2)] },
    bnWeights('bn1', 3, 10),
    { layer: 'dw', weights: [w('dw', 'depthwise_kernel', [2, 2, 3, 2], 3), w('dw', 'bias', [6], 4)] },
    bnWeights('bn2', 6, 20),
    { layer: 'sep', weights: [w('sep', 'depthwise_kernel', [3, 3, 6, 1], 5), w('sep', 'pointwise_kernel', [1, 1, 6, 4], 6), w('sep', 'bias', [4], 7)] },
    bnWeights('bn3', 4, 30),
    { layer: 'dense', weights: [w('dense', 'kernel', [head === 'flatten' ? 16 : 4, 3], 8), w('dense', 'bias', [3], 9)] },
  ];
}

function predict(model: tfl.LayersModel, data: Float32Array, shape: number[]): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor(data, shape)) as tf.Tensor).dataSync() as Float32Array);
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i])));
}

describe('channels_first layers', () => {
  // Two images, channels_last; their channels_first copies are the same values transposed.
  const images = [values(H * W * C, 100), values(H * W * C, 101)].map((d) => d.map((v) => v * 3));
  const hwc = Float32Array.from(images.flatMap((d) => [...d]));
  const chw = Float32Array.from(images.flatMap((d) => [...toChw({ h: H, w: W, c: C, data: d })]));

  for (const head of ['flatten', 'gap', 'gmp'] as const) {
    it(`ZeroPadding2D, Conv2D, BN, DepthwiseConv2D, MaxPooling2D, UpSampling2D, Cropping2D, SeparableConv2D, AveragePooling2D, ${head}: channels_first = channels_last`, async () => {
      const last = await convertKeras({ main: await keras2FullH5(config('channels_last', head), weights(head)) }, { fold: false });
      const expected = predict(last.model, hwc, [2, H, W, C]);
      expect(Math.max(...expected) - Math.min(...expected)).toBeGreaterThan(0.05); // outputs that can tell layouts apart
      for (const fold of [false, true]) {
        const first = await convertKeras({ main: await keras2FullH5(config('channels_first', head), weights(head)) }, { fold });
        expect(first.inputShape).toEqual([C, H, W]);
        if (fold) expect(first.folded.batchNorms).toBe(2); // bn1 and bn2; bn3 follows a pooling layer
        expect(maxDiff(predict(first.model, chw, [2, C, H, W]), expected)).toBeLessThan(1e-4);
        first.model.dispose();
      }
      last.model.dispose();
    });
  }

  it('Flatten without data_format after a channels_first Conv2D flattens in [c][h][w] order (Keras 2.0 files)', async () => {
    const kernel = values(2 * 2 * C * 3, 40);
    const bias = values(3, 41);
    const dk = values(3 * 7 * 7 * 2, 42);
    const db = values(2, 43);
    const model = {
      class_name: 'Sequential',
      config: {
        name: 's',
        layers: [
          { class_name: 'Conv2D', config: { name: 'conv', batch_input_shape: [null, C, H, W], filters: 3, kernel_size: [2, 2], padding: 'valid', data_format: 'channels_first', activation: 'relu', use_bias: true } },
          { class_name: 'Flatten', config: { name: 'flatten' } },
          { class_name: 'Dense', config: { name: 'dense', units: 2, activation: 'linear', use_bias: true } },
        ],
      },
    };
    const r = await convertKeras({
      main: await keras2FullH5(model, [
        { layer: 'conv', weights: [{ name: 'conv/kernel:0', shape: [2, 2, C, 3], data: kernel }, { name: 'conv/bias:0', shape: [3], data: bias }] },
        { layer: 'flatten', weights: [] },
        { layer: 'dense', weights: [{ name: 'dense/kernel:0', shape: [147, 2], data: dk }, { name: 'dense/bias:0', shape: [2], data: db }] },
      ]),
    });
    const conv = conv2d({ h: H, w: W, c: C, data: images[0] }, kernel, 2, 2, 3, bias);
    const expected = dense(toChw({ ...conv, data: relu(conv.data) }), dk, 2, db);
    const first = toChw({ h: H, w: W, c: C, data: images[0] });
    expect(maxDiff(predict(r.model, first, [1, C, H, W]), expected)).toBeLessThan(1e-4);
    // The [h][w][c] order would give something else: the check can tell.
    expect(maxDiff(dense(relu(conv.data), dk, 2, db), expected)).toBeGreaterThan(1e-2);
  });
});
