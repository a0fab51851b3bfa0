// Runs the app's own pipeline (src/pipeline, src/classify/preprocess) over a labelled dataset in Node.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { argmax } from '../classify/argmax';
import { EmotionClassifier } from '../classify/classifier';
import type { EmotionEnsemble } from '../classify/ensemble';
import { FaceDetector } from '../detection/face-detector';
import { parseManifest } from '../models/manifest';
import { fileModelHandler, fileModelSource } from '../models/node-source';
import { loadIndex, resolveModel } from '../models/registry';
import { MODELS_DIR } from '../node/tf-node';
import { EmotionPipeline, type PipelineSettings } from '../pipeline/pipeline';
import { EMOTIONS, canonicalEmotion, type Sample } from './dataset';
import { loadImage as readImage, type RgbaImage } from '../imageio/index.ts';
import { computeMetrics, confusionMatrix, type ClassMetrics } from './metrics';
import { calibration, type ReliabilityBin } from './calibration';

export interface EvalResult {
  accuracy: number;
  macroF1: number;
  perClass: Record<string, ClassMetrics>;
  /** Rows = truth (labels), columns = prediction (labels, then "noFace" when detecting). */
  confusion: number[][];
  labels: string[];
  n: number;
  noFace: number;
  /** Expected calibration error of the shown probabilities (15 bins; images with a face). */
  ece: number;
  /** The reliability diagram's bins behind `ece`. */
  reliability: ReliabilityBin[];
  /** Mean wall time per image of the pipeline call (excludes file decoding). */
  msPerImage: number;
}

export interface EvalOptions {
  /** Detect faces first (photos) or treat each image as the face crop (FER2013). */
  detect: boolean;
  /** Builds the frame tensor for an image (default: the image itself); the runner disposes it. */
  makeFrame?: (img: RgbaImage, index: number) => tf.Tensor3D;
  onProgress?: (done: number, total: number) => void;
}

/** Loads a classifier by id from models/index.json, or from a folder holding a manifest.json. */
export async function loadClassifier(idOrDir?: string, modelsDir = MODELS_DIR): Promise<EmotionClassifier> {
  if (idOrDir && existsSync(idOrDir) && statSync(idOrDir).isDirectory()) {
    const file = path.join(idOrDir, 'manifest.json');
    const manifest = parseManifest(JSON.parse(await readFile(file, 'utf8')), file);
    return EmotionClassifier.load(manifest, fileModelHandler(path.join(idOrDir, manifest.modelFile)));
  }
  const source = fileModelSource(modelsDir);
  const index = await loadIndex(source);
  const id = idOrDir ?? index.defaults.classifier;
  if (!index.classifiers.includes(id)) {
    throw new Error(`Unknown model "${id}": not a folder with manifest.json, nor one of ${index.classifiers.join(', ')}`);
  }
  const c = await resolveModel(source, id);
  return EmotionClassifier.load(c.manifest, c.model);
}

export async function loadDetector(id?: string, modelsDir = MODELS_DIR): Promise<FaceDetector> {
  const source = fileModelSource(modelsDir);
  const index = await loadIndex(source);
  const d = await resolveModel(source, id ?? index.defaults.detector);
  return FaceDetector.load(d.manifest, d.model, { maxFaces: 10 });
}

export async function buildEvalPipeline(
  classifier: EmotionClassifier | EmotionEnsemble,
  settings: Partial<PipelineSettings> = {},
  detectorId?: string,
): Promise<EmotionPipeline> {
  return new EmotionPipeline(await loadDetector(detectorId), classifier, settings);
}

/** Index of each model label in EMOTIONS; fails on labels that are no emotion we score. */
export function modelLabelMap(labels: string[]): number[] {
  return labels.map((l) => {
    const c = canonicalEmotion(l);
    if (!c) throw new Error(`Model label "${l}" is not one of ${EMOTIONS.join(', ')} (or a known alias)`);
    return EMOTIONS.indexOf(c);
  });
}

/**
 * Scores the pipeline on the samples. With detect, the pipeline's full per-frame path runs (detector,
 * crop, classifier; the tracker is reset per image so nothing carries over) and the largest face counts;
 * an image without a face is wrong. Without detect, the whole image is the crop (margin forced to 0).
 */
export async function evaluate(pipeline: EmotionPipeline, samples: Sample[], opts: EvalOptions): Promise<EvalResult> {
  const labelToEmotion = modelLabelMap(pipeline.labels);
  const truth: number[] = [];
  const pred: number[] = [];
  let noFace = 0;
  let pipelineMs = 0;
  const confidence: number[] = [];
  const correct: boolean[] = [];
  const top = (probs: number[]) => {
    const i = argmax(probs);
    confidence.push(probs[i]);
    return labelToEmotion[i];
  };
  const saved = pipeline.currentSettings;
  if (!opts.detect) pipeline.configure({ margin: 0 });
  try {
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i];
      const img = await readImage(s.file);
      const frame = opts.makeFrame ? opts.makeFrame(img, i) : tf.browser.fromPixels({ ...img, data: img.data as unknown as Uint8ClampedArray } as ImageData);
      try {
        const t0 = performance.now();
        let p = -1;
        if (opts.detect) {
          pipeline.reset();
          const r = await pipeline.process(frame);
          const largest = r.faces.reduce<(typeof r.faces)[number] | undefined>(
            (best, f) => (!best || f.box.width * f.box.height > best.box.width * best.box.height ? f : best),
            undefined,
          );
          if (largest) p = top(pipeline.labels.map((l) => largest.probs[l]));
        } else {
          const [h, w] = frame.shape;
          const [probs] = await pipeline.classifyBoxes(frame, [{ x: 0, y: 0, width: w, height: h }]);
          p = top(probs);
        }
        pipelineMs += performance.now() - t0;
        if (p < 0) noFace++;
        else correct.push(p === EMOTIONS.indexOf(s.label));
        truth.push(EMOTIONS.indexOf(s.label));
        pred.push(p);
      } finally {
        frame.dispose();
      }
      opts.onProgress?.(i + 1, samples.length);
    }
  } finally {
    pipeline.configure(saved);
    pipeline.reset();
  }
  const labels = [...EMOTIONS];
  const confusion = confusionMatrix(truth, pred, labels.length, opts.detect);
  const m = computeMetrics(confusion, labels);
  const cal = calibration(confidence, correct);
  return {
    accuracy: m.accuracy,
    macroF1: m.macroF1,
    perClass: m.perClass,
    confusion,
    labels,
    n: m.n,
    noFace,
    ece: cal.ece,
    reliability: cal.bins,
    msPerImage: samples.length ? pipelineMs / samples.length : 0,
  };
}
