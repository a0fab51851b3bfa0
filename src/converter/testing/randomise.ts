// Test support: random weights everywhere in a tfjs layers model (nested models included), with
// BatchNormalization variances positive and away from zero and gammas near 1, as trained ones are.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { values } from './keras-files.ts';

export function randomise(model: tfl.LayersModel, seed: number): void {
  let s = seed;
  for (const layer of model.layers) {
    const inner = (layer as { layers?: unknown }).layers;
    if (Array.isArray(inner)) {
      randomise(layer as tfl.LayersModel, s++ * 101);
      continue;
    }
    layer.setWeights(
      layer.weights.map((w) => {
        const v = values(w.shape.reduce((a: number, b) => a * (b ?? 1), 1), s++);
        const name = w.originalName;
        const data = /moving_variance/.test(name) ? v.map((x) => 0.2 + Math.abs(x)) : /gamma/.test(name) ? v.map((x) => 0.5 + x) : v;
        return tf.tensor(data, w.shape as number[]);
      }),
    );
  }
}
