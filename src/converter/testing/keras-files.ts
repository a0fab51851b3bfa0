// Test support: writes small Keras files the way Keras 2 (h5py) and Keras 3 lay them out, with
// weights the test chooses, so conversions can be checked against an independent computation.
import h5wasm from 'h5wasm';
import { strToU8, zipSync } from 'fflate';

export interface TestWeight {
  /** Keras 2 weight name, e.g. "conv2d/kernel:0" (also the dataset path inside the layer group). */
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface TestLayerWeights {
  /** Top-level layer name: the group under model_weights (or under the root for save_weights). */
  layer: string;
  weights: TestWeight[];
}

let n = 0;

async function writeH5(fill: (f: InstanceType<typeof h5wasm.File>) => void): Promise<Uint8Array> {
  const { FS } = await h5wasm.ready;
  if (!FS) throw new Error('h5wasm has no file system');
  const path = `/keras-test-${n++}.h5`;
  const f = new h5wasm.File(path, 'w');
  fill(f);
  f.close();
  const bytes = FS.readFile(path);
  FS.unlink(path);
  return bytes;
}

type Group = InstanceType<typeof h5wasm.Group>;

function groupAt(root: Group, path: string): Group {
  let g = root;
  for (const part of path.split('/').filter(Boolean)) {
    g = g.keys().includes(part) ? (g.get(part) as Group) : g.create_group(part);
  }
  return g;
}

function writeLayerWeights(root: Group, layers: TestLayerWeights[]): void {
  root.create_attribute('layer_names', layers.map((l) => l.layer));
  root.create_attribute('backend', 'tensorflow');
  root.create_attribute('keras_version', '2.12.0');
  for (const { layer, weights } of layers) {
    const g = groupAt(root, layer);
    if (weights.length) g.create_attribute('weight_names', weights.map((w) => w.name));
    for (const w of weights) {
      const parts = w.name.split('/');
      const dataset = parts.pop() as string;
      groupAt(g, parts.join('/')).create_dataset({ name: dataset, data: w.data, shape: w.shape, dtype: '<f' });
    }
  }
}

/** Keras 2 model.save("x.h5"): model_config attribute plus a model_weights group. */
export function keras2FullH5(modelConfig: object, layers: TestLayerWeights[]): Promise<Uint8Array> {
  return writeH5((f) => {
    f.create_attribute('model_config', JSON.stringify(modelConfig));
    f.create_attribute('keras_version', '2.12.0');
    f.create_attribute('backend', 'tensorflow');
    writeLayerWeights(f.create_group('model_weights'), layers);
  });
}

/** Keras 2 model.save_weights("x.h5"): the layer groups at the root, no architecture. */
export function keras2WeightsH5(layers: TestLayerWeights[]): Promise<Uint8Array> {
  return writeH5((f) => writeLayerWeights(f, layers));
}

/** Keras 3 model.weights.h5: layers/<name>/vars/<i>, nested models under layers/<name>/layers/... */
export function keras3WeightsH5(vars: Record<string, { shape: number[]; data: Float32Array }[]>): Promise<Uint8Array> {
  return writeH5((f) => {
    for (const [path, list] of Object.entries(vars)) {
      const g = groupAt(f, `${path}/vars`);
      list.forEach((v, i) => g.create_dataset({ name: String(i), data: v.data, shape: v.shape, dtype: '<f' }));
    }
  });
}

export function kerasZip(config: object, weightsH5: Uint8Array): Uint8Array {
  return zipSync({
    'metadata.json': strToU8(JSON.stringify({ keras_version: '3.13.1', date_saved: '2026-01-01@00:00:00' })),
    'config.json': strToU8(JSON.stringify(config)),
    'model.weights.h5': weightsH5,
  });
}

/** Deterministic pseudo-random values in [-1, 1) (a small LCG), so failures are reproducible. */
export function values(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}
