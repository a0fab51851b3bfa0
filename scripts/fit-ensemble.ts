// npm run fit-ensemble [-- --every k] [--dry-run]
// Chooses each quality level's combination (weights, logit or probability mean) and temperature on
// FER2013 PublicTest (../shared/data/fer2013-publictest) only, and writes the numbers into
// models/index.json (nothing else: no image, no per-image output is committed). Weights maximise
// accuracy (ties: lower NLL); the temperature minimises NLL (temperature scaling, Guo et al. 2017).
// Model outputs are computed with the app's own preprocessing (cropAndResize of the whole image to
// the model input, gray, normalization: classify/preprocess.finishViews), batched for speed, and
// cached in .cache/fit-ensemble/ so reruns only redo the search.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { finishViews } from '../src/classify/preprocess';
import { readDataset, subsample, EMOTIONS } from '../src/eval/dataset';
import { loadClassifier, modelLabelMap } from '../src/eval/runner';
import { calibration, fitTemperature, meanNll, softmaxRow } from '../src/eval/calibration';
import { computeMetrics, confusionMatrix } from '../src/eval/metrics';
import { loadImage } from '../src/imageio/index.ts';
import { initNodeBackend } from '../src/node/tf-node';
import { parseModelIndex } from '../src/models/manifest';
import type { Combine, QualityLevel } from '../src/quality/levels';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FER = path.resolve(ROOT, '../shared/data/fer2013-publictest');
const INDEX = path.join(ROOT, 'models/index.json');
const CACHE = path.join(ROOT, '.cache/fit-ensemble');
const BATCH = 128;

type Rows = number[][];
/** outputs[model][view] = N × 7 probabilities in EMOTIONS order; view 0 = plain, 1 = mirror. */
type Outputs = Record<string, [Rows, Rows]>;

async function modelOutputs(files: string[], modelIds: string[], every: number): Promise<Outputs> {
  const cacheFile = path.join(CACHE, `outputs-every${every}-${modelIds.join('+')}.json`);
  const stamp = modelIds.map((id) => fs.statSync(path.join(ROOT, 'models', id, 'manifest.json')).mtimeMs).join(',');
  if (fs.existsSync(cacheFile)) {
    const c = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { stamp: string; n: number; outputs: Outputs };
    if (c.stamp === stamp && c.n === files.length) return c.outputs;
  }
  const out: Outputs = {};
  const images = await Promise.all(files.map((f) => loadImage(f)));
  for (const id of modelIds) {
    const c = await loadClassifier(id);
    const perm = modelLabelMap(c.labels); // model index → EMOTIONS index
    const plain: Rows = [];
    const mirror: Rows = [];
    for (let s = 0; s < images.length; s += BATCH) {
      const chunk = images.slice(s, s + BATCH);
      const probs = tf.tidy(() => {
        const frames = tf.cast(tf.stack(chunk.map((img) => tf.browser.fromPixels({ data: new Uint8Array(img.data), width: img.width, height: img.height } as unknown as ImageData))), 'float32') as tf.Tensor4D;
        // Whole image as the crop: the box the pipeline uses with margin 0 (runner.evaluate, --no-detect).
        const rgb = tf.image.cropAndResize(frames, tf.tensor2d(chunk.flatMap(() => [0, 0, 1, 1]), [chunk.length, 4]), tf.range(0, chunk.length, 1, 'int32') as tf.Tensor1D, [c.manifest.input.height, c.manifest.input.width], 'bilinear');
        return c.predict(finishViews(rgb, c.manifest, 'flip'));
      });
      const data = await probs.array();
      probs.dispose();
      const reorder = (row: number[]) => {
        const r = new Array<number>(EMOTIONS.length).fill(0);
        row.forEach((v, i) => (r[perm[i]] = v));
        return r;
      };
      plain.push(...data.slice(0, chunk.length).map(reorder));
      mirror.push(...data.slice(chunk.length).map(reorder));
      if (process.stderr.isTTY) process.stderr.write(`\r${id}: ${Math.min(s + BATCH, images.length)}/${images.length}`);
    }
    if (process.stderr.isTTY) process.stderr.write('\n');
    c.dispose();
    out[id] = [plain, mirror];
  }
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(cacheFile, JSON.stringify({ stamp, n: files.length, outputs: out }));
  return out;
}

/** The ensemble's z (before the temperature) per sample: same formula as classify/ensemble.ts. */
function combine(outputs: Outputs, members: { model: string; weight: number }[], how: Combine, views: number): Rows {
  const n = outputs[members[0].model][0].length;
  const k = EMOTIONS.length;
  const log = (v: number) => Math.log(Math.max(v, 1e-6));
  return Array.from({ length: n }, (_, i) => {
    const z = new Array<number>(k).fill(0);
    for (let c = 0; c < k; c++) {
      let acc = 0;
      for (let v = 0; v < views; v++) {
        let s = 0;
        for (const m of members) s += m.weight * (how === 'prob' ? outputs[m.model][v][i][c] : log(outputs[m.model][v][i][c]));
        acc += s;
      }
      z[c] = how === 'prob' ? log(acc / views) : acc / views;
    }
    return z;
  });
}

