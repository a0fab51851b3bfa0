// "Use my model": a user's own model is converted/loaded in the page, its labels drive the bars,
// it survives a reload, and the built-in model comes back on request.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { test, expect, waitForFaces } from './fixtures';

const SHARED_KERAS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/keras');

/** A small 4-class CNN saved as a tfjs layers folder (model.json + weights.bin), built here. */
async function writeTinyTfjsModel(): Promise<string[]> {
  await tf.setBackend('cpu');
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [32, 32, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
      tfl.layers.globalAveragePooling2d({}),
      tfl.layers.dense({ units: 4, activation: 'softmax' }),
    ],
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'tiny-model-'));
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      writeFileSync(
        path.join(dir, 'model.json'),
        JSON.stringify({
          format: 'layers-model',
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
        }),
      );
      writeFileSync(path.join(dir, 'weights.bin'), Buffer.from(artifacts.weightData as ArrayBuffer));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  return [path.join(dir, 'model.json'), path.join(dir, 'weights.bin')];
}

test('a TensorFlow.js model folder replaces the built-in model, survives a reload, and can be reset', async ({ page }) => {
  const files = await writeTinyTfjsModel();
  await page.goto('/?backend=wasm');
  await waitForFaces(page, 3);
  await page.getByTestId('user-model').locator('summary').click();
  await page.getByTestId('user-model-input').setInputFiles(files);
  await expect(page.getByTestId('user-model-summary')).toContainText('4 classes');
  await expect(page.getByTestId('user-model-labels')).toHaveValue('class 1, class 2, class 3, class 4');
  await page.getByTestId('user-model-labels').fill('calm, joy, anger, awe');
  await page.getByTestId('user-model-use').click();
  await expect(page.getByTestId('model-name')).toContainText('model.json');

  // Bars follow the model's own four classes.
  const card = page.getByTestId('face-result').first();
  await expect(card.getByTestId('prob-awe')).toBeVisible();
  await expect(card.getByTestId('prob-happy')).toHaveCount(0);
  const faces = await waitForFaces(page, 3);
  expect(Object.keys(faces[0].probs)).toEqual(['calm', 'joy', 'anger', 'awe']);
  // It replaces the quality levels' ensemble, and the quality control says so.
  expect(await page.evaluate(() => window.emotionApp.getQuality())).toMatchObject({ level: null, reason: expect.stringMatching(/your own model .* replaces the built-in models/) });
  await expect(page.getByTestId('setting-quality')).toBeDisabled();
  await expect(page.getByTestId('quality-note')).toContainText('Your own model replaces the built-in models');
  await expect(page.getByTestId('quality')).toContainText('Quality: your own model');

  await page.reload();
  await expect(page.getByTestId('model-name')).toContainText('model.json');
  await waitForFaces(page, 3);
  await expect(page.getByTestId('face-result').first().getByTestId('prob-calm')).toBeVisible();

  await page.getByTestId('user-model').locator('summary').click();
  await page.getByTestId('user-model-reset').click();
  await expect(page.getByTestId('face-result').first().getByTestId('prob-happy')).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.emotionApp.getQuality()?.level)).not.toBeNull();
  await expect(page.getByTestId('setting-quality')).toBeEnabled();
  await page.reload();
  await expect(page.getByTestId('model-name')).not.toContainText('model.json');
});

test('a wrong file for "Use my model" gives a clear message and keeps the built-in model', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await waitForFaces(page, 3);
  await page.getByTestId('user-model').locator('summary').click();
  await page.getByTestId('user-model-input').setInputFiles({
    name: 'model.h5',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n'),
  });
  await expect(page.getByTestId('user-model-error')).toContainText('Git LFS pointer');
  await expect(page.getByTestId('face-result').first().getByTestId('prob-happy')).toBeVisible();
});

test('a real Keras FER2013 model (.h5) converts in the page and labels faces', async ({ page }) => {
  const file = path.join(SHARED_KERAS, 'sequential_cnn_fer2013.h5');
  test.skip(!existsSync(file), `../shared/keras is absent (${file}): skipping the real-Keras conversion check`);
  await page.goto('/?backend=wasm');
  await waitForFaces(page, 3);
  await page.getByTestId('user-model').locator('summary').click();
  await page.getByTestId('user-model-input').setInputFiles(file);
  await expect(page.getByTestId('user-model-summary')).toContainText('7 classes', { timeout: 60_000 });
  // Its weights are untrained (see src/converter/README.md): every face gets the same class, and the page says so.
  await expect(page.getByTestId('user-model-same-class')).toContainText('whatever normalization is chosen');
  // This model was trained with alphabetical labels and x/255 (see ../shared/keras/README.md).
  await page.getByTestId('user-model-labels').fill('angry, disgust, fear, happy, neutral, sad, surprise');
  await page.getByTestId('user-model-normalization').selectOption('zero1');
  await page.getByTestId('user-model-use').click();
  await expect(page.getByTestId('model-name')).toContainText('sequential_cnn_fer2013.h5');
  const faces = await waitForFaces(page, 3);
  for (const f of faces) expect(Math.abs(Object.values(f.probs).reduce((a, b) => a + b, 0) - 1)).toBeLessThan(0.01);
});

test('the page finds a Keras model\'s normalization on its sample faces, and keeps the file name in view', async ({ page }) => {
  const file = path.join(SHARED_KERAS, 'cnn_112px_8class.keras');
  test.skip(!existsSync(file), `../shared/keras is absent (${file}): skipping the normalization check`);
  await page.goto('/?backend=wasm');
  await waitForFaces(page, 3);
  await page.getByTestId('user-model').locator('summary').click();
  await expect(page.getByTestId('user-model-fold')).toBeChecked();
  await page.getByTestId('user-model-input').setInputFiles(file);
  await expect(page.getByTestId('user-model-summary')).toContainText('8 classes', { timeout: 60_000 });
  await expect(page.getByTestId('user-model-file')).toContainText('cnn_112px_8class.keras');
  // Trained on x/255 (../shared/keras/README.md): pre-selected, and x/127.5 − 1 shown for what it does.
  await expect(page.getByTestId('user-model-normalization')).toHaveValue('zero1');
  await expect(page.getByTestId('user-model-same-class')).toHaveCount(0);
  await expect(page.getByTestId('user-model-normalization').locator('option[value="minus1to1"]')).toContainText('every sample face');
  await page.getByTestId('user-model-normalization').selectOption('minus1to1');
  await expect(page.getByTestId('user-model-same-class')).toContainText('probably not the one the model was trained with');
  await page.getByTestId('user-model-normalization').selectOption('zero1');
  await page.getByTestId('user-model-use').click();
  await expect(page.getByTestId('model-name')).toContainText('cnn_112px_8class.keras');
  await expect(page.getByTestId('user-model-file')).toContainText('cnn_112px_8class.keras');
});

test('a weights-only Keras file alone asks, in the page\'s words, for the architecture file', async ({ page }) => {
  const file = path.join(SHARED_KERAS, 'sequential_cnn_fer2013_b.weights.keras');
  test.skip(!existsSync(file), `../shared/keras is absent (${file}): skipping`);
  await page.goto('/?backend=wasm');
  await waitForFaces(page, 3);
  await page.getByTestId('user-model').locator('summary').click();
  await page.getByTestId('user-model-input').setInputFiles(file);
  const error = page.getByTestId('user-model-error');
  await expect(error).toContainText('add the architecture JSON file', { timeout: 60_000 });
  await expect(error).not.toContainText('--');
  // Shown inside the model panel, next to the file input.
  await expect(page.getByTestId('user-model').getByTestId('user-model-error')).toBeVisible();
});
