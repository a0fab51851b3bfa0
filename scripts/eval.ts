// npm run eval -- <dataset-dir> [--no-detect] [--model <id-or-dir>] [--json] [--every k]
// Scores the app's pipeline (same crop/preprocessing code as the browser) on a labelled image folder.
import { initNodeBackend } from '../src/node/tf-node';
import { readDataset, subsample } from '../src/eval/dataset';
import { buildEvalPipeline, evaluate, loadClassifier } from '../src/eval/runner';
import { formatConfusion } from '../src/eval/metrics';
import { DEFAULT_SYNTH, synthPhotoFrame, type SynthOptions } from '../src/eval/synth';
import { TTA_MODES, type TtaMode } from '../src/classify/preprocess';
import { DEFAULT_PIPELINE_SETTINGS, DEFAULT_SECONDARY_MODEL, type PipelineSettings } from '../src/pipeline/pipeline';

const USAGE = `usage: npm run eval -- <dataset-dir> [--no-detect] [--model <id-or-dir>] [--json] [--every <k>]
  <dataset-dir>   one sub-folder per class (angry, disgust, fear, happy, sad, surprise, neutral or aliases)
  --no-detect     each image is already a face crop (FER2013): classify the whole image
  --model         classifier id from models/index.json, or a folder with a manifest.json
  --json          print one JSON line {accuracy, macroF1, perClass, confusion, labels, n, noFace, msPerImage}
  --every <k>     score every k-th image of each class (quick runs)
  --tta <mode>    test-time augmentation: none, flip, flip-zoom (default: the app's default)
  --align-eyes / --no-align-eyes   rotate crops so the eyes are level (detect mode)
  --ensemble <id-or-dir>:<w> | off   average with a second model, weight w (e.g. face-expression:0.3);
                  default: the app's default ensemble with the default model, none with --model
  --synth-photo [min,max]   detect-path test on face crops: each crop upscaled onto a 480×360 canvas
                  and rotated by min..max degrees (default 15,25), built in memory
  --margin <x>    crop margin around the detector box, fraction of its side`;

function parseArgs(argv: string[]) {
  const o = { dir: '', detect: true, model: undefined as string | undefined, json: false, every: 1, synth: undefined as SynthOptions | undefined, ensemble: undefined as { model: string; weight: number } | 'off' | undefined, settings: {} as Partial<PipelineSettings> };
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
    } else if (a === '--ensemble') {
      const v = value();
      if (v === 'off') {
        o.ensemble = 'off';
        continue;
      }
      const i = v.lastIndexOf(':');
      const weight = Number(v.slice(i + 1));
      if (i <= 0 || !(weight >= 0 && weight <= 1)) throw new Error('--ensemble takes <id-or-dir>:<weight 0..1>');
      o.ensemble = { model: v.slice(0, i), weight };
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
  const classifier = await loadClassifier(args.model);
  const pipeline = await buildEvalPipeline(classifier, args.settings);
  // Same ensemble as the app unless told otherwise; a user's own model (--model) runs alone.
  const ensemble =
    args.ensemble === 'off'
      ? null
      : (args.ensemble ??
        (!args.model && DEFAULT_PIPELINE_SETTINGS.ensembleWeight > 0
          ? { model: DEFAULT_SECONDARY_MODEL, weight: DEFAULT_PIPELINE_SETTINGS.ensembleWeight }
          : null));
  if (ensemble) {
    pipeline.setSecondaryClassifier(await loadClassifier(ensemble.model));
    pipeline.configure({ ensembleWeight: ensemble.weight });
  } else pipeline.configure({ ensembleWeight: 0 });
  const progress = !args.json && process.stderr.isTTY;
  const r = await evaluate(pipeline, samples, {
    detect: args.detect,
    makeFrame: args.synth ? (img, i) => synthPhotoFrame(img, i, args.synth) : undefined,
    onProgress: progress ? (d, t) => d % 50 === 0 && process.stderr.write(`\r${d}/${t}`) : undefined,
  });
  if (progress) process.stderr.write('\r');
  pipeline.dispose();
  if (args.json) {
    console.log(JSON.stringify(r));
    return;
  }
  const pct = (v: number) => (v * 100).toFixed(1).padStart(5);
  console.log(`dataset   ${dataset.root} (${samples.length} images${args.every > 1 ? `, every ${args.every}th` : ''})`);
  if (dataset.ignoredFolders.length) console.log(`ignored   folders that are no emotion: ${dataset.ignoredFolders.join(', ')}`);
  console.log(`model     ${classifier.manifest.id} (${classifier.manifest.name}); backend ${backend}; ${args.detect ? 'detect faces' : 'images are face crops'}${args.synth ? `; synthetic photos, faces ${args.synth.faceSize}px rotated ${args.synth.minDeg}..${args.synth.maxDeg}°` : ''}`);
  const st = pipeline.currentSettings;
  console.log(`settings  tta ${st.tta}, alignEyes ${st.alignEyes}, ensemble ${ensemble ? `${ensemble.model} weight ${st.ensembleWeight}` : 'off'}, margin ${args.detect ? st.margin : '0 (whole image)'}`);
  console.log(`n         ${r.n}`);
  console.log(`no face   ${r.noFace}`);
  console.log(`accuracy  ${r.accuracy.toFixed(4)}`);
  console.log(`macro-F1  ${r.macroF1.toFixed(4)}`);
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