function score(z: Rows, truth: number[], t: number) {
  const probs = z.map((r) => softmaxRow(r, t));
  const pred = probs.map((p) => p.indexOf(Math.max(...p)));
  const m = computeMetrics(confusionMatrix(truth, pred, EMOTIONS.length), [...EMOTIONS]);
  const cal = calibration(probs.map((p) => Math.max(...p)), pred.map((p, i) => p === truth[i]));
  return { accuracy: m.accuracy, macroF1: m.macroF1, ece: cal.ece, nll: meanNll(probs, truth) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { every: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
  const every = Math.max(1, Number(values.every ?? 1) || 1);
  if (!fs.existsSync(FER)) {
    console.error(`fit-ensemble: FER2013 PublicTest not found at ${FER}`);
    process.exit(1);
  }
  const rawIndex = JSON.parse(fs.readFileSync(INDEX, 'utf8')) as { quality: Record<string, unknown>[] };
  const index = parseModelIndex(rawIndex);
  const levels = index.quality ?? [];
  const samples = subsample((await readDataset(FER)).samples, every);
  const truth = samples.map((s) => EMOTIONS.indexOf(s.label));
  await initNodeBackend('wasm');
  const modelIds = [...new Set(levels.flatMap((l) => l.members.map((m) => m.model)))];
  const outputs = await modelOutputs(samples.map((s) => s.file), modelIds, every);
  console.log(`PublicTest: ${samples.length} images${every > 1 ? ` (every ${every}th)` : ''}; models ${modelIds.join(', ')}`);
  const fmt = (s: ReturnType<typeof score>) => `acc ${s.accuracy.toFixed(4)}  macro-F1 ${s.macroF1.toFixed(4)}  ECE ${s.ece.toFixed(4)}  NLL ${s.nll.toFixed(4)}`;
  for (const id of modelIds) console.log(`  ${id.padEnd(14)} alone, raw:  ${fmt(score(combine(outputs, [{ model: id, weight: 1 }], 'logit', 1), truth, 1))}`);

  const fitted: Record<string, Pick<QualityLevel, 'members' | 'combine' | 'temperature'>> = {};
  for (const level of levels) {
    const views = level.tta === 'none' ? 1 : 2;
    if (level.tta === 'flip-zoom') throw new Error('fit-ensemble scores plain and mirror views only');
    const models = level.members.map((m) => m.model);
    let best: { members: { model: string; weight: number }[]; how: Combine; s: ReturnType<typeof score> } | null = null;
    // Weight of the first member on a 0.05 grid (a one-model level has nothing to choose).
    const grid = models.length === 1 ? [1] : Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
    if (models.length > 2) throw new Error('fit-ensemble searches weights for levels of one or two models');
    for (const how of ['logit', 'prob'] as Combine[]) {
      for (const w of grid) {
        const members = models.length === 1 ? [{ model: models[0], weight: 1 }] : [{ model: models[0], weight: w }, { model: models[1], weight: Number((1 - w).toFixed(2)) }];
        const s = score(combine(outputs, members, how, views), truth, 1);
        if (!best || s.accuracy > best.s.accuracy + 1e-12 || (Math.abs(s.accuracy - best.s.accuracy) < 1e-12 && s.nll < best.s.nll)) best = { members, how, s };
      }
    }
    const z = combine(outputs, best!.members, best!.how, views);
    const t = Number(fitTemperature(z, truth).toFixed(3));
    console.log(`${level.id.padEnd(9)} ${best!.members.map((m) => `${m.model} ${m.weight}`).join(' + ')}, ${best!.how} mean, tta ${level.tta}`);
    console.log(`          T = 1:      ${fmt(score(z, truth, 1))}`);
    console.log(`          T = ${t}: ${fmt(score(z, truth, t))}`);
    fitted[level.id] = { members: best!.members, combine: best!.how, temperature: t };
  }
  if (values['dry-run'] || every > 1) {
    console.log(every > 1 ? 'subset: models/index.json left unchanged (fit on the full set to write it)' : 'dry run: models/index.json left unchanged');
    return;
  }
  for (const raw of rawIndex.quality) Object.assign(raw, fitted[raw.id as string]);
  fs.writeFileSync(INDEX, `${JSON.stringify(rawIndex, null, 2)}\n`);
  console.log('wrote the weights, combinations and temperatures into models/index.json');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
