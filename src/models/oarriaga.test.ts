// The app's own emotion models (models/mini-xception, models/big-xception): a fresh `npm run models`
// conversion equals the committed files, and the new big-Xception reproduces the conversion the app
// shipped before (models/emotion-xception, @vladmandic/human's graph model of the same Keras file)
// on real FER2013 face crops. Skipped, with a note, where ../shared is absent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmotionClassifier } from '../classify/classifier';
import { cropFaces } from '../classify/preprocess';
import { readDataset } from '../eval/dataset';
import { loadImage } from '../imageio/index.ts';
import { fileModelSource } from './node-source';
import { resolveModel } from './registry';
import { OARRIAGA_MODELS } from './sources';
import { initNodeBackend, MODELS_DIR } from '../node/tf-node';
import { convertOne, folderDigest, SHARED_KERAS } from '../../scripts/models';

const FER = path.resolve(SHARED_KERAS, '../data/fer2013-publictest');
const present = OARRIAGA_MODELS.every((m) => fs.existsSync(path.join(SHARED_KERAS, m.sourceFile))) && fs.existsSync(FER);
if (!present) console.warn(`[models] ../shared not found at ${path.dirname(SHARED_KERAS)}: skipping the conversion checks of models/`);

/** Real face crops: the first 12 images of every class (84), whole image as the crop. */
const PER_CLASS = 12;

describe.skipIf(!present)('the app\'s own models, from their Keras originals', () => {
  let tmp = '';
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'models-test-'));
    await initNodeBackend('wasm');
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it.each(OARRIAGA_MODELS.map((m) => [m.id, m] as const))('%s: a fresh conversion equals the committed files', (id, spec) => {
    const committed = path.join(MODELS_DIR, id);
    const prev = JSON.parse(fs.readFileSync(path.join(committed, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const carry = Object.fromEntries(['card'].filter((k) => k in prev).map((k) => [k, prev[k]]));
    const out = path.join(tmp, id);
    const manifest = convertOne(spec, SHARED_KERAS, out, carry);
    expect(folderDigest(out), 'run `npm run models` after a converter change').toEqual(folderDigest(committed));
    expect((manifest.provenance as Record<string, string>).sourceFile).toBe(spec.sourceFile);
  }, 120_000);

  it('big-xception reproduces the previously shipped conversion within 1e-4 on real face crops', async () => {
    const source = fileModelSource(MODELS_DIR);
    const load = async (id: string) => {
      const r = await resolveModel(source, id);
      return EmotionClassifier.load(r.manifest, r.model);
    };
    const [ours, human] = await Promise.all([load('big-xception'), load('emotion-xception')]);
    const { samples } = await readDataset(FER);
    const picked = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'].flatMap((l) => samples.filter((s) => s.label === l).slice(0, PER_CLASS));
    const crops: tf.Tensor4D[] = [];
    for (const s of picked) {
      const img = await loadImage(s.file);
      crops.push(
        tf.tidy(() => {
          const frame = tf.browser.fromPixels({ data: new Uint8Array(img.data), width: img.width, height: img.height } as unknown as ImageData);
          return cropFaces(frame, [{ cx: img.width / 2, cy: img.height / 2, side: img.width, angle: 0 }], ours.manifest);
        }),
      );
    }
    const batch = tf.concat(crops, 0);
    crops.forEach((c) => c.dispose());
    const a = ours.predict(batch);
    const b = human.predict(batch);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
    const agree = tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(a, 1), tf.argMax(b, 1)), 'float32')).dataSync()[0]);
    console.log(`[models] big-xception vs emotion-xception on ${picked.length} FER2013 crops: max |Δp| ${diff.toExponential(2)}, same top class ${(agree * 100).toFixed(1)}%`);
    expect(picked.length).toBe(7 * PER_CLASS);
    expect(diff).toBeLessThanOrEqual(1e-4);
    [a, b, batch].forEach((t) => t.dispose());
    ours.dispose();
    human.dispose();
  }, 120_000);
});

describe('the app\'s own models as committed', () => {
  it.each(OARRIAGA_MODELS.map((m) => [m.id] as const))('%s: the committed files are the folded conversion, written as a graph model', (id) => {
    const dir = path.join(MODELS_DIR, id);
    const model = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as { format: string; modelTopology: { node: { op: string }[] } };
    expect(model.format).toBe('graph-model');
    const ops = model.modelTopology.node.map((n) => n.op);
    expect(ops).toContain('_FusedConv2D');
    expect(ops.filter((op) => /BatchNorm/.test(op))).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { format: string; provenance: { folding?: string; written?: string } };
    expect(manifest.format).toBe('graph');
    expect(manifest.provenance.folding).toMatch(/^\d+ BatchNormalization and \d+ activation layers merged/);
    expect(manifest.provenance.written).toBe('tfjs graph model');
  });
});
