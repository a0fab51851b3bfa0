// Keras (2 or 3) → TensorFlow.js LayersModel, in the browser or in Node. The model file's format
// is told from its bytes; the architecture is normalised for tfjs-layers, the model is built from
// it, then every weight is matched by layer and written after a shape check.
import { strFromU8, unzipSync } from 'fflate';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConversionError } from './errors.ts';
import { readHdf5, stringAttr, type H5Group } from './hdf5.ts';
import { normaliseModel, parseArchitecture } from './keras-config.ts';
import { describeKind, sniff } from './sniff.ts';
import { checkZipCrcs } from './zip-crc.ts';
import { assignWeights, findWeights } from './weights.ts';
import { foldModel, type FoldReport } from './fold.ts';

export interface KerasFiles {
  /** A full-model .h5/.hdf5, a Keras 3 .keras zip, or a weights-only HDF5 from save_weights. */
  main: Uint8Array;
  /** The architecture JSON (model.to_json()) that a weights-only file needs. */
  arch?: string | Uint8Array;
}

export interface ConvertOptions {
  /** File names, only used in messages. */
  mainName?: string;
  archName?: string;
  /**
   * Fold BatchNormalization into the convolution/dense layer before it and merge activation layers
   * into it (exact, fewer tfjs dispatches). Default true; false keeps the Keras layer structure.
   */
  fold?: boolean;
}

export interface ConversionResult {
  model: tfl.LayersModel;
  /** Human description of what was read, e.g. "Keras 2.12.0 full-model HDF5". */
  format: string;
  /** Input shape without the batch dimension, e.g. [48, 48, 1]. */
  inputShape: (number | null)[];
  /** Size of the last axis of the (first) output. */
  outputClasses: number;
  /** Layers converted, nested models' layers included. */
  layerCount: number;
  /** Weight tensors written into the model. */
  weightCount: number;
  /** What folding removed (zeros when fold was false or nothing could be folded). */
  folded: FoldReport;
  warnings: string[];
}

const LFS_MESSAGE = 'this is a Git LFS pointer, not the model: run git lfs pull';

export async function convertKeras(files: KerasFiles, opts: ConvertOptions = {}): Promise<ConversionResult> {
  const mainName = opts.mainName ?? 'the model file';
  const warnings: string[] = [];
  const kind = sniff(files.main);
  let arch: Record<string, unknown>;
  let weights: H5Group;
  let format: string;

  switch (kind) {
    case 'lfs-pointer':
      throw new ConversionError(`${mainName}: ${LFS_MESSAGE}`);
    case 'unknown':
      throw new ConversionError(`${mainName} is neither HDF5 (.h5), a zip (.keras) nor JSON: not a Keras model`);
    case 'json': {
      // parseArchitecture rejects tfjs model.json files and other JSON with a precise message.
      parseArchitecture(strFromU8(files.main), mainName);
      throw new ConversionError(
        `${mainName} is an architecture JSON without weights: give the weights file (from save_weights) as the model and this file as the architecture`,
      );
    }
    case 'zip': {
      const zip = readKerasZip(files.main, mainName);
      arch = zip.arch;
      weights = await readHdf5(zip.weights, `${mainName} (model.weights.h5)`);
      format = `Keras ${zip.version ?? '3'} .keras zip`;
      if (files.arch !== undefined) warnings.push('the .keras file holds its own architecture: the separate architecture file was ignored');
      break;
    }
    case 'hdf5': {
      const root = await readHdf5(files.main, mainName);
      const version = stringAttr(root.attrs.keras_version);
      const config = stringAttr(root.attrs.model_config);
      if (config !== undefined) {
        arch = parseArchitecture(config, `${mainName} (model_config)`);
        format = `Keras ${version ?? '(unknown version)'} full-model HDF5`;
        if (files.arch !== undefined) warnings.push('the HDF5 file holds its own architecture: the separate architecture file was ignored');
      } else {
        if (files.arch === undefined) {
          throw new ConversionError(
            `${mainName} holds weights only (saved with save_weights) and no architecture: add the architecture JSON file (from model.to_json())`,
          );
        }
        arch = readArchitecture(files.arch, opts.archName ?? 'the architecture file');
        format = `Keras ${version ? `${version} ` : ''}weights-only HDF5 + architecture JSON`;
      }
      weights = root;
      break;
    }
  }

  const normalised = normaliseModel(arch, warnings);
  let model: tfl.LayersModel;
  try {
    model = await tfl.models.modelFromJSON({ modelTopology: normalised.topology as tfl.ModelAndWeightsConfig['modelTopology'] });
  } catch (e) {
    throw new ConversionError(`TensorFlow.js could not build the model from its architecture: ${(e as Error).message}`);
  }
  let weightCount = 0;
  try {
    const located = findWeights(weights);
    // A model without weights (only reshaping layers) needs none from the file.
    if (!located && model.weights.length > 0) {
      throw new ConversionError(`${mainName} contains no Keras weights (no model_weights, layer_names or layers/ group)`);
    }
    if (located) weightCount = assignWeights(model, located.group, located.layout, warnings);
  } catch (e) {
    model.dispose();
    throw e;
  }
  let folded: FoldReport = { batchNorms: 0, activations: 0 };
  try {
    const rewritten = await rewrite(model, opts.fold !== false, warnings);
    folded = rewritten.report;
    if (rewritten.model !== model) model.dispose();
    model = rewritten.model;
  } catch (e) {
    model.dispose();
    throw e;
  }
  const inputShape = model.inputs[0].shape.slice(1);
  const outShape = model.outputs[0].shape;
  if (model.inputs.length > 1 || model.outputs.length > 1) {
    warnings.push(`the model has ${model.inputs.length} inputs and ${model.outputs.length} outputs: only the first of each is described`);
  }
  return {
    model,
    format,
    inputShape,
    outputClasses: outShape[outShape.length - 1] ?? 0,
    layerCount: normalised.layerCount,
    weightCount,
    folded,
    warnings,
  };
}

