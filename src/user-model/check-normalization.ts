// In the page: runs a freshly read model on the bundled sample faces under each normalization and
// guesses which one it was trained with (normalization-guess.ts).
import type * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { buildManifest } from '../converter/manifest';
import { guessNormalization, type NormalizationGuess } from './normalization-guess';
import { loadSamplePhotos, runOnSampleFaces } from './sample-faces';

let photos: Promise<tf.Tensor3D[]> | undefined;

export async function checkNormalizations(
  read: { model: LayersModel | GraphModel; inputShape: (number | null)[]; outputClasses: number; source: string },
  base: string,
): Promise<NormalizationGuess> {
  photos ??= loadSamplePhotos(base).catch((e: unknown) => {
    photos = undefined; // try again next time
    throw e;
  });
  const { manifest } = buildManifest(read, { sourceName: read.source });
  const predict = (batch: tf.Tensor4D): tf.Tensor => {
    const out = read.model.predict(batch) as tf.Tensor | tf.Tensor[];
    return Array.isArray(out) ? out[0] : out;
  };
  return guessNormalization(runOnSampleFaces(predict, await photos, manifest));
}
