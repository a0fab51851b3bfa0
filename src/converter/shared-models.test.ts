// Converts every real Keras file in ../shared/keras (see its README for what each one is) and
// scores the FER2013 models on ../shared/data/fer2013-publictest with their own training
// preprocessing. Skipped, with a note, where ../shared is absent (a user's machine).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import h5wasm from 'h5wasm';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { convertKeras, convertKerasToFiles, ConversionError, type ConversionResult } from './index.ts';
import { memoryArtifacts } from './testing/memory-artifacts.ts';
import { loadFerImages, resizeBilinear, scoreOnFer, type FerImage } from './testing/fer2013.ts';
import { conv2d, dense, maxPool2x2, maxPool2x2ChannelsFirst, relu, softmax, type Image } from './testing/reference.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const KERAS = path.resolve(root, '../shared/keras');
const FER = path.resolve(root, '../shared/data/fer2013-publictest');
const present = fs.existsSync(path.join(KERAS, 'README.md')) && fs.existsSync(FER);
if (!present) console.warn(`[converter] ../shared not found at ${path.dirname(KERAS)}: skipping the real-model tests`);

// Subsampled for time (2 CPU cores): every 2nd image per class for the model scored against its
// published accuracy, every 4th for the others; both are fixed, sorted-order picks.
const EVERY_MINI_XCEPTION = 2;
const EVERY_OTHERS = 4;

const FER2013_ORDER = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
// From flow_from_directory on class folders: alphabetical, so neutral is index 4 (see the README).
const ALPHABETICAL = ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise'];

const read = (name: string): Uint8Array => new Uint8Array(fs.readFileSync(path.join(KERAS, name)));

async function timedConvert(main: string, arch?: string): Promise<ConversionResult & { ms: number }> {
  const t0 = performance.now();
  const r = await convertKeras({ main: read(main), arch: arch ? read(arch) : undefined }, { mainName: main, archName: arch });
  const ms = Math.round(performance.now() - t0);
  console.log(`[converter] ${main}: ${r.format}, ${r.layerCount} layers, input [${r.inputShape.join(', ')}], ${r.outputClasses} classes, ${ms} ms`);
  return { ...r, ms };
}

function outputFor(r: ConversionResult, shape: number[]): Float32Array {
  return tf.tidy(() => (r.model.predict(tf.zeros([1, ...shape])) as tf.Tensor).dataSync() as Float32Array);
}

