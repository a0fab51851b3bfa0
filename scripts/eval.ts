// npm run eval -- <dataset-dir> [--no-detect] [--quality <level>|--model <id-or-dir>] [--json] [--every k] [--plots DIR]
// Scores the app's pipeline (same crop/preprocessing code as the browser) on a labelled image folder.
import fs from 'node:fs';
import path from 'node:path';
import { initNodeBackend, MODELS_DIR } from '../src/node/tf-node';
import { readDataset, subsample } from '../src/eval/dataset';
import { buildEvalPipeline, evaluate, loadClassifier } from '../src/eval/runner';
import { formatConfusion } from '../src/eval/metrics';
import { confusionSvg, reliabilitySvg } from '../src/eval/plots';
import { DEFAULT_SYNTH, synthPhotoFrame, type SynthOptions } from '../src/eval/synth';
import { TTA_MODES, type TtaMode } from '../src/classify/preprocess';
import { EmotionEnsemble } from '../src/classify/ensemble';
import type { PipelineSettings } from '../src/pipeline/pipeline';
import { fileModelSource } from '../src/models/node-source';
import { loadIndex } from '../src/models/registry';
import { AUTO } from '../src/quality/levels';
import { AutoQuality } from '../src/quality/auto';
import { qualityModelsFrom } from '../src/quality/quality-models';

const USAGE = `usage: npm run eval -- <dataset-dir> [--no-detect] [--quality <level> | --model <id-or-dir>] [--json] [--every <k>] [--plots <dir>]
  <dataset-dir>   one sub-folder per class (angry, disgust, fear, happy, sad, surprise, neutral or aliases)
  --no-detect     each image is already a face crop (FER2013): classify the whole image
  --quality <q>   a quality level of models/index.json (fast, balanced, best) or auto (default: the app's
                  default, auto, which scores the level auto starts with: defaults.autoStart)
  --model         one classifier instead of a quality level: an id from models/index.json or a folder
                  with a manifest.json (a user's model)
  --json          print one JSON line {quality, accuracy, macroF1, ece, reliability, perClass, confusion, labels, n, noFace, msPerImage}
  --plots <dir>   write the reliability diagram and the confusion matrix there as SVG
  --every <k>     score every k-th image of each class (quick runs)
  --tta <mode>    test-time augmentation for --model: none, flip, flip-zoom (a level has its own)
  --align-eyes / --no-align-eyes   rotate crops so the eyes are level (detect mode)
  --synth-photo [min,max]   detect-path test on face crops: each crop upscaled onto a 480×360 canvas
                  and rotated by min..max degrees (default 15,25), built in memory
  --margin <x>    crop margin around the detector box, fraction of its side`;

