// npm run convert -- <model.h5|model.keras|weights.h5> [--arch architecture.json] --out <dir> [--no-fold] [--format auto|graph|layers]
//   [--labels a,b,c] [--normalize minus1to1|zero1|raw] [--channels gray|rgb] [--id id] [--name name] [--licence text]
// Converts a Keras model to a TensorFlow.js model plus the app's manifest.json: a graph model when every
// layer maps to TensorFlow ops (--format auto, the default), else a layers model.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { NORMALIZATIONS, type Normalization } from '../src/models/manifest.ts';
import { convertKerasToFiles, ConversionError } from '../src/converter/index.ts';
import { writeFiles } from '../src/converter/save-node.ts';

const USAGE =
  'usage: npm run convert -- <model.h5|model.keras|weights.h5> [--arch architecture.json] --out <dir> [--no-fold] [--format auto|graph|layers] ' +
  '[--labels a,b,c] [--normalize minus1to1|zero1|raw] [--channels gray|rgb] [--id id] [--name name] [--licence text]';

class UsageError extends Error {}

function readInput(p: string, what: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(p));
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      arch: { type: 'string' },
      out: { type: 'string' },
      labels: { type: 'string' },
      normalize: { type: 'string' },
      channels: { type: 'string' },
      id: { type: 'string' },
      name: { type: 'string' },
      licence: { type: 'string' },
      'no-fold': { type: 'boolean' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'give exactly one model file' : USAGE);
  if (!values.out) throw new UsageError('--out <dir> is required');
  const normalization = values.normalize as Normalization | undefined;
  if (normalization !== undefined && !NORMALIZATIONS.includes(normalization)) {
    throw new UsageError(`--normalize must be one of ${NORMALIZATIONS.join(', ')}`);
  }
  const channels = values.channels;
  if (channels !== undefined && channels !== 'gray' && channels !== 'rgb') throw new UsageError('--channels must be gray or rgb');
  const output = values.format ?? 'auto';
  if (output !== 'auto' && output !== 'graph' && output !== 'layers') throw new UsageError('--format must be auto, graph or layers');
  const labels = values.labels?.split(',').map((l) => l.trim());

  const mainPath = positionals[0];
  const started = performance.now();
  // tfjs warns on stderr about tfjs-node on first use; this tool's stderr is for its own errors.
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  const { files, manifest, summary, warnings, layersBecause } = await convertKerasToFiles(
    { main: readInput(mainPath, 'model file'), arch: values.arch ? readInput(values.arch, 'architecture file') : undefined },
    {
      mainName: path.basename(mainPath),
      archName: values.arch ? path.basename(values.arch) : undefined,
      fold: !values['no-fold'],
      sourceName: path.basename(mainPath),
      id: values.id,
      name: values.name,
      labels,
      normalization,
      channels,
      licence: values.licence,
      output,
    },
  );
  await writeFiles(files, values.out);
  const ms = Math.round(performance.now() - started);
  const [h, w, c] = summary.inputShape;
  console.log(`converted ${path.basename(mainPath)} → ${path.join(values.out, 'model.json')}`);
  console.log(`  format   ${summary.format}`);
  console.log(`  written  ${manifest.format === 'graph' ? 'tfjs graph model' : `tfjs layers model${layersBecause ? ` (no graph: ${layersBecause})` : ''}`}`);
  console.log(`  layers   ${summary.layerCount} (${summary.weightCount} weight tensors)`);
  console.log(
    values['no-fold']
      ? '  folding  off (--no-fold)'
      : `  folding  ${summary.folded.batchNorms} BatchNormalization and ${summary.folded.activations} activation layers merged into the layer before them`,
  );
  console.log(`  input    ${String(h)}×${String(w)}×${String(c)}, normalization ${manifest.normalization}`);
  console.log(`  classes  ${summary.outputClasses}: ${manifest.labels?.join(', ')}`);
  console.log(`  time     ${ms} ms`);
  for (const warning of warnings) console.log(`  warning: ${warning}`);
}

main().catch((e: unknown) => {
  const known = e instanceof ConversionError || e instanceof UsageError ||
    String((e as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
  // The converter speaks the page's words; here the architecture file is given with --arch.
  const message = (e instanceof Error ? e.message : String(e)).replace('add the architecture JSON file', 'add the architecture JSON file with --arch');
  console.error(known ? `convert: ${message}` : `convert: unexpected failure: ${message.split('\n')[0]}`);
  process.exit(known ? 1 : 2);
});
