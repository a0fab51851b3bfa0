// What the pipeline classifies with: one or more emotion models read the same batched crops (one
// crop per distinct input spec: size, channels, normalization, gray weights), and their outputs are
// combined on the backend in one step — weighted mean of log-probabilities (or of probabilities),
// mirror views averaged, divided by a temperature, softmax — so the frame still has one readback.
// A single model with weight 1, temperature 1 and no views passes its probabilities through unchanged.
import * as tf from '@tensorflow/tfjs-core';
import type { ModelManifest } from '../models/manifest';
import type { Combine } from '../quality/levels';
import type { EmotionClassifier } from './classifier';
import { labelPermutation } from './labels';
import type { TtaMode } from './tta';

export interface EnsembleMember {
  classifier: EmotionClassifier;
  weight: number;
}

export interface EnsembleOptions {
  /** Quality level id, for status and timings (undefined for a user's own model). */
  level?: string;
  temperature?: number;
  combine?: Combine;
  /** The level's test-time augmentation; undefined = the pipeline setting decides. */
  tta?: TtaMode;
  /** Whether dispose() disposes the members (false when an engine shares them across levels). */
  ownsMembers?: boolean;
}

/** Log of probabilities is clipped here so a hard 0 from one model cannot veto a class. */
const MIN_PROB = 1e-6;

/** Preprocessing identity: members with equal keys read the very same crop tensor. */
export function inputKey(m: ModelManifest): string {
  const { width, height, channels } = m.input;
  return [width, height, channels, m.normalization, channels === 1 ? (m.grayWeights ?? []).join(',') : ''].join('|');
}

export class EmotionEnsemble {
  readonly labels: string[];
  readonly level?: string;
  readonly temperature: number;
  readonly combine: Combine;
  readonly tta?: TtaMode;
  private readonly members: { classifier: EmotionClassifier; weight: number; perm: number[] | null }[];
  private readonly ownsMembers: boolean;

  constructor(members: EnsembleMember[], opts: EnsembleOptions = {}) {
    if (members.length === 0) throw new Error('An ensemble needs at least one model');
    const sum = members.reduce((s, m) => s + m.weight, 0);
    if (!(sum > 0) || members.some((m) => !(m.weight > 0))) throw new Error('Ensemble weights must be positive');
    if (!(opts.temperature === undefined || opts.temperature > 0)) throw new Error('Ensemble temperature must be positive');
    this.labels = members[0].classifier.labels;
    this.members = members.map((m) => {
      const same = m.classifier.labels.length === this.labels.length && m.classifier.labels.every((l, i) => l === this.labels[i]);
      const perm = same ? null : labelPermutation(m.classifier.labels, this.labels);
      if (!same && !perm) {
        throw new Error(`Model "${m.classifier.manifest.id}" lacks some labels of "${members[0].classifier.manifest.id}" (${this.labels.join(', ')})`);
      }
      return { classifier: m.classifier, weight: m.weight / sum, perm };
    });
    this.level = opts.level;
    this.temperature = opts.temperature ?? 1;
    this.combine = opts.combine ?? 'logit';
    this.tta = opts.tta;
    this.ownsMembers = opts.ownsMembers ?? true;
  }

  /** A user's own model (or any single model) as the pipeline's classifier, unchanged outputs. */
  static single(classifier: EmotionClassifier): EmotionEnsemble {
    return new EmotionEnsemble([{ classifier, weight: 1 }]);
  }

  /** The member models' manifests, main model first. */
  get manifests(): ModelManifest[] {
    return this.members.map((m) => m.classifier.manifest);
  }

  /** The main (first) model's manifest. */
  get manifest(): ModelManifest {
    return this.members[0].classifier.manifest;
  }

  /** One manifest per distinct input spec: what the caller must crop for. */
  get inputs(): ModelManifest[] {
    const seen = new Map<string, ModelManifest>();
    for (const m of this.members) if (!seen.has(inputKey(m.classifier.manifest))) seen.set(inputKey(m.classifier.manifest), m.classifier.manifest);
    return [...seen.values()];
  }

  /**
   * Combined class probabilities [n, labels] for n faces. `crop(manifest)` returns the normalized
   * batch [views·n, h, w, c] (view-major, as preprocess.cropFaces makes it); it is called once per
   * distinct input spec. The caller disposes the result; everything else stays inside one tidy.
   */
  predict(crop: (manifest: ModelManifest) => tf.Tensor4D, n: number, views = 1): tf.Tensor2D {
    return tf.tidy(() => {
      const batches = new Map<string, tf.Tensor4D>();
      const batchFor = (m: ModelManifest) => {
        const key = inputKey(m);
        let b = batches.get(key);
        if (!b) batches.set(key, (b = crop(m)));
        return b;
      };
      const k = this.labels.length;
      const outputs = this.members.map((m) => {
        const p = m.classifier.predict(batchFor(m.classifier.manifest));
        return m.perm ? (tf.gather(p, m.perm, 1) as tf.Tensor2D) : p;
      });
      if (outputs.length === 1 && views === 1 && this.temperature === 1) return outputs[0];
      // Views are averaged in the same space as the members: probabilities for 'prob', logits for 'logit'.
      const viewMean = (t: tf.Tensor2D) => (views > 1 ? (tf.mean(tf.reshape(t, [views, n, k]), 0) as tf.Tensor2D) : t);
      const weighted = (f: (p: tf.Tensor2D) => tf.Tensor2D) =>
        outputs.map((p, i) => tf.mul(f(p), this.members[i].weight) as tf.Tensor2D).reduce((a, b) => tf.add(a, b));
      const logOf = (p: tf.Tensor2D) => tf.log(tf.maximum(p, MIN_PROB)) as tf.Tensor2D;
      const z = this.combine === 'prob' ? logOf(viewMean(weighted((p) => p))) : viewMean(weighted(logOf));
      return tf.softmax(this.temperature === 1 ? z : tf.div(z, this.temperature)) as tf.Tensor2D;
    });
  }

  /** A short description for status lines and benchmarks: "balanced: mini-xception 0.5 + big-xception 0.5, T 1.2". */
  describe(): string {
    const parts = this.members.map((m) => `${m.classifier.manifest.id}${this.members.length > 1 ? ` ${m.weight.toFixed(2)}` : ''}`);
    const extra = [this.temperature !== 1 ? `T ${this.temperature}` : '', this.tta && this.tta !== 'none' ? `tta ${this.tta}` : ''].filter(Boolean);
    return `${this.level ? `${this.level}: ` : ''}${parts.join(' + ')}${extra.length ? `, ${extra.join(', ')}` : ''}`;
  }

  dispose(): void {
    if (this.ownsMembers) for (const m of this.members) m.classifier.dispose();
  }
}