function parseArgs(argv: string[]) {
  const o = { dir: '', detect: true, model: undefined as string | undefined, quality: undefined as string | undefined, plots: undefined as string | undefined, json: false, every: 1, synth: undefined as SynthOptions | undefined, settings: {} as Partial<PipelineSettings> };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--no-detect') o.detect = false;
    else if (a === '--json') o.json = true;
    else if (a === '--model') o.model = value();
    else if (a === '--tta') {
      const v = value();
      if (!TTA_MODES.includes(v as TtaMode)) throw new Error(`--tta must be one of ${TTA_MODES.join(', ')}`);
      o.settings.tta = v as TtaMode;
    } else if (a === '--align-eyes') o.settings.alignEyes = true;
    else if (a === '--no-align-eyes') o.settings.alignEyes = false;
    else if (a === '--margin') {
      const v = Number(value());
      if (!Number.isFinite(v) || v < -0.5 || v > 2) throw new Error('--margin must be a number between -0.5 and 2');
      o.settings.margin = v;
    } else if (a === '--quality') o.quality = value();
    else if (a === '--plots') {
      o.plots = value();
    } else if (a === '--synth-photo') {
      o.synth = { ...DEFAULT_SYNTH };
      if (argv[i + 1] && /^\d+(\.\d+)?,\d+(\.\d+)?$/.test(argv[i + 1])) {
        const [lo, hi] = value().split(',').map(Number);
        o.synth.minDeg = lo;
        o.synth.maxDeg = hi;
      }
    } else if (a === '--every') o.every = Math.max(1, Number.parseInt(value(), 10) || 1);
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else if (!o.dir) o.dir = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!o.dir) throw new Error('missing <dataset-dir>');
  if (o.synth && !o.detect) throw new Error('--synth-photo tests the detect path: drop --no-detect');
  if (o.model && o.quality) throw new Error('give --quality or --model, not both');
  if (o.settings.tta && !o.model) throw new Error('--tta applies to --model only: a quality level has its own');
  return o;
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const dataset = await readDataset(args.dir);
  const samples = subsample(dataset.samples, args.every);
  const backend = await initNodeBackend('wasm');
  const index = await loadIndex(fileModelSource(MODELS_DIR));
  let quality: { asked: string; level: string; reason: string } | null = null;
  let classifier: EmotionEnsemble;
  const qualityModels = index.quality ? qualityModelsFrom(fileModelSource(MODELS_DIR), index.quality) : null;
  if (args.model) classifier = EmotionEnsemble.single(await loadClassifier(args.model));
  else {
    if (!qualityModels || !index.quality) throw new Error('models/index.json has no quality levels: give --model');
    const asked = args.quality ?? index.defaults.quality ?? AUTO;
    // No camera here: auto scores what it starts with before any frame is timed (the chooser decides).
    const decision = asked === AUTO ? new AutoQuality(index.quality, index.defaults.autoStart).decide(1, 1000 / 30) : null;
    const level = decision?.level ?? asked;
    const loaded = await qualityModels.loadLevel(level);
    if (loaded.notice) console.error(loaded.notice);
    classifier = loaded.ensemble;
    quality = { asked, level: loaded.level.id, reason: decision?.reason ?? 'asked for' };
  }
  const pipeline = await buildEvalPipeline(classifier, args.settings);
  const progress = !args.json && process.stderr.isTTY;
  const r = await evaluate(pipeline, samples, {
    detect: args.detect,
    makeFrame: args.synth ? (img, i) => synthPhotoFrame(img, i, args.synth) : undefined,
    onProgress: progress ? (d, t) => d % 50 === 0 && process.stderr.write(`\r${d}/${t}`) : undefined,
  });
  if (progress) process.stderr.write('\r');
  pipeline.dispose();
  await qualityModels?.dispose();
  const what = quality ? `quality ${quality.level}${quality.asked === AUTO ? ' (auto)' : ''}` : `model ${classifier.manifest.id}`;
  if (args.plots) {
    fs.mkdirSync(args.plots, { recursive: true });
    const tag = (quality?.level ?? classifier.manifest.id).replace(/[^a-z0-9-]+/gi, '-');
    const title = `${what}, ${path.basename(dataset.root)} (${samples.length} images)`;
    const files = [path.join(args.plots, `reliability-${tag}.svg`), path.join(args.plots, `confusion-${tag}.svg`)];
    fs.writeFileSync(files[0], reliabilitySvg(r.reliability, title, r.ece));
    fs.writeFileSync(files[1], confusionSvg(r.confusion, r.labels, args.detect ? [...r.labels, 'noFace'] : r.labels, title));
    if (!args.json) console.log(`plots     ${files.join(', ')}`);
  }
  if (args.json) {
    console.log(JSON.stringify({ quality: quality?.level ?? null, model: quality ? null : classifier.manifest.id, ...r }));
    return;
  }
  const pct = (v: number) => (v * 100).toFixed(1).padStart(5);
  console.log(`dataset   ${dataset.root} (${samples.length} images${args.every > 1 ? `, every ${args.every}th` : ''})`);
  if (dataset.ignoredFolders.length) console.log(`ignored   folders that are no emotion: ${dataset.ignoredFolders.join(', ')}`);
  console.log(`models    ${classifier.describe()}; backend ${backend}; ${args.detect ? 'detect faces' : 'images are face crops'}${args.synth ? `; synthetic photos, faces ${args.synth.faceSize}px rotated ${args.synth.minDeg}..${args.synth.maxDeg}°` : ''}`);
  if (quality) console.log(`quality   ${quality.level}${quality.asked === AUTO ? ` (auto: ${quality.reason})` : ''}`);
  const st = pipeline.currentSettings;
  console.log(`settings  tta ${classifier.tta ?? st.tta}, alignEyes ${st.alignEyes}, margin ${args.detect ? st.margin : '0 (whole image)'}`);
  console.log(`n         ${r.n}`);
  console.log(`no face   ${r.noFace}`);
  console.log(`accuracy  ${r.accuracy.toFixed(4)}`);
  console.log(`macro-F1  ${r.macroF1.toFixed(4)}`);
  console.log(`ECE       ${r.ece.toFixed(4)} (15 bins, top probability)`);
  console.log(`time      ${r.msPerImage.toFixed(1)} ms per image (pipeline only)`);
  console.log('\nclass       recall  precision     F1  support');
  for (const l of r.labels) {
    const c = r.perClass[l];
    if (c.support === 0) continue;
    console.log(`${l.padEnd(10)} ${pct(c.recall)}%    ${pct(c.precision)}% ${pct(c.f1)}%  ${String(c.support).padStart(7)}`);
  }
  console.log('\nconfusion (rows = truth)');
  console.log(formatConfusion(r.confusion, r.labels, args.detect ? [...r.labels, 'noFace'] : r.labels));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
