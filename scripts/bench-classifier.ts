// Classification time of the two oarriaga Xception models in tfjs WASM (Node), as converted with
// and without BatchNormalization folding, for batches of 1, 3 and 20 faces; big-Xception also as
// the tfjs graph model converted by TF (models/emotion-xception, same weights), and both as the graph
// models this app's converter writes (models/mini-xception, models/big-xception: what the app runs).
// Runs are interleaved (A, B, A, B …) so that load from other processes hits every variant alike;
// compare the ratios, not the milliseconds.
//   npx tsx scripts/bench-classifier.ts [--rounds 15] [--keras ../shared/keras]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import type * as tfl from '@tensorflow/tfjs-layers';
import { convertKeras } from '../src/converter/index.ts';
import { fileModelSource } from '../src/models/node-source.ts';
import { resolveModel } from '../src/models/registry.ts';
import { initNodeBackend, MODELS_DIR } from '../src/node/tf-node.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' }, keras: { type: 'string', default: '../shared/keras' } } });
const ROUNDS = Number(values.rounds);
const BATCHES = [1, 3, 20];

type Runner = (x: tf.Tensor4D) => void;
const run = (m: { predict: (x: tf.Tensor4D) => unknown }): Runner => (x) => {
  const y = m.predict(x) as tf.Tensor;
  y.dataSync();
  y.dispose();
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

tf.env().set('PROD', true);
console.log(`backend ${await initNodeBackend('wasm')}, ${ROUNDS} interleaved rounds per batch size: median ms, median of per-round ratios`);

async function convert(file: string, fold: boolean): Promise<tfl.LayersModel> {
  const r = await convertKeras({ main: new Uint8Array(fs.readFileSync(path.join(values.keras, file))) }, { fold });
  return r.model;
}

const source = fileModelSource(MODELS_DIR);
const shipped = await resolveModel(source, 'emotion-xception');
const graph = await loadGraphModel(shipped.model);

const models: [string, Record<string, { runner: Runner; layers: number | string }>][] = [];
for (const [name, file, id, extra] of [
  ['mini-Xception', 'mini_xception_fer2013.hdf5', 'mini-xception', undefined],
  ['big-Xception', 'fer2013_big_XCEPTION.54-0.66.hdf5', 'big-xception', graph],
] as const) {
  const unfolded = await convert(file, false);
  const folded = await convert(file, true);
  const variants: Record<string, { runner: Runner; layers: number | string }> = {
    unfolded: { runner: run(unfolded), layers: unfolded.layers.length },
    folded: { runner: run(folded), layers: folded.layers.length },
  };
  variants['graph (ours)'] = { runner: run(await loadGraphModel((await resolveModel(source, id)).model)), layers: 'npm run models' };
  if (extra) variants['graph (TF)'] = { runner: run(extra), layers: 'TF-converted' };
  models.push([name, variants]);
}

for (const [name, variants] of models) {
  const names = Object.keys(variants);
  console.log(`\n${name}: ${names.map((n) => `${n} ${variants[n].layers}${typeof variants[n].layers === 'number' ? ' layers' : ''}`).join(', ')}`);
  console.log(`batch | ${names.map((n) => n.padStart(16)).join(' | ')} | folded/unfolded | ours/folded${names.length > 3 ? ' | TF/folded' : ''}`);
  for (const batch of BATCHES) {
    const x = tf.randomUniform([batch, 64, 64, 1], -1, 1) as tf.Tensor4D;
    for (const n of names) for (let i = 0; i < 3; i++) variants[n].runner(x); // warm-up
    const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (let r = 0; r < ROUNDS; r++) {
      // Rotate the order each round so no variant always runs first.
      for (let k = 0; k < names.length; k++) {
        const n = names[(r + k) % names.length];
        const t0 = performance.now();
        variants[n].runner(x);
        times[n].push(performance.now() - t0);
      }
    }
    x.dispose();
    const med = Object.fromEntries(names.map((n) => [n, median(times[n])]));
    const cols = names.map((n) => med[n].toFixed(1).padStart(16)).join(' | ');
    // Ratios of runs made back to back in the same round share the machine's load: their median is steadier
    // than a ratio of medians.
    const paired = (a: string, b: string): string => median(times[a].map((t, i) => t / times[b][i])).toFixed(2);
    const graphRatio = ` | ${paired('graph (ours)', 'folded')}${names.length > 3 ? ` | ${paired('graph (TF)', 'folded')}` : ''}`;
    console.log(`${String(batch).padStart(5)} | ${cols} | ${paired('folded', 'unfolded')}${graphRatio}`);
  }
}
