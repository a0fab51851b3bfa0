// Rebuilds face-api's FaceExpressionNet (Vincent Mühler / Vladimir Mandic, MIT) as a tfjs layers model,
// so the app loads it like any other classifier. The network definition follows
// node_modules/@vladmandic/face-api/src/faceFeatureExtractor (denseBlock4 ×4, avgPool 7/2, fc 256→7):
//   input 112×112 RGB 0..255 → (x − meanRgb)/255 → dense blocks → avgPool → fc → softmax.
// The weights file is the package's face_expression_model.bin, byte for byte (still uint8-quantised);
// only its tensor names are mapped to layer weights. The (x − mean)/255 step is a 1×1 depthwise
// conv whose tiny weights are in normalize.bin, so the manifest's normalization stays "raw".
// Run: npx tsx models/face-expression/build.mts   (then it checks itself against face-api's own code)
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const PKG = path.resolve(HERE, '../../node_modules/@vladmandic/face-api');
const SRC_MANIFEST = path.join(PKG, 'model/face_expression_model-weights_manifest.json');
const SRC_BIN = path.join(PKG, 'model/face_expression_model.bin');
const MEAN_RGB = [122.782, 117.001, 104.298]; // FaceFeatureExtractor.forwardInput

await tf.setBackend('cpu');

// --- network definition (layer names = source tensor prefixes with "/" → "_") ---
const input = tfl.input({ shape: [112, 112, 3], name: 'image' });
let x = tfl.layers.depthwiseConv2d({ kernelSize: 1, name: 'normalize' }).apply(input) as tfl.SymbolicTensor;
const sep = (t: tfl.SymbolicTensor, name: string, filters: number, stride: number) =>
  tfl.layers.separableConv2d({ kernelSize: 3, filters, strides: stride, padding: 'same', name }).apply(t) as tfl.SymbolicTensor;
const relu = (t: tfl.SymbolicTensor, name: string) => tfl.layers.reLU({ name }).apply(t) as tfl.SymbolicTensor;
const add = (ts: tfl.SymbolicTensor[], name: string) => tfl.layers.add({ name }).apply(ts) as tfl.SymbolicTensor;
[32, 64, 128, 256].forEach((ch, b) => {
  const p = `dense${b}`;
  const first =
    b === 0
      ? (tfl.layers.conv2d({ kernelSize: 3, filters: ch, strides: 2, padding: 'same', name: `${p}_conv0` }).apply(x) as tfl.SymbolicTensor)
      : sep(x, `${p}_conv0`, ch, 2);
  const out1 = relu(first, `${p}_relu0`);
  const out2 = sep(out1, `${p}_conv1`, ch, 1);
  const out3 = sep(relu(add([out1, out2], `${p}_add1`), `${p}_relu1`), `${p}_conv2`, ch, 1);
  const out4 = sep(relu(add([out1, out2, out3], `${p}_add2`), `${p}_relu2`), `${p}_conv3`, ch, 1);
  x = relu(add([out1, out2, out3, out4], `${p}_add3`), `${p}_relu3`);
});
x = tfl.layers.averagePooling2d({ poolSize: 7, strides: 2, padding: 'valid', name: 'avgpool' }).apply(x) as tfl.SymbolicTensor;
x = tfl.layers.flatten({ name: 'flatten' }).apply(x) as tfl.SymbolicTensor;
const output = tfl.layers.dense({ units: 7, activation: 'softmax', name: 'fc' }).apply(x) as tfl.SymbolicTensor;
const model = tfl.model({ inputs: input, outputs: output, name: 'face_expression_net' });