/** Folding is an optimisation: a model it cannot rewrite still converts, unfolded (with a warning). */
async function rewrite(model: tfl.LayersModel, fold: boolean, warnings: string[]): ReturnType<typeof foldModel> {
  try {
    return await foldModel(model, { fold });
  } catch (e) {
    if (e instanceof ConversionError || !fold) throw e;
    warnings.push(`BatchNormalization folding was skipped: ${(e as Error).message}`);
    return foldModel(model, { fold: false });
  }
}

function readArchitecture(arch: string | Uint8Array, what: string): Record<string, unknown> {
  if (typeof arch !== 'string') {
    const kind = sniff(arch);
    if (kind === 'lfs-pointer') throw new ConversionError(`${what}: ${LFS_MESSAGE}`);
    if (kind !== 'json') throw new ConversionError(`${what} should be the JSON from model.to_json(), but it is ${describeKind(kind)}`);
    arch = strFromU8(arch);
  } else if (sniff(new TextEncoder().encode(arch.slice(0, 256))) === 'lfs-pointer') {
    throw new ConversionError(`${what}: ${LFS_MESSAGE}`);
  }
  return parseArchitecture(arch, what);
}

function readKerasZip(bytes: Uint8Array, what: string): { arch: Record<string, unknown>; weights: Uint8Array; version?: string } {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw new ConversionError(`${what} is a damaged zip: it could not be unpacked (${(e as Error).message})`);
  }
  checkZipCrcs(bytes, entries, what);
  const config = entries['config.json'];
  const weights = entries['model.weights.h5'];
  if (!config || !weights) {
    throw new ConversionError(`${what} is a zip but not a Keras 3 .keras file: it lacks ${!config ? 'config.json' : 'model.weights.h5'}`);
  }
  let version: string | undefined;
  if (entries['metadata.json']) {
    try {
      const meta = JSON.parse(strFromU8(entries['metadata.json'])) as { keras_version?: unknown };
      if (typeof meta.keras_version === 'string') version = meta.keras_version;
    } catch {
      // metadata.json is informative only; a broken one does not stop the conversion.
    }
  }
  if (sniff(weights) !== 'hdf5') throw new ConversionError(`${what}: its model.weights.h5 is not an HDF5 file`);
  return { arch: parseArchitecture(strFromU8(config), `${what} (config.json)`), weights, version };
}