describe.skipIf(!present)('real Keras files in ../shared/keras', () => {
  let allImages: FerImage[] = [];
  const models: ConversionResult[] = [];

  beforeAll(async () => {
    tf.env().set('IS_TEST', true);
    setWasmPaths(path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/'));
    await tf.setBackend('wasm');
    allImages = loadFerImages(FER, EVERY_MINI_XCEPTION);
  });

  afterAll(() => models.forEach((r) => r.model.dispose()));

  it('mini_xception_fer2013.hdf5 (Keras 2.0.5 functional) converts and scores near its published 0.66', async () => {
    const r = await timedConvert('mini_xception_fer2013.hdf5');
    models.push(r);
    expect(r.format).toBe('Keras 2.0.5 full-model HDF5');
    expect(r.inputShape).toEqual([64, 64, 1]);
    expect(r.outputClasses).toBe(7);
    const s = scoreOnFer(r.model, allImages, FER2013_ORDER, 2 / 255, -1); // x/255, then (x − 0.5)·2
    console.log(`[converter] mini-Xception on ${s.n} FER2013 PublicTest images: accuracy ${s.accuracy.toFixed(4)}, macro-F1 ${s.macroF1.toFixed(3)}`);
    expect(s.accuracy).toBeGreaterThanOrEqual(0.6);
  });

  // The app's two built-in classifiers are these files folded and written as graph models
  // (convertKerasToFiles): the saved files, loaded back, must compute what the unfolded Keras layers compute.
  for (const file of ['mini_xception_fer2013.hdf5', 'fer2013_big_XCEPTION.54-0.66.hdf5']) {
    it(`${file}: folded graph-model files equal the unfolded model within 1e-4 on FER2013 faces`, async () => {
      const { files, manifest, summary } = await convertKerasToFiles({ main: read(file) }, { mainName: file, normalization: 'minus1to1' });
      expect(manifest.format).toBe('graph');
      expect(summary.folded.batchNorms).toBeGreaterThan(0);
      const ops = (JSON.parse(new TextDecoder().decode(files.get('model.json'))) as { modelTopology: { node: { op: string }[] } }).modelTopology.node.map((n) => n.op).filter((op) => op !== 'Const');
      const folded = await loadGraphModel(tf.io.fromMemory(memoryArtifacts(files)));
      const unfolded = await convertKeras({ main: read(file) }, { fold: false });
      expect(ops.some((op) => /BatchNorm|BiasAdd/.test(op))).toBe(false); // every BN folded, every bias in a fused convolution
      expect(ops.length).toBeLessThan(unfolded.model.layers.length); // fewer graph ops than Keras layers, each op one kernel
      const faces = tf.tidy(() => tf.concat(allImages.slice(0, 8).map((im) => tf.tensor(resizeBilinear(im.gray, im.width, im.height, 64, 64).map((v) => v / 127.5 - 1), [1, 64, 64, 1]))));
      const a = (unfolded.model.predict(faces) as tf.Tensor).dataSync();
      const b = (folded.predict(faces) as tf.Tensor).dataSync();
      expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-4);
      tf.dispose(faces);
      folded.dispose();
      unfolded.model.dispose();
    });
  }

  // Both sequential_cnn files hold weights that never left their Glorot-uniform initialisation
  // (≈99% of every kernel lies inside ±sqrt(6/(fan_in+fan_out)), with the init's RMS): the
  // models output the class prior for any face, so no conversion can score them above the
  // majority class, whatever the README expects. What the tests can and do check is that the
  // conversion computes exactly what the file's weights define, and that finding itself.
  for (const [main, arch, format] of [
    ['sequential_cnn_fer2013.h5', undefined, 'Keras 2.12.0 full-model HDF5'],
    ['sequential_cnn_fer2013_b.weights.keras', 'sequential_cnn_fer2013_b.arch.json', 'Keras 2.12.0 weights-only HDF5 + architecture JSON'],
  ] as const) {
    describe(main, () => {
      let r: ConversionResult;
      let kernels: Record<string, { shape: number[]; data: Float32Array }>;

      beforeAll(async () => {
        r = await timedConvert(main, arch);
        models.push(r);
        kernels = await readWeightsDirectly(main, ['conv2d', 'conv2d_1', 'conv2d_2', 'conv2d_3', 'dense', 'dense_1']);
      });

      it('converts as a 48×48×1, 7-class model', () => {
        expect(r.format).toBe(format);
        expect(r.inputShape).toEqual([48, 48, 1]);
        expect(r.outputClasses).toBe(7);
      });

      it('computes what the weights define (checked against plain-JS conv/pool/dense)', () => {
        for (const img of allImages.filter((_, i) => i % 700 === 0)) {
          const x = img.gray.map((v) => v / 255);
          const got = tf.tidy(() => (r.model.predict(tf.tensor4d(x, [1, 48, 48, 1])) as tf.Tensor).dataSync());
          const want = sequentialReference(x, kernels);
          want.forEach((v, i) => expect(Math.abs(got[i] - v)).toBeLessThan(1e-4));
        }
      });

      it('has untrained weights, so it scores at the majority-class rate', () => {
        for (const name of ['conv2d_1', 'conv2d_2', 'conv2d_3', 'dense']) {
          const { shape, data } = kernels[`${name}/kernel`];
          const field = shape.length === 4 ? shape[0] * shape[1] : 1;
          const limit = Math.sqrt(6 / (field * (shape[shape.length - 2] + shape[shape.length - 1])));
          const inside = data.filter((v) => Math.abs(v) <= limit).length / data.length;
          expect(inside, `${name}: share of weights inside the Glorot init range`).toBeGreaterThan(0.97);
        }
        const images = allImages.filter((_, i) => i % (EVERY_OTHERS / EVERY_MINI_XCEPTION) === 0);
        const s = scoreOnFer(r.model, images, ALPHABETICAL, 1 / 255, 0);
        console.log(`[converter] ${main} on ${s.n} FER2013 PublicTest images: accuracy ${s.accuracy.toFixed(4)}, macro-F1 ${s.macroF1.toFixed(3)}`);
        expect(s.accuracy).toBeLessThan(0.3);
      });
    });
  }

  // EmoPy: channels_last Conv2D, channels_first MaxPooling2D (pooling over width and channels).
  describe('emopy_conv_025 (Conv2D channels_last, MaxPooling2D channels_first)', () => {
    let faces: Float32Array[];
    beforeAll(() => {
      // Raw pixels 0–255 at 48×48, as EmoPy trained; one face of each class.
      faces = FER2013_ORDER.map((label) => allImages.find((im) => im.label === label) as FerImage).map((im) => resizeBilinear(im.gray, im.width, im.height, 48, 48));
    });

    for (const [main, arch] of [['emopy_conv_025.hdf5', undefined], ['emopy_conv_025.weights.h5', 'emopy_conv_025.arch.json']] as const) {
      it(`${main}${arch ? ` + ${arch}` : ''} matches the plain-loop forward pass`, async () => {
        const r = await timedConvert(main, arch);
        models.push(r);
        // The two saves come from different training runs: each is checked against its own weights.
        const kernels = await readWeightsDirectly(main, ['conv2d_1', 'conv2d_2', 'conv2d_3', 'conv2d_4', 'dense_1']);
        expect(r.inputShape).toEqual([48, 48, 1]);
        expect(r.outputClasses).toBe(3);
        let maxRel = 0;
        let spread = 0;
        for (const face of faces) {
          const got = tf.tidy(() => (r.model.predict(tf.tensor(face, [1, 48, 48, 1])) as tf.Tensor).dataSync() as Float32Array);
          const want = emopyReference(face, kernels);
          spread = Math.max(spread, ...want);
          want.forEach((v, i) => (maxRel = Math.max(maxRel, Math.abs(got[i] - v) / Math.max(1, Math.abs(v)))));
        }
        expect(spread).toBeGreaterThan(0); // the final ReLU does not zero everything
        expect(maxRel).toBeLessThan(1e-4);
      });
    }
  });

  it('mobilenetv2_teachable_machine.h5 (nested Sequential → Sequential → MobileNetV2) converts', async () => {
    const r = await timedConvert('mobilenetv2_teachable_machine.h5');
    models.push(r);
    expect(r.format).toBe('Keras 2.4.0 full-model HDF5');
    expect(r.inputShape).toEqual([224, 224, 3]);
    expect(r.outputClasses).toBe(2);
    expect(r.layerCount).toBeGreaterThan(150);
    const out = outputFor(r, [224, 224, 3]);
    expect(out[0] + out[1]).toBeCloseTo(1, 5);
    // Folding inside nested models (MobileNetV2's 52 BatchNormalizations, ReLU6) changes nothing.
    expect(r.folded.batchNorms).toBeGreaterThan(40);
    const unfolded = await convertKeras({ main: read('mobilenetv2_teachable_machine.h5') }, { fold: false });
    const x = tf.randomUniform([2, 224, 224, 3], -1, 1, 'float32', 7);
    const a = (r.model.predict(x) as tf.Tensor).dataSync();
    const b = (unfolded.model.predict(x) as tf.Tensor).dataSync();
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-4);
    tf.dispose(x);
    unfolded.model.dispose();
  });

  it('cnn_112px_8class.keras (Keras 3 zip) converts', async () => {
    const r = await timedConvert('cnn_112px_8class.keras');
    models.push(r);
    expect(r.format).toBe('Keras 3.13.1 .keras zip');
    expect(r.inputShape).toEqual([112, 112, 1]);
    expect(r.outputClasses).toBe(8);
    expect(outputFor(r, [112, 112, 1]).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('lfs_pointer_not_a_model.h5 is rejected as a Git LFS pointer', async () => {
    const e = await convertKeras({ main: read('lfs_pointer_not_a_model.h5') }, { mainName: 'lfs_pointer_not_a_model.h5' }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ConversionError);
    expect((e as Error).message).toBe('lfs_pointer_not_a_model.h5: this is a Git LFS pointer, not the model: run git lfs pull');
  });

  it('the weights-only file alone is rejected for lack of an architecture', async () => {
    const e = await convertKeras({ main: read('sequential_cnn_fer2013_b.weights.keras') }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ConversionError);
    expect((e as Error).message).toContain('holds weights only (saved with save_weights) and no architecture');
  });
});

/** Reads "<layer>/kernel" and "<layer>/bias" straight from the HDF5 file, bypassing the converter. */
async function readWeightsDirectly(file: string, layers: string[]): Promise<Record<string, { shape: number[]; data: Float32Array }>> {
  const { FS } = await h5wasm.ready;
  if (!FS) throw new Error('h5wasm has no file system');
  FS.writeFile('/shared-test.h5', fs.readFileSync(path.join(KERAS, file)));
  const f = new h5wasm.File('/shared-test.h5', 'r');
  const prefix = f.keys().includes('model_weights') ? 'model_weights/' : '';
  const out: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const l of layers) {
    for (const v of ['kernel', 'bias']) {
      const d = f.get(`${prefix}${l}/${l}/${v}:0`) as InstanceType<typeof h5wasm.Dataset>;
      out[`${l}/${v}`] = { shape: d.shape ?? [], data: d.value as Float32Array };
    }
  }
  f.close();
  FS.unlink('/shared-test.h5');
  return out;
}

/** EmoPy's conv_025 written out: conv×2, channels_first pool (over w and c), conv×2, same pool, dense, ReLU. */
function emopyReference(x: Float32Array, w: Record<string, { shape: number[]; data: Float32Array }>): Float32Array {
  const convRelu = (img: Image, name: string): Image => {
    const { shape, data } = w[`${name}/kernel`];
    const out = conv2d(img, data, shape[0], shape[1], shape[3], w[`${name}/bias`].data);
    return { ...out, data: relu(out.data) };
  };
  let img: Image = { h: 48, w: 48, c: 1, data: x };
  img = maxPool2x2ChannelsFirst(convRelu(convRelu(img, 'conv2d_1'), 'conv2d_2'));
  img = maxPool2x2ChannelsFirst(convRelu(convRelu(img, 'conv2d_3'), 'conv2d_4'));
  return relu(dense(img.data, w['dense_1/kernel'].data, 3, w['dense_1/bias'].data));
}

/** The sequential_cnn architecture (README + arch JSON) written out: conv×2, pool, conv, pool, conv, pool, dense×2. */
function sequentialReference(x: Float32Array, w: Record<string, { shape: number[]; data: Float32Array }>): Float32Array {
  const convRelu = (img: Image, name: string): Image => {
    const { shape, data } = w[`${name}/kernel`];
    const out = conv2d(img, data, shape[0], shape[1], shape[3], w[`${name}/bias`].data);
    return { ...out, data: relu(out.data) };
  };
  let img: Image = { h: 48, w: 48, c: 1, data: x };
  img = maxPool2x2(convRelu(convRelu(img, 'conv2d'), 'conv2d_1'));
  img = maxPool2x2(convRelu(img, 'conv2d_2'));
  img = maxPool2x2(convRelu(img, 'conv2d_3'));
  const hidden = relu(dense(img.data, w['dense/kernel'].data, w['dense/kernel'].shape[1], w['dense/bias'].data));
  return softmax(dense(hidden, w['dense_1/kernel'].data, 7, w['dense_1/bias'].data));
}
