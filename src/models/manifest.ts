// A model's manifest is the single source of truth about it: nothing else in the app hard-codes
// input size, channels, normalization or labels.

export type Normalization = 'minus1to1' | 'zero1' | 'raw';
export const NORMALIZATIONS: readonly Normalization[] = ['minus1to1', 'zero1', 'raw'];

export type ModelKind = 'classifier' | 'detector';
export type ModelFormat = 'graph' | 'layers';

export interface ModelInput {
  width: number;
  height: number;
  channels: 1 | 3;
}

export interface ModelManifest {
  id: string;
  kind: ModelKind;
  name: string;
  format: ModelFormat;
  /** Path of the tfjs model.json, relative to the manifest. */
  modelFile: string;
  input: ModelInput;
  normalization: Normalization;
  /** RGB → gray weights for 1-channel models (the ones used in training). */
  grayWeights?: [number, number, number];
  /** Classifier output labels, in output order. */
  labels?: string[];
  /** Detector range: 'short' (selfie distance) or 'full' (faces several metres away). */
  range?: 'short' | 'full';
  provenance: Record<string, string>;
  licence: string;
  sha256?: Record<string, string>;
}

export interface ModelIndex {
  detectors: string[];
  classifiers: string[];
  defaults: { detector: string; classifier: string };
}

/** ITU-R BT.601 luma, what OpenCV's cvtColor (and so most Keras FER2013 pipelines) uses. */
export const DEFAULT_GRAY_WEIGHTS: [number, number, number] = [0.2989, 0.587, 0.114];

export class ManifestError extends Error {
  constructor(where: string, message: string) {
    super(`Model manifest ${where}: ${message}`);
    this.name = 'ManifestError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function positiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** Validates untrusted JSON (from disk, the network or a user's upload) into a manifest. */
export function parseManifest(json: unknown, where = '(unnamed)'): ModelManifest {
  const fail = (msg: string): never => {
    throw new ManifestError(where, msg);
  };
  if (!isRecord(json)) return fail('is not a JSON object');
  const { id, kind, name, format, modelFile, input, normalization, grayWeights, labels, range, provenance, licence, sha256 } = json;
  if (typeof id !== 'string' || !id) fail('"id" must be a non-empty string');
  if (kind !== 'classifier' && kind !== 'detector') fail('"kind" must be "classifier" or "detector"');
  if (format !== 'graph' && format !== 'layers') fail('"format" must be "graph" or "layers"');
  if (typeof modelFile !== 'string' || !modelFile) fail('"modelFile" must name the model.json file');
  if (!isRecord(input)) return fail('"input" must be an object {width, height, channels}');
  if (!positiveInt(input.width) || !positiveInt(input.height)) fail('"input.width" and "input.height" must be positive integers');
  if (input.channels !== 1 && input.channels !== 3) fail('"input.channels" must be 1 or 3');
  if (!NORMALIZATIONS.includes(normalization as Normalization)) {
    fail(`"normalization" must be one of ${NORMALIZATIONS.join(', ')}`);
  }
  if (grayWeights !== undefined) {
    if (!Array.isArray(grayWeights) || grayWeights.length !== 3 || !grayWeights.every((w) => typeof w === 'number')) {
      fail('"grayWeights" must be three numbers (R, G, B)');
    }
  }
  if (kind === 'classifier') {
    if (!Array.isArray(labels) || labels.length < 2 || !labels.every((l) => typeof l === 'string' && l.length > 0)) {
      fail('a classifier needs "labels": at least two non-empty strings, in output order');
    }
    if (new Set(labels as string[]).size !== (labels as string[]).length) fail('"labels" must be unique');
  }
  if (range !== undefined && range !== 'short' && range !== 'full') fail('"range" must be "short" or "full"');
  if (provenance !== undefined && !isRecord(provenance)) fail('"provenance" must be an object');
  if (typeof licence !== 'string' || !licence) fail('"licence" must be a non-empty string');
  return {
    id: id as string,
    kind: kind as ModelKind,
    name: typeof name === 'string' && name ? name : (id as string),
    format: format as ModelFormat,
    modelFile: modelFile as string,
    input: { width: input.width as number, height: input.height as number, channels: input.channels as 1 | 3 },
    normalization: normalization as Normalization,
    grayWeights: (grayWeights as [number, number, number] | undefined) ??
      (input.channels === 1 ? DEFAULT_GRAY_WEIGHTS : undefined),
    labels: labels as string[] | undefined,
    range: range as 'short' | 'full' | undefined,
    provenance: (provenance as Record<string, string> | undefined) ?? {},
    licence: licence as string,
    sha256: isRecord(sha256) ? (sha256 as Record<string, string>) : undefined,
  };
}

export function parseModelIndex(json: unknown): ModelIndex {
  if (!isRecord(json)) throw new ManifestError('index.json', 'is not a JSON object');
  const list = (k: string): string[] => {
    const v = json[k];
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) {
      throw new ManifestError('index.json', `"${k}" must be a list of model ids`);
    }
    return v as string[];
  };
  const detectors = list('detectors');
  const classifiers = list('classifiers');
  const d = json.defaults;
  if (!isRecord(d) || typeof d.detector !== 'string' || typeof d.classifier !== 'string') {
    throw new ManifestError('index.json', '"defaults" must name a detector and a classifier');
  }
  if (!detectors.includes(d.detector)) throw new ManifestError('index.json', `default detector "${d.detector}" is not listed`);
  if (!classifiers.includes(d.classifier)) throw new ManifestError('index.json', `default classifier "${d.classifier}" is not listed`);
  return { detectors, classifiers, defaults: { detector: d.detector, classifier: d.classifier } };
}

/** (x·scale + offset) maps 0..255 pixels to the range the model was trained on. */
export function normalizationParams(n: Normalization): { scale: number; offset: number } {
  switch (n) {
    case 'minus1to1':
      return { scale: 2 / 255, offset: -1 }; // x/255 then (x − 0.5)·2
    case 'zero1':
      return { scale: 1 / 255, offset: 0 };
    case 'raw':
      return { scale: 1, offset: 0 };
  }
}
