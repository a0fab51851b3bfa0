// The normalization guess: synthetic outputs for the rule, and real Keras files (../shared) run on
// the bundled sample faces for what a user sees.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { buildManifest, convertKeras } from '../converter/index.ts';
import { loadImage } from '../imageio/index.ts';
import { initNodeBackend } from '../node/tf-node.ts';
import { guessNormalization } from './normalization-guess.ts';
import { runOnSampleFaces, SAMPLE_FACES, type SampleOutputs } from './sample-faces.ts';

const same = (n: number): number[][] => Array.from({ length: n }, () => [0.9, 0.05, 0.05]);
const varied: number[][] = [[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.7, 0.2, 0.1]];

describe('guessNormalization', () => {
  it('prefers the normalization whose faces get different classes', () => {
    const g = guessNormalization({ minus1to1: same(4), zero1: varied, raw: same(4) });
    expect(g.best).toBe('zero1');
    expect(g.allSame).toBe(false);
    expect(g.scores.find((s) => s.normalization === 'minus1to1')).toMatchObject({ classes: 1, onlyClass: 0 });
  });

  it('breaks a tie in classes by how much the outputs spread', () => {
    const soft = varied.map((r) => r.map((v) => (v + 1) / 4));
    const g = guessNormalization({ minus1to1: soft, zero1: soft.map((r) => [...r]), raw: varied });
    expect(g.best).toBe('raw');
  });

  it('says when every face gets the same class whatever is chosen; NaN outputs count for nothing', () => {
    const g = guessNormalization({ minus1to1: same(3), zero1: same(3), raw: [[NaN, NaN, NaN], [NaN, 1, 0]] });
    expect(g.allSame).toBe(true);
    expect(g.best).toBe('minus1to1');
  });
});

const KERAS = path.resolve(fileURLToPath(new URL('../../', import.meta.url)), '../shared/keras');
const present = fs.existsSync(path.join(KERAS, 'README.md'));
if (!present) console.warn(`[user-model] ../shared/keras not found at ${KERAS}: skipping the real-model normalization checks`);

describe.skipIf(!present)('on the bundled sample faces, real Keras files', () => {
  let photos: tf.Tensor3D[] = [];
  beforeAll(async () => {
    tf.env().set('IS_TEST', true);
    await initNodeBackend('wasm');
    photos = await Promise.all(
      SAMPLE_FACES.map(async ({ photo }) => {
        const img = await loadImage(fileURLToPath(new URL(`../../public/demo/${photo}`, import.meta.url)));
        return tf.tidy(() => tf.slice(tf.tensor3d(img.data, [img.height, img.width, 4], 'float32'), [0, 0, 0], [-1, -1, 3])) as tf.Tensor3D;
      }),
    );
  });

  async function outputs(file: string): Promise<SampleOutputs> {
    const r = await convertKeras({ main: new Uint8Array(fs.readFileSync(path.join(KERAS, file))) });
    const { manifest } = buildManifest(r, { sourceName: file });
    const out = runOnSampleFaces((b) => r.model.predict(b) as tf.Tensor, photos, manifest);
    r.model.dispose();
    return out;
  }

  it('has faces to run on', () => {
    expect(SAMPLE_FACES.reduce((n, p) => n + p.boxes.length, 0)).toBeGreaterThanOrEqual(12);
  });

  for (const [file, trained] of [
    ['cnn_112px_8class.keras', 'zero1'],
    ['mini_xception_fer2013.hdf5', 'minus1to1'],
    ['emopy_conv_025.hdf5', 'raw'],
  ] as const) {
    it(`${file}: picks ${trained}, what it was trained with`, async () => {
      expect(guessNormalization(await outputs(file)).best).toBe(trained);
    });
  }

  it('sequential_cnn_fer2013.h5 (untrained): every face gets the same class whatever is chosen', async () => {
    expect(guessNormalization(await outputs('sequential_cnn_fer2013.h5')).allSame).toBe(true);
  });
});