// --- weights: rename the package's tensors to the layer weights they are ---
const rename = (n: string): string =>
  n
    .replace(/^fc\/weights$/, 'fc/kernel')
    .replace(/\/filters$/, '/kernel')
    .replace(/\/depthwise_filter$/, '/depthwise_kernel')
    .replace(/\/pointwise_filter$/, '/pointwise_kernel')
    .replace(/^(dense\d)\/(conv\d)\//, '$1_$2/');
const srcGroups = JSON.parse(readFileSync(SRC_MANIFEST, 'utf8')) as { weights: tf.io.WeightsManifestEntry[]; paths: string[] }[];
if (srcGroups.length !== 1) throw new Error('expected one weights group');
const srcSpecs = srcGroups[0].weights;
const specs = srcSpecs.map((w) => ({ ...w, name: rename(w.name) }));
const normSpecs: tf.io.WeightsManifestEntry[] = [
  { name: 'normalize/depthwise_kernel', shape: [1, 1, 3, 1], dtype: 'float32' },
  { name: 'normalize/bias', shape: [3], dtype: 'float32' },
];
const normData = new Float32Array([1 / 255, 1 / 255, 1 / 255, ...MEAN_RGB.map((m) => -m / 255)]);

const expected = new Set(model.weights.map((w) => w.originalName));
const provided = new Set([...specs, ...normSpecs].map((s) => s.name));
for (const n of expected) if (!provided.has(n)) throw new Error(`no source tensor for layer weight ${n}`);
for (const n of provided) if (!expected.has(n)) throw new Error(`source tensor ${n} maps to no layer weight`);

const topology = model.toJSON(undefined, false) as unknown as tf.io.ModelJSON['modelTopology'];
const modelJson = {
  format: 'layers-model',
  generatedBy: 'models/face-expression/build.mts',
  convertedBy: null,
  modelTopology: topology,
  weightsManifest: [
    { paths: ['face_expression_model.bin'], weights: specs },
    { paths: ['normalize.bin'], weights: normSpecs },
  ],
};
const bin = readFileSync(SRC_BIN);
writeFileSync(path.join(HERE, 'model.json'), JSON.stringify(modelJson));
writeFileSync(path.join(HERE, 'face_expression_model.bin'), bin);
writeFileSync(path.join(HERE, 'normalize.bin'), Buffer.from(normData.buffer));

// --- self-check: same probabilities as face-api's forward pass on random faces. face-api's bundled
// build does not load in Node here, so its forward pass is transcribed op for op from its source
// (FaceFeatureExtractor.forwardInput, denseBlock4, depthwiseSeparableConv, FaceProcessor.runNet,
// FaceExpressionNet.forwardInput) and run on the package's own tensor names.
const loaded = await tfl.loadLayersModel({
  load: async () => {
    const all = Buffer.concat([bin, Buffer.from(normData.buffer)]);
    return { modelTopology: topology, weightSpecs: [...specs, ...normSpecs], weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.length) };
  },
});
const W = tf.io.decodeWeights(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length), srcSpecs);
const sepConv = (t: tf.Tensor4D, p: string, stride: [number, number]) =>
  tf.add(tf.separableConv2d(t, W[`${p}/depthwise_filter`] as tf.Tensor4D, W[`${p}/pointwise_filter`] as tf.Tensor4D, stride, 'same'), W[`${p}/bias`]) as tf.Tensor4D;
const denseBlock4 = (t: tf.Tensor4D, p: string, first: boolean) => {
  const out1 = tf.relu(
    first ? tf.add(tf.conv2d(t, W[`${p}/conv0/filters`] as tf.Tensor4D, [2, 2], 'same'), W[`${p}/conv0/bias`]) : sepConv(t, `${p}/conv0`, [2, 2]),
  ) as tf.Tensor4D;
  const out2 = sepConv(out1, `${p}/conv1`, [1, 1]);
  const in3 = tf.relu(tf.add(out1, out2)) as tf.Tensor4D;
  const out3 = sepConv(in3, `${p}/conv2`, [1, 1]);
  const in4 = tf.relu(tf.add(out1, tf.add(out2, out3))) as tf.Tensor4D;
  const out4 = sepConv(in4, `${p}/conv3`, [1, 1]);
  return tf.relu(tf.add(out1, tf.add(out2, tf.add(out3, out4)))) as tf.Tensor4D;
};
const reference = (batch: tf.Tensor4D) =>
  tf.tidy(() => {
    let out = tf.div(tf.sub(batch, tf.tensor1d(MEAN_RGB)), 255) as tf.Tensor4D;
    out = denseBlock4(out, 'dense0', true);
    out = denseBlock4(out, 'dense1', false);
    out = denseBlock4(out, 'dense2', false);
    out = denseBlock4(out, 'dense3', false);
    out = tf.avgPool(out, [7, 7], [2, 2], 'valid');
    return tf.softmax(tf.add(tf.matMul(tf.reshape(out, [out.shape[0], -1]), W['fc/weights'] as tf.Tensor2D), W['fc/bias']));
  });
const pixels = tf.randomUniform([4, 112, 112, 3], 0, 255, 'float32', 7) as tf.Tensor4D;
const ours = (loaded.predict(pixels) as tf.Tensor).dataSync();
const theirs = reference(pixels).dataSync();
let maxDiff = 0;
for (let i = 0; i < ours.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ours[i] - theirs[i]));
console.log('max |layers model − face-api forward| over 4 random 112×112 inputs:', maxDiff.toExponential(2));
if (!(maxDiff < 1e-5)) throw new Error('rebuilt model disagrees with face-api');

const sha = (f: string) => createHash('sha256').update(readFileSync(path.join(HERE, f))).digest('hex');
for (const f of ['model.json', 'face_expression_model.bin', 'normalize.bin']) console.log(sha(f), f);
