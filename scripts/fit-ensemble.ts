// npm run fit-ensemble [-- --cv k] [--every k] [--dry-run]
// Chooses each quality level's combination (weights, logit or probability mean) and temperature on
// FER2013 PublicTest (../shared/data/fer2013-publictest) only, and writes the numbers into
// models/index.json (nothing else: no image, no per-image output is committed). Weights maximise
// accuracy (ties: lower NLL); the temperature minimises NLL (temperature scaling, Guo et al. 2017).
// Model outputs are computed with the app's own preprocessing (cropAndResize of the whole image to
// the model input, gray, normalization: classify/preprocess.finishViews), batched for speed, and
// cached in .cache/fit-ensemble/ so reruns only redo the search.
//
// Judged by more than one set: numbers fitted and scored on the same images flatter the fit, so every
// run also reports a k-fold cross-validation within PublicTest (--cv k, default 5; classes dealt
// round-robin into folds): the weights and temperature are fitted on k−1 folds and scored on the
// held-out one, and the held-out predictions of all folds are scored together. Next to it the plain
// average (equal weights, mean of the softmax outputs, nothing fitted) at T = 1 and with its
// temperature fitted out of fold. A level keeps its fitted weights only if they beat the plain average
// out of fold by more than one standard error of the paired difference; otherwise the plain average
// (with its temperature fitted on all of PublicTest) is written.
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
import { splitFold, stratifiedFolds } from '../src/eval/folds';
import { pairedGain } from '../src/eval/paired';
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

function scoreProbs(probs: Rows, truth: number[]) {
  const pred = probs.map((p) => p.indexOf(Math.max(...p)));
  const m = computeMetrics(confusionMatrix(truth, pred, EMOTIONS.length), [...EMOTIONS]);
  const cal = calibration(probs.map((p) => Math.max(...p)), pred.map((p, i) => p === truth[i]));
  return { accuracy: m.accuracy, macroF1: m.macroF1, ece: cal.ece, nll: meanNll(probs, truth) };
}
type Score = ReturnType<typeof scoreProbs>;
const score = (z: Rows, truth: number[], t: number): Score => scoreProbs(z.map((r) => softmaxRow(r, t)), truth);

type Members = { model: string; weight: number }[];
interface Candidate {
  members: Members;
  how: Combine;
  /** z of every sample (before the temperature). */
  z: Rows;
}
interface Fit extends Candidate {
  t: number;
}

const pick = <T>(xs: readonly T[], idx: readonly number[]): T[] => idx.map((i) => xs[i]);

/** Every combination the search tries for a level: weight of the first member on a 0.05 grid × logit/prob. */
function candidates(outputs: Outputs, models: string[], views: number): Candidate[] {
  if (models.length > 2) throw new Error('fit-ensemble searches weights for levels of one or two models');
  const grid = models.length === 1 ? [1] : Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
  return (['logit', 'prob'] as Combine[]).flatMap((how) =>
    grid.map((w) => {
      const members = models.length === 1 ? [{ model: models[0], weight: 1 }] : [{ model: models[0], weight: w }, { model: models[1], weight: Number((1 - w).toFixed(2)) }];
      return { members, how, z: combine(outputs, members, how, views) };
    }),
  );
}

/** The plain average: equal weights, mean of the softmax outputs (of every view), nothing fitted. */
function plainAverage(outputs: Outputs, models: string[], views: number): Candidate {
  const members = models.map((model) => ({ model, weight: Number((1 / models.length).toFixed(6)) }));
  return { members, how: 'prob', z: combine(outputs, members, 'prob', views) };
}

/** Fits on the samples idx: the most accurate candidate (ties: lower NLL at T = 1), then its temperature. */
function fitOn(cands: Candidate[], truth: number[], idx: number[]): Fit {
  const t = pick(truth, idx);
  let best: { c: Candidate; s: Score } | null = null;
  for (const c of cands) {
    const s = score(pick(c.z, idx), t, 1);
    if (!best || s.accuracy > best.s.accuracy + 1e-12 || (Math.abs(s.accuracy - best.s.accuracy) < 1e-12 && s.nll < best.s.nll)) best = { c, s };
  }
  return { ...best!.c, t: Number(fitTemperature(pick(best!.c.z, idx), t).toFixed(3)) };
}

