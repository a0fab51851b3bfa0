// A model's manifest is the single source of truth about it: nothing else in the app hard-codes
// input size, channels, normalization or labels.
import { parseQualityLevels, type QualityLevel } from '../quality/levels.ts';

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
  /** What the page shows as the model card: measured, with the command that measured it. */
  card?: ModelCard;
}

export interface ModelCardAccuracy {
  /** Quality level the figure is for (models/index.json), when it is not the model alone. */
  level?: string;
  dataset: string;
  accuracy: number;
  macroF1: number;
  command: string;
}

export interface ModelCard {
  trainedOn: string;
  accuracy: ModelCardAccuracy[];
  weaknesses: string[];
}

export interface ModelIndex {
  detectors: string[];
  classifiers: string[];
  /** quality: "auto" or a level id; autoStart: the level auto uses before anything is timed. */
  defaults: { detector: string; classifier: string; quality?: string; autoStart?: string };
  /** Quality levels, lightest first (src/quality/levels.ts); absent in older indexes. */
  quality?: QualityLevel[];
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
  const { id, kind, name, format, modelFile, input, normalization, grayWeights, labels, range, provenance, licence, sha256, card } = json;
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
    card: card === undefined ? undefined : parseCard(card, fail),
  };
}

function parseCard(card: unknown, fail: (msg: string) => never): ModelCard {
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0);
  const unit = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;
  if (!isRecord(card)) return fail('"card" must be an object {trainedOn, accuracy, weaknesses}');
  if (typeof card.trainedOn !== 'string' || !card.trainedOn) fail('"card.trainedOn" must be a non-empty string');
  if (!strings(card.weaknesses)) fail('"card.weaknesses" must be a list of non-empty strings');
  if (!Array.isArray(card.accuracy)) return fail('"card.accuracy" must be a list');
  const accuracy = card.accuracy.map((a, i): ModelCardAccuracy => {
    const at = `"card.accuracy[${i}]"`;
    if (!isRecord(a)) return fail(`${at} must be an object {dataset, accuracy, macroF1, command}`);
    if (a.level !== undefined && (typeof a.level !== 'string' || !a.level)) fail(`${at}.level must be a non-empty string`);
    if (typeof a.dataset !== 'string' || !a.dataset || typeof a.command !== 'string' || !a.command) fail(`${at} needs "dataset" and "command" strings`);
    if (!unit(a.accuracy) || !unit(a.macroF1)) fail(`${at}: "accuracy" and "macroF1" must be numbers from 0 to 1`);
    return { ...(a.level !== undefined ? { level: a.level as string } : {}), dataset: a.dataset as string, accuracy: a.accuracy as number, macroF1: a.macroF1 as number, command: a.command as string };
  });
  return { trainedOn: card.trainedOn as string, accuracy, weaknesses: card.weaknesses as string[] };
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
  const quality = json.quality === undefined ? undefined : parseQualityLevels(json.quality, classifiers, (msg) => {
    throw new ManifestError('index.json', msg);
  });
  const q = d.quality;
  if (q !== undefined && (typeof q !== 'string' || (q !== 'auto' && !quality?.some((l) => l.id === q)))) {
    throw new ManifestError('index.json', `default quality "${String(q)}" is neither "auto" nor a listed level`);
  }
  const start = d.autoStart;
  if (start !== undefined && (typeof start !== 'string' || !quality?.some((l) => l.id === start))) {
    throw new ManifestError('index.json', `"defaults.autoStart" "${String(start)}" is not a listed quality level`);
  }
  return {
    detectors,
    classifiers,
    defaults: {
      detector: d.detector,
      classifier: d.classifier,
      ...(q !== undefined ? { quality: q as string } : {}),
      ...(start !== undefined ? { autoStart: start as string } : {}),
    },
    ...(quality ? { quality } : {}),
  };
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
