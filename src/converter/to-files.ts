// One call from a Keras file's bytes to everything the app loads: the tfjs model files, folded for
// inference by default and written as a graph model when every layer maps to TensorFlow ops (no
// tfjs-layers code needed to run it), plus manifest.json. Browser-safe (no file system); Node scripts write the
// returned map to a folder.
import type { ModelManifest } from '../models/manifest.ts';
import { graphModelFiles, modelFiles } from './artifacts.ts';
import { GraphUnsupported } from './graph.ts';
import { ConversionError } from './errors.ts';
import { convertKeras, type ConversionResult, type ConvertOptions, type KerasFiles } from './convert.ts';
import { buildManifest, type ManifestOptions } from './manifest.ts';

/**
 * The model files' format: "auto" (default) writes a graph model when every layer maps and a layers
 * model otherwise; "graph" fails when one does not map; "layers" keeps the Keras layer structure.
 */
export type OutputFormat = 'auto' | 'graph' | 'layers';

export interface ConvertedFiles {
  /** model.json, group1-shardNofM.bin and manifest.json, by file name. */
  files: Map<string, Uint8Array>;
  manifest: ModelManifest;
  /** The conversion's description, without the model (it is disposed once serialised). */
  summary: Omit<ConversionResult, 'model'>;
  /** Why an "auto" conversion stayed a layers model (the first layer without a graph mapping). */
  layersBecause?: string;
  /** Conversion and manifest warnings together. */
  warnings: string[];
}

export async function convertKerasToFiles(
  input: KerasFiles,
  opts: ConvertOptions & Omit<ManifestOptions, 'sourceName'> & { sourceName?: string; output?: OutputFormat } = {},
): Promise<ConvertedFiles> {
  const sourceName = opts.sourceName ?? opts.mainName ?? 'model';
  const result = await convertKeras(input, { mainName: opts.mainName ?? sourceName, archName: opts.archName, fold: opts.fold });
  const { model, ...summary } = result;
  try {
    const built = buildManifest(result, { ...opts, sourceName });
    const output = opts.output ?? 'auto';
    let files: Map<string, Uint8Array> | undefined;
    let layersBecause: string | undefined;
    if (output !== 'layers') {
      try {
        files = await graphModelFiles(model, built.manifest.modelFile);
      } catch (e) {
        if (!(e instanceof GraphUnsupported)) throw e;
        if (output === 'graph') throw new ConversionError(`the model cannot be written as a graph model: ${e.message}`);
        layersBecause = e.message;
      }
    }
    const manifest: ModelManifest = { ...built.manifest, format: files ? 'graph' : 'layers' };
    files ??= await modelFiles(model, manifest.modelFile);
    files.set('manifest.json', new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
    return { files, manifest, summary, layersBecause, warnings: [...result.warnings, ...built.warnings] };
  } finally {
    model.dispose();
  }
}