/** k-fold estimate: fit on k−1 folds, predict the held-out one; all held-out predictions scored together. */
function crossValidate(cands: Candidate[], truth: number[], folds: number[], k: number): { s: Score; fits: Fit[]; correct: boolean[] } {
  const probs: Rows = new Array<number[]>(truth.length);
  const fits: Fit[] = [];
  for (let f = 0; f < k; f++) {
    const { train, test } = splitFold(folds, f);
    const fit = fitOn(cands, truth, train);
    fits.push(fit);
    for (const i of test) probs[i] = softmaxRow(fit.z[i], fit.t);
  }
  const correct = probs.map((p, i) => p.indexOf(Math.max(...p)) === truth[i]);
  return { s: scoreProbs(probs, truth), fits, correct };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { every: { type: 'string' }, cv: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
  const every = Math.max(1, Number(values.every ?? 1) || 1);
  const k = Number(values.cv ?? 5);
  if (!Number.isInteger(k) || k < 2 || k > 20) {
    console.error('fit-ensemble: --cv takes a whole number of folds from 2 to 20');
    process.exit(2);
  }
  if (!fs.existsSync(FER)) {
    console.error(`fit-ensemble: FER2013 PublicTest not found at ${FER}`);
    process.exit(1);
  }
  const rawIndex = JSON.parse(fs.readFileSync(INDEX, 'utf8')) as { quality: Record<string, unknown>[] };
  const index = parseModelIndex(rawIndex);
  const levels = index.quality ?? [];
  const samples = subsample((await readDataset(FER)).samples, every);
  const truth = samples.map((s) => EMOTIONS.indexOf(s.label));
  const folds = stratifiedFolds(truth, k);
  await initNodeBackend('wasm');
  const modelIds = [...new Set(levels.flatMap((l) => l.members.map((m) => m.model)))];
  const outputs = await modelOutputs(samples.map((s) => s.file), modelIds, every);
  console.log(`PublicTest: ${samples.length} images${every > 1 ? ` (every ${every}th)` : ''}; models ${modelIds.join(', ')}; ${k}-fold cross-validation (classes dealt round-robin)`);
  const fmt = (s: Score) => `acc ${s.accuracy.toFixed(4)}  macro-F1 ${s.macroF1.toFixed(4)}  ECE ${s.ece.toFixed(4)}  NLL ${s.nll.toFixed(4)}`;
  for (const id of modelIds) console.log(`  ${id.padEnd(14)} alone, raw:  ${fmt(score(combine(outputs, [{ model: id, weight: 1 }], 'logit', 1), truth, 1))}`);
  const describe = (c: Candidate) => `${c.members.map((m) => `${m.model} ${m.weight}`).join(' + ')}, ${c.how} mean`;

  const fitted: Record<string, Pick<QualityLevel, 'members' | 'combine' | 'temperature'>> = {};
  for (const level of levels) {
    const views = level.tta === 'none' ? 1 : 2;
    if (level.tta === 'flip-zoom') throw new Error('fit-ensemble scores plain and mirror views only');
    const models = level.members.map((m) => m.model);
    const cands = candidates(outputs, models, views);
    const all = truth.map((_, i) => i);
    const fit = fitOn(cands, truth, all);
    const plain = plainAverage(outputs, models, views);
    const plainT = Number(fitTemperature(plain.z, truth).toFixed(3));
    const cvFit = crossValidate(cands, truth, folds, k);
    const cvPlain = crossValidate([plain], truth, folds, k);
    console.log(`${level.id} (tta ${level.tta})`);
    console.log(`  fitted       ${describe(fit)}, T ${fit.t}`);
    console.log(`    on all of PublicTest (fitted and scored on it):  ${fmt(score(fit.z, truth, fit.t))}`);
    console.log(`    ${k}-fold, held out:                              ${fmt(cvFit.s)}`);
    console.log(`      per fold: ${cvFit.fits.map((f) => `${describe(f)}, T ${f.t}`).join('; ')}`);
    console.log(`  plain average ${describe(plain)}`);
    console.log(`    T = 1 (nothing fitted):                          ${fmt(score(plain.z, truth, 1))}`);
    console.log(`    T ${String(plainT).padEnd(6)} on all of PublicTest:                ${fmt(score(plain.z, truth, plainT))}`);
    console.log(`    ${k}-fold, temperature held out:                  ${fmt(cvPlain.s)}`);
    // A level with one model has no weights to choose: its fit only picks the temperature (and logit/prob over views).
    // Kept only when the held-out gain is larger than its own noise (one standard error of the paired difference).
    const paired = pairedGain(cvFit.correct, cvPlain.correct);
    const keepFitted = models.length === 1 || paired.gain > paired.se;
    const chosen = keepFitted ? { members: fit.members, combine: fit.how, temperature: fit.t } : { members: plain.members, combine: plain.how, temperature: plainT };
    if (models.length > 1) {
      const pts = (v: number) => (v * 100).toFixed(2);
      console.log(
        `  → ${keepFitted ? 'fitted weights' : 'plain average'}: held out, the fitted weights gain ${pts(paired.gain)} ± ${pts(paired.se)} points over the plain average ` +
          `(${paired.discordant} images read differently)${keepFitted ? '' : ', no more than the noise: the plain average is kept'}`,
      );
    }
    fitted[level.id] = chosen;
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
