// Float16 weights (mixed-precision training): decoded exactly, and converted like float32 ones.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { convertKeras } from './index.ts';
import { decodeFloat16, encodeFloat16, halfToFloat } from './float16.ts';
import { kerasZip, values } from './testing/keras-files.ts';
import { conv2d, dense, globalAveragePool, relu, softmax } from './testing/reference.ts';

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
});

describe('IEEE half', () => {
  it('decodes normal, subnormal and special values', () => {
    expect([0x3e00, 0xc080, 0x7bff, 0x0001, 0x8000, 0x7c00, 0xfc00].map(halfToFloat)).toEqual([1.5, -2.25, 65504, 2 ** -24, -0, Infinity, -Infinity]);
    expect(halfToFloat(0x7e00)).toBeNaN();
  });

  it('round-trips what half can hold, and rounds to nearest otherwise', () => {
    const exact = [0, 1, -1, 0.5, 1.5, 65504, 2 ** -24, -3.75];
    expect(Array.from(decodeFloat16(encodeFloat16(exact)))).toEqual(exact);
    const some = values(200, 3);
    decodeFloat16(encodeFloat16(some)).forEach((v, i) => expect(Math.abs(v - some[i])).toBeLessThanOrEqual(2 ** -12));
  });
});

// Conv2D(relu) → GlobalAveragePooling2D → Dense(softmax), weights stored as float16.
const config = (k3 = false) => ({
  class_name: k3 ? 'Functional' : 'Sequential',
  config: {
    name: 'm',
    layers: [
      { class_name: 'InputLayer', name: 'in', inbound_nodes: [], config: { batch_input_shape: [null, 5, 5, 1], dtype: 'float32', name: 'in' } },
      { class_name: 'Conv2D', name: 'conv', inbound_nodes: [[['in', 0, 0, {}]]], config: { name: 'conv', filters: 2, kernel_size: [3, 3], padding: 'valid', activation: 'relu', use_bias: true, dtype: 'mixed_float16' } },
      { class_name: 'GlobalAveragePooling2D', name: 'gap', inbound_nodes: [[['conv', 0, 0, {}]]], config: { name: 'gap' } },
      { class_name: 'Dense', name: 'dense', inbound_nodes: [[['gap', 0, 0, {}]]], config: { name: 'dense', units: 3, activation: 'softmax', use_bias: true } },
    ],
    input_layers: [['in', 0, 0]],
    output_layers: [['dense', 0, 0]],
  },
});

const half = (v: Float32Array) => decodeFloat16(encodeFloat16(v));
const w = { k: values(18, 61), b: values(2, 62), dk: values(6, 63), db: values(3, 64) }; // as make_float16.py
const x = values(25, 65).map((v) => v * 2);
const expected = () => {
  const c = conv2d({ h: 5, w: 5, c: 1, data: x }, half(w.k), 3, 3, 2, half(w.b));
  return softmax(dense(globalAveragePool({ ...c, data: relu(c.data) }), half(w.dk), 3, half(w.db)));
};

// Fixtures written by h5py (testing/fixtures/make_float16.py; h5wasm cannot write half floats),
// with the same LCG values as here: conv little-endian, dense big-endian in the Keras 2 file.
const fixture = (name: string) => new Uint8Array(fs.readFileSync(new URL(`./testing/fixtures/${name}`, import.meta.url)));

describe('float16 weights', () => {
  it('are read from a Keras 2 HDF5 file (little- and big-endian) and give the outputs their values define', async () => {
    const r = await convertKeras({ main: fixture('float16-keras2.h5') });
    expect(r.warnings.join(' ')).toContain('"mixed_float16" is computed as float32');
    const got = tf.tidy(() => (r.model.predict(tf.tensor(x, [1, 5, 5, 1])) as tf.Tensor).dataSync());
    const want = expected();
    got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-5));
    // Not the float32 values: the half rounding is really there.
    expect(Math.max(...half(w.k).map((v, i) => Math.abs(v - w.k[i])))).toBeGreaterThan(1e-5);
  });

  it('are read from a Keras 3 .keras zip', async () => {
    const r = await convertKeras({ main: kerasZip(config(true), fixture('float16-keras3.weights.h5')) });
    const got = tf.tidy(() => (r.model.predict(tf.tensor(x, [1, 5, 5, 1])) as tf.Tensor).dataSync());
    const want = expected();
    got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-5));
  });
});
