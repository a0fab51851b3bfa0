// The emotion CNN: a tfjs graph or layers model described by its manifest.
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { ModelManifest } from '../models/manifest';

export class EmotionClassifier {
  private constructor(
    private readonly model: GraphModel | LayersModel,
    readonly manifest: ModelManifest,
  ) {}

  get labels(): string[] {
    return this.manifest.labels ?? [];
  }

  /** Loads from a URL (browser, dev server) or any tf.io handler (Node files, IndexedDB, uploads). */
  static async load(manifest: ModelManifest, source: string | tf.io.IOHandler): Promise<EmotionClassifier> {
    if (manifest.kind !== 'classifier') throw new Error(`Model "${manifest.id}" is not a classifier`);
    const model = manifest.format === 'graph' ? await loadGraphModel(source) : await (await import('@tensorflow/tfjs-layers')).loadLayersModel(source); // tfjs-layers is loaded on demand (the boot starts it early when a start model needs it: models/prefetch.ts)
    const classifier = new EmotionClassifier(model, manifest);
    classifier.checkOutputShape();
    return classifier;
  }

  static fromModel(model: GraphModel | LayersModel, manifest: ModelManifest): EmotionClassifier {
    const c = new EmotionClassifier(model, manifest);
    c.checkOutputShape();
    return c;
  }

  /**
   * A wrong label count would silently mislabel every face: fail at load instead. Read from the
   * model's declared output shape when it has one (no model run: on a first visit that run held the
   * page's thread while the camera was starting), else from a test prediction.
   */
  private checkOutputShape(): void {
    const n = declaredClasses(this.model) ?? this.predictedClasses();
    if (n !== this.labels.length) {
      throw new Error(`Model "${this.manifest.id}" outputs ${n} classes but its manifest lists ${this.labels.length} labels`);
    }
  }

  private predictedClasses(): number {
    const { width, height, channels } = this.manifest.input;
    const out = tf.tidy(() => this.predict(tf.zeros([1, height, width, channels])));
    const n = out.shape[1];
    out.dispose();
    return n;
  }

  /** Class probabilities [n, classes] for a normalized batch; the caller disposes the result. */
  predict(batch: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => {
      const out = this.model.predict(batch) as tf.Tensor | tf.Tensor[];
      const t = (Array.isArray(out) ? out[0] : out) as tf.Tensor2D;
      return t;
    });
  }

  /** Compiles shaders / JIT paths with a batch of the usual size so the first real frame doesn't stall. */
  warmUp(batchSize = 1): void {
    const { width, height, channels } = this.manifest.input;
    tf.tidy(() => this.predict(tf.zeros([batchSize, height, width, channels]))).dispose();
  }

  dispose(): void {
    this.model.dispose();
  }
}

type SignatureShape = { outputs?: Record<string, { tensorShape?: { dim?: { size?: string | number }[] } }> };

/** The class count a model declares for its one output (a layers model's output shape, a graph model's signature), if any. */
export function declaredClasses(model: GraphModel | LayersModel): number | undefined {
  let last: unknown;
  if ('layers' in model) {
    if (model.outputs.length !== 1) return undefined;
    const shape = model.outputs[0].shape;
    last = shape[shape.length - 1];
  } else {
    const outputs = Object.values((model.modelSignature as SignatureShape | undefined)?.outputs ?? {});
    const dims = outputs.length === 1 ? outputs[0].tensorShape?.dim : undefined;
    last = dims && dims.length > 1 ? Number(dims[dims.length - 1].size) : undefined;
  }
  return typeof last === 'number' && Number.isInteger(last) && last > 0 ? last : undefined;
}
