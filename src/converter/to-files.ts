// One call from a Keras file's bytes to everything the app loads: the tfjs model files, folded for
// inference by default, plus manifest.json. Browser-safe (no file system); Node scripts write the
// returned map to a folder.
import type { ModelManifest } from '../models/manifest.ts';
import { modelFiles } from './artifacts.ts';
import { convertKeras, type ConversionResult, type ConvertOptions, type KerasFiles } from './convert.ts';
import { buildManifest, type ManifestOptions } from './manifest.ts';

export interface ConvertedFiles {
  /** model.json, group1-shardNofM.bin and manifest.json, by file name. */
  files: Map<string, Uint8Array>;
  manifest: ModelManifest;
  /** The conversion's description, without the model (it is disposed once serialised). */
  summary: Omit<ConversionResult, 'model'>;
  /** Conversion and manifest warnings together. */
  warnings: string[];
}

export async function convertKerasToFiles(
  input: KerasFiles,
  opts: ConvertOptions & Omit<ManifestOptions, 'sourceName'> & { sourceName?: string } = {},
): Promise<ConvertedFiles> {
  const sourceName = opts.sourceName ?? opts.mainName ?? 'model';
  const result = await convertKeras(input, { mainName: opts.mainName ?? sourceName, archName: opts.archName, fold: opts.fold });
  const { model, ...summary } = result;
  try {
    const { manifest, warnings } = buildManifest(result, { ...opts, sourceName });
    const files = await modelFiles(model, manifest.modelFile);
    files.set('manifest.json', new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
    return { files, manifest, summary, warnings: [...result.warnings, ...warnings] };
  } finally {
    model.dispose();
  }
}
