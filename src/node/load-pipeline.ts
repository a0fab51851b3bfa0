// Builds the app's pipeline from models/ on disk, for Node (eval, tests).
import { EmotionClassifier } from '../classify/classifier';
import { FaceDetector } from '../detection/face-detector';
import { fileModelSource } from '../models/node-source';
import { loadIndex, resolveModel } from '../models/registry';
import { EmotionPipeline, type PipelineSettings } from '../pipeline/pipeline';
import { MODELS_DIR } from './tf-node';

export interface NodePipelineOptions {
  modelsDir?: string;
  classifierId?: string;
  detectorId?: string;
  maxFaces?: number;
  settings?: Partial<PipelineSettings>;
}

export async function loadNodeClassifier(id?: string, modelsDir = MODELS_DIR): Promise<EmotionClassifier> {
  const source = fileModelSource(modelsDir);
  const index = await loadIndex(source);
  const c = await resolveModel(source, id ?? index.defaults.classifier);
  return EmotionClassifier.load(c.manifest, c.model);
}

export async function loadNodePipeline(opts: NodePipelineOptions = {}): Promise<EmotionPipeline> {
  const modelsDir = opts.modelsDir ?? MODELS_DIR;
  const source = fileModelSource(modelsDir);
  const index = await loadIndex(source);
  const d = await resolveModel(source, opts.detectorId ?? index.defaults.detector);
  const detector = await FaceDetector.load(d.manifest, d.model, { maxFaces: opts.maxFaces ?? 10 });
  const classifier = await loadNodeClassifier(opts.classifierId, modelsDir);
  return new EmotionPipeline(detector, classifier, opts.settings);
}
