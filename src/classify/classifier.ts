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

  /** A wrong label count would silently mislabel every face: fail at load instead. */
  private checkOutputShape(): void {
    const { width, height, channels } = this.manifest.input;
    const out = tf.tidy(() => this.predict(tf.zeros([1, height, width, channels])));
    const n = out.shape[1];
    out.dispose();
    if (n !== this.labels.length) {
      throw new Error(`Model "${this.manifest.id}" outputs ${n} classes but its manifest lists ${this.labels.length} labels`);
    }
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
