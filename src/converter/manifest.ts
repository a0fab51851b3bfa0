// Describes a converted model with the app's manifest (src/models/manifest.ts). Input size and
// channels come from the model itself; labels and normalization are the user's word, with FER2013
// defaults for 7-class models.
import { parseManifest, type ModelManifest, type Normalization } from '../models/manifest.ts';
import { EMOTIONS } from '../classify/labels.ts';
import { ConversionError } from './errors.ts';

/** FER2013's own class order (0 = angry … 6 = neutral), what most FER2013 Keras models output. */
export const FER2013_LABELS: string[] = [...EMOTIONS];

export const CONVERTED_BY = 'emotion-lens npm run convert';
export const UNKNOWN_LICENCE = 'unknown (user-supplied model)';

export interface ManifestOptions {
  /** File name of the converted model, recorded as provenance and used for a default id. */
  sourceName: string;
  id?: string;
  name?: string;
  labels?: string[];
  normalization?: Normalization;
  /** Asserted input colour; it must agree with the model's input channels. */
  channels?: 'gray' | 'rgb';
  licence?: string;
  convertedBy?: string;
}

export function slugify(s: string): string {
  const slug = s
    .replace(/\.[a-z0-9]+$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'converted-model';
}

export function buildManifest(
  model: { inputShape: (number | null)[]; outputClasses: number },
  opts: ManifestOptions,
): { manifest: ModelManifest; warnings: string[] } {
  const warnings: string[] = [];
  const [height, width, channels] = model.inputShape;
  if (model.inputShape.length !== 3 || !height || !width) {
    throw new ConversionError(
      `the model's input shape is [${model.inputShape.map(String).join(', ')}]: the app needs a fixed-size image input (height, width, channels)`,
    );
  }
  if (channels !== 1 && channels !== 3) throw new ConversionError(`the model takes ${String(channels)}-channel images: the app supports 1 (gray) or 3 (RGB)`);
  if (opts.channels && (opts.channels === 'gray') !== (channels === 1)) {
    throw new ConversionError(`the colour was given as ${opts.channels} but the model's input has ${channels} channel${channels === 1 ? '' : 's'}`);
  }
  const n = model.outputClasses;
  let labels = opts.labels;
  if (labels) {
    if (labels.length !== n) throw new ConversionError(`${labels.length} labels were given but the model has ${n} outputs`);
  } else if (n === 7) {
    labels = FER2013_LABELS;
    warnings.push(
      `no labels given: assumed FER2013 order (${FER2013_LABELS.join(', ')}). Models trained from image folders ` +
        'usually use alphabetical order instead: give the labels in output order if yours did',
    );
  } else {
    // Generic names keep the model usable (Teachable Machine exports are literally "Class 1", "Class 2").
    labels = Array.from({ length: n }, (_, i) => `class ${i + 1}`);
    warnings.push(`no labels given for a ${n}-class model: named them "class 1".."class ${n}"; give the labels in output order to name them`);
  }
  if (!opts.normalization) warnings.push('no normalization given: assumed minus1to1 (pixels x/127.5 − 1); give the normalization if the model was trained on x/255 (zero1) or raw pixels');
  const id = opts.id ?? slugify(opts.sourceName);
  const manifest = parseManifest(
    {
      id,
      kind: 'classifier',
      name: opts.name ?? `${opts.sourceName} (converted)`,
      format: 'layers',
      modelFile: 'model.json',
      input: { width, height, channels },
      normalization: opts.normalization ?? 'minus1to1',
      labels,
      provenance: { convertedFrom: opts.sourceName, convertedBy: opts.convertedBy ?? CONVERTED_BY },
      licence: opts.licence ?? UNKNOWN_LICENCE,
    },
    `for ${opts.sourceName}`,
  );
  return { manifest, warnings };
}
