// The user's model is stored with its full topology: tfjs alone would drop SeparableConv2D's
// depth_multiplier and the stored model would not load after a reload.
import { describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { withFullTopology } from './persist';

async function roundTrip(model: tfl.LayersModel, wrap: boolean): Promise<tfl.LayersModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  const store = tf.io.withSaveHandler(async (a) => {
    saved = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  });
  await model.save(wrap ? withFullTopology(model, store) : store);
  return tfl.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
}

describe('withFullTopology', () => {
  it('a SeparableConv2D with depth_multiplier 2 loads back (it does not without)', async () => {
    await tf.setBackend('cpu');
    const model = tfl.sequential({ layers: [tfl.layers.separableConv2d({ inputShape: [5, 5, 2], filters: 3, kernelSize: 3, depthMultiplier: 2 })] });
    await expect(roundTrip(model, false)).rejects.toThrow();
    const loaded = await roundTrip(model, true);
    const x = tf.randomNormal([1, 5, 5, 2]);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
  });
});
