// Finds the faces in the bundled demo photos (public/demo, face-api's MIT samples) once, with the
// app's own detector, and writes their boxes to sample-faces.json: the faces "Use my model" runs a
// new model on to find its normalization. Run after changing the photos:
//   npx tsx src/user-model/build-sample-faces.ts
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { FaceDetector } from '../detection/face-detector.ts';
import { loadImage } from '../imageio/index.ts';
import { fileModelSource } from '../models/node-source.ts';
import { resolveModel } from '../models/registry.ts';
import { DEMO_PHOTOS } from '../demo/photos.ts';
import { initNodeBackend, MODELS_DIR } from '../node/tf-node.ts';
import type { SampleFaces } from './sample-faces.ts';

tf.env().set('PROD', true);
await initNodeBackend('wasm');
const source = fileModelSource(MODELS_DIR);
const d = await resolveModel(source, 'blazeface-full');
const detector = await FaceDetector.load(d.manifest, d.model, { maxFaces: 10 });
const out: SampleFaces = [];
for (const photo of DEMO_PHOTOS) {
  const img = await loadImage(fileURLToPath(new URL(`../../public/demo/${photo}`, import.meta.url)));
  const rgb = tf.tidy(() => tf.slice(tf.tensor3d(img.data, [img.height, img.width, 4], 'int32'), [0, 0, 0], [-1, -1, 3]));
  const faces = await detector.detect(rgb as tf.Tensor3D);
  rgb.dispose();
  // A square a little larger than the box, centred on it, in [0, 1] frame units (cropAndResize's form).
  const boxes = faces.map(({ box }) => {
    const side = Math.max(box.width, box.height) * 1.2;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const r = (v: number) => Math.round(v * 1e4) / 1e4;
    return [r((cy - side / 2) / img.height), r((cx - side / 2) / img.width), r((cy + side / 2) / img.height), r((cx + side / 2) / img.width)] as [number, number, number, number];
  });
  out.push({ photo, boxes });
  console.log(photo, `${boxes.length} faces`);
}
await writeFile(fileURLToPath(new URL('./sample-faces.json', import.meta.url)), `${JSON.stringify(out)}\n`);
