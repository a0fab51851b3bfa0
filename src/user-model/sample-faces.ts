// The bundled sample faces: boxes (sample-faces.json, built by build-sample-faces.ts) in the demo
// photos the page already ships. "Use my model" runs a new model on them under each normalization.
import * as tf from '@tensorflow/tfjs-core';
import type { NormalizedBox } from '../crop/crop-box';
import { cropBatch } from '../classify/preprocess';
import type { ModelManifest, Normalization } from '../models/manifest';
import { NORMALIZATIONS } from '../models/manifest';
import boxes from './sample-faces.json';

export type SampleFaces = { photo: string; boxes: [number, number, number, number][] }[];
export const SAMPLE_FACES = boxes as SampleFaces;

/** Class probabilities of every sample face, per normalization: [normalization][face][class]. */
export type SampleOutputs = Record<Normalization, number[][]>;

/**
 * Runs the model on every sample face (photos as RGB 0..255 [h, w, 3], in SAMPLE_FACES order)
 * under each normalization. Input size, channels and gray weights come from the manifest.
 */
export function runOnSampleFaces(
  predict: (batch: tf.Tensor4D) => tf.Tensor,
  photos: tf.Tensor3D[],
  manifest: ModelManifest,
  faces: SampleFaces = SAMPLE_FACES,
): SampleOutputs {
  const out = {} as SampleOutputs;
  for (const normalization of NORMALIZATIONS) {
    out[normalization] = faces.flatMap(({ boxes: b }, i) => {
      if (b.length === 0) return [];
      return tf.tidy(() => {
        const batch = cropBatch(photos[i], b as NormalizedBox[], { ...manifest, normalization });
        return (predict(batch).arraySync() as number[][]).map((row) => row.map(Number));
      });
    });
  }
  return out;
}

/** Fetches the demo photos (same origin, already cached by the service worker) as RGB tensors. */
export async function loadSamplePhotos(base: string): Promise<tf.Tensor3D[]> {
  return Promise.all(
    SAMPLE_FACES.map(async ({ photo }) => {
      const res = await fetch(`${base}demo/${photo}`);
      if (!res.ok) throw new Error(`the sample photo ${photo} could not be loaded (${res.status})`);
      const bitmap = await createImageBitmap(await res.blob());
      const t = tf.browser.fromPixels(bitmap, 3);
      bitmap.close();
      return t;
    }),
  );
}
