// Inference-ready rewrite of a converted LayersModel: every BatchNormalization that directly follows
// a Conv2D, SeparableConv2D, DepthwiseConv2D or Dense (and is that layer's only consumer) is folded
// into its kernel and bias, and an Activation/ReLU layer that follows such a layer becomes the layer's
// own activation (tfjs then runs it inside the fused conv/matMul kernel). Both rewrites are exact up
// to float32 rounding: y = act(γ·(Wx + b − μ)/√(σ²+ε) + β) = act(W'x + b').
//
// Always (folding or not): tfjs 4.22's batchNorm kernel indexes mean/variance/γ/β by the flat element
// index modulo their length, i.e. it only normalises the LAST axis correctly. A BatchNormalization
// left on axis 1 of an image (channels_first) is therefore rewritten as the per-channel affine map it
// is: a 1×1 channels_first DepthwiseConv2D with bias. Any other non-last axis is refused.
// Likewise tfjs 4.22's channels_first SeparableConv2D adds its bias along the wrong axis (it adds a
// channels_first bias to its NHWC intermediate), so such a layer is split into what it computes:
// a channels_first DepthwiseConv2D without bias, then a 1×1 channels_first Conv2D with the bias.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ConversionError } from './errors.ts';
import { modelTopology } from './topology.ts';

type Json = Record<string, unknown>;
type Layer = tfl.LayersModel['layers'][number];

/** Layers whose output is linear in their last (or, channels_first, first) kernel axis plus a bias. */
const FOLD_INTO = new Set(['Conv2D', 'SeparableConv2D', 'DepthwiseConv2D', 'Dense']);
const CONTAINERS = new Set(['Sequential', 'Model', 'Functional']);

export interface FoldReport {
  /** BatchNormalization layers folded into the layer before them. */
  batchNorms: number;
  /** Activation/ReLU layers merged into the layer before them. */
  activations: number;
}

export interface RewriteOptions {
  /** Fold BN and merge activations (default true); false only makes channels_first BN computable. */
  fold?: boolean;
}

interface LayerEntry {
  class_name: string;
  config: Json;
  name?: string;
  inbound_nodes?: unknown[];
}

/** One fold decision: the producer's new weights are computed from the removed BN's. */
interface Plan {
  fold: boolean;
  /** Keyed by "/<container>/.../<layer name>". */
  producers: Map<string, { bn?: string; activation?: string }>;
  /** BatchNormalization layers on axis 1 of a 4-D tensor, rewritten as depthwise 1×1 convolutions. */
  bnAsDepthwise: Set<string>;
  /** channels_first SeparableConv2D layers split into "<name>__depthwise" + a 1×1 Conv2D "<name>". */
  splitSeparable: Set<string>;
  /** Rank of a layer's (first) input, from the built model. */
  inputRank: (key: string) => number | undefined;
  report: FoldReport;
}

const channelAxis = (producer: LayerEntry): number => {
  if (producer.class_name === 'Dense') return -1;
  return producer.config.data_format === 'channels_first' ? 1 : -1;
};

function bnAxisMatches(bn: LayerEntry, producer: LayerEntry, rank: number | undefined): boolean {
  const axis = Number(Array.isArray(bn.config.axis) ? bn.config.axis[0] : (bn.config.axis ?? -1));
  const want = channelAxis(producer);
  if (axis === want) return true;
  // A non-negative axis only matches -1 when the rank is known.
  return want === -1 && rank !== undefined && axis === rank - 1;
}

/** Rank of a layer's output when its class tells it (conv layers: 4). */
const outputRank = (l: LayerEntry): number | undefined => (l.class_name === 'Dense' ? undefined : 4);

function activationOf(l: LayerEntry): string | undefined {
  if (l.class_name === 'Activation') return typeof l.config.activation === 'string' ? l.config.activation : undefined;
  if (l.class_name === 'ReLU') {
    const max = l.config.max_value;
    if (max === null || max === undefined) return 'relu';
    if (Number(max) === 6) return 'relu6';
  }
  return undefined;
}

const isLinear = (l: LayerEntry): boolean => l.config.activation === undefined || l.config.activation === 'linear';

/**
 * Rewrites a topology (tfjs JSON, as from model.toJSON) in place and records what must be folded.
 * `path` prefixes producer keys so nested models' layers stay apart.
 */
function planContainer(container: LayerEntry, path: string, plan: Plan): void {
  const config = container.config;
  const layers = (config.layers as LayerEntry[] | undefined) ?? [];
  for (const l of layers) {
    if (CONTAINERS.has(l.class_name)) planContainer(l, `${path}/${String(l.config.name ?? l.name)}`, plan);
  }
  const key = (l: LayerEntry): string => `${path}/${String(l.config.name ?? l.name)}`;
  const record = (producer: LayerEntry, next: LayerEntry): boolean => {
    const entry = plan.producers.get(key(producer)) ?? {};
    if (next.class_name === 'BatchNormalization') {
      const rank = outputRank(producer) ?? plan.inputRank(key(next));
      if (entry.bn !== undefined || !isLinear(producer) || !bnAxisMatches(next, producer, rank)) return false;
      entry.bn = String(next.config.name);
      producer.config.use_bias = true;
      plan.report.batchNorms++;
    } else {
      const act = activationOf(next);
      if (act === undefined || !isLinear(producer)) return false;
      entry.activation = act;
      producer.config.activation = act;
      plan.report.activations++;
    }
    plan.producers.set(key(producer), entry);
    return true;
  };

  if (plan.fold) foldContainer(container, layers, record);
  for (const l of (config.layers as LayerEntry[] | undefined) ?? []) {
    if (l.class_name === 'BatchNormalization') fixBatchNormAxis(l, key(l), plan);
  }
  config.layers = ((config.layers as LayerEntry[] | undefined) ?? []).flatMap((l) =>
    l.class_name === 'SeparableConv2D' && l.config.data_format === 'channels_first' ? splitSeparable(l, key(l), plan) : [l],
  );
}

export const DEPTHWISE_SUFFIX = '__depthwise';

function splitSeparable(l: LayerEntry, key: string, plan: Plan): LayerEntry[] {
  const c = l.config;
  const name = String(c.name);
  const depthwiseName = `${name}${DEPTHWISE_SUFFIX}`;
  const depthwise: LayerEntry = {
    class_name: 'DepthwiseConv2D',
    config: {
      name: depthwiseName, trainable: c.trainable, dtype: 'float32', ...(c.batch_input_shape !== undefined && { batch_input_shape: c.batch_input_shape }),
      kernel_size: c.kernel_size, strides: c.strides, padding: c.padding, dilation_rate: c.dilation_rate,
      depth_multiplier: c.depth_multiplier ?? 1, data_format: c.data_format, activation: 'linear', use_bias: false,
    },
  };
  const pointwise: LayerEntry = {
    class_name: 'Conv2D',
    config: {
      name, trainable: c.trainable, dtype: 'float32', filters: c.filters, kernel_size: [1, 1], strides: [1, 1], padding: 'valid',
      dilation_rate: [1, 1], data_format: c.data_format, activation: c.activation, use_bias: c.use_bias,
    },
  };
  if (l.inbound_nodes !== undefined) {
    depthwise.name = depthwiseName;
    depthwise.inbound_nodes = l.inbound_nodes;
    pointwise.name = name;
    pointwise.inbound_nodes = [[[depthwiseName, 0, 0, {}]]];
  }
  plan.splitSeparable.add(key);
  return [depthwise, pointwise];
}

function fixBatchNormAxis(l: LayerEntry, key: string, plan: Plan): void {
  const rank = plan.inputRank(key);
  const raw = Number(Array.isArray(l.config.axis) ? l.config.axis[0] : (l.config.axis ?? -1));
  if (rank === undefined) return;
  const axis = raw < 0 ? raw + rank : raw;
  if (axis === rank - 1) return;
  if (rank !== 4 || axis !== 1) {
    throw new ConversionError(
      `BatchNormalization layer "${String(l.config.name)}" normalises axis ${raw} of a ${rank}-D tensor; TensorFlow.js only computes the last axis (or axis 1 of an image) correctly`,
    );
  }
  const { name, trainable, batch_input_shape } = l.config;
  l.class_name = 'DepthwiseConv2D';
  l.config = {
    name, trainable, ...(batch_input_shape !== undefined && { batch_input_shape }), dtype: 'float32', kernel_size: [1, 1], strides: [1, 1], padding: 'valid', depth_multiplier: 1,
    data_format: 'channels_first', dilation_rate: [1, 1], activation: 'linear', use_bias: true,
  };
  plan.bnAsDepthwise.add(key);
}

function foldContainer(
  container: LayerEntry,
  layers: LayerEntry[],
  record: (producer: LayerEntry, next: LayerEntry) => boolean,
): void {
  const config = container.config;
  if (container.class_name === 'Sequential') {
    const out: LayerEntry[] = [];
    for (const l of layers) {
      const prev = out[out.length - 1];
      // The first layer may carry the model's input shape: never drop it.
      if (prev && FOLD_INTO.has(prev.class_name) && record(prev, l)) continue;
      out.push(l);
    }
    config.layers = out;
    return;
  }

  // Functional: fold B into P when P has one call, B has one call on P's only output, and nothing
  // else (another layer or the model's outputs) reads P's output.
  const refKey = (r: unknown[]): string => `${String(r[0])}|${String(r[1])}|${String(r[2])}`;
  const uses = new Map<string, number>();
  const count = (r: unknown[]): void => void uses.set(refKey(r), (uses.get(refKey(r)) ?? 0) + 1);
  for (const l of layers) for (const node of l.inbound_nodes ?? []) for (const r of node as unknown[][]) count(r);
  for (const r of (config.output_layers as unknown[][]) ?? []) count(r);
  const byName = new Map(layers.map((l) => [String(l.name ?? l.config.name), l]));
  const removed = new Map<string, unknown[]>(); // removed layer name → the ref that replaces its output
  const resolve = (r: unknown[]): unknown[] => {
    let out = r;
    while (removed.has(String(out[0])) && Number(out[1]) === 0 && Number(out[2]) === 0) {
      const to = removed.get(String(out[0])) as unknown[];
      out = [to[0], 0, 0, ...out.slice(3)];
    }
    return out;
  };
  for (const l of layers) {
    const nodes = (l.inbound_nodes ?? []) as unknown[][][];
    if (nodes.length !== 1 || nodes[0].length !== 1) continue;
    const ref = resolve(nodes[0][0]);
    const producer = byName.get(String(ref[0]));
    if (!producer || !FOLD_INTO.has(producer.class_name) || (producer.inbound_nodes ?? []).length !== 1) continue;
    if (Number(ref[1]) !== 0 || Number(ref[2]) !== 0 || uses.get(refKey(ref)) !== 1) continue;
    if (!record(producer, l)) continue;
    removed.set(String(l.name ?? l.config.name), [ref[0], 0, 0]);
    // The producer's output now stands for the removed layer's, whose own readers become its readers.
    uses.set(refKey(ref), uses.get(`${String(l.name ?? l.config.name)}|0|0`) ?? 0);
  }
  if (removed.size === 0) return;
  config.layers = layers.filter((l) => !removed.has(String(l.name ?? l.config.name)));
  for (const l of config.layers as LayerEntry[]) {
    l.inbound_nodes = (l.inbound_nodes ?? []).map((node) => (node as unknown[][]).map(resolve));
  }
  config.output_layers = ((config.output_layers as unknown[][]) ?? []).map(resolve);
}

/** Every non-container layer of a model, keyed by its container path (as planContainer keys them). */
function layersByPath(layers: Layer[], path: string, out = new Map<string, Layer>()): Map<string, Layer> {
  for (const l of layers) {
    const inner = (l as Layer & { layers?: Layer[] }).layers;
    if (Array.isArray(inner) && l instanceof tfl.LayersModel) layersByPath(inner, `${path}/${l.name}`, out);
    else out.set(`${path}/${l.name}`, l);
  }
  return out;
}

function weightByName(layer: Layer, suffix: string): Float32Array | undefined {
  const i = layer.weights.findIndex((w) => w.originalName.replace(/:\d+$/, '').endsWith(`/${suffix}`));
  return i < 0 ? undefined : (layer.getWeights()[i].dataSync() as Float32Array);
}

/** BN at inference as y = scale·x + shift(x's bias): per channel, in float64. */
function bnAffine(bn: Layer): { scale: number[]; shift: (bias: ArrayLike<number>) => Float32Array } {
  const cfg = bn.getConfig();
  const eps = Number(cfg.epsilon);
  const mean = weightByName(bn, 'moving_mean');
  const variance = weightByName(bn, 'moving_variance');
  if (!mean || !variance) throw new Error(`BatchNormalization "${bn.name}" has no moving statistics`);
  const n = mean.length;
  const gamma = cfg.scale === false ? undefined : weightByName(bn, 'gamma');
  const beta = cfg.center === false ? undefined : weightByName(bn, 'beta');
  const scale = Array.from({ length: n }, (_, c) => (gamma ? gamma[c] : 1) / Math.sqrt(variance[c] + eps));
  const shift = (bias: ArrayLike<number>): Float32Array => Float32Array.from(scale, (s, c) => (bias[c] - mean[c]) * s + (beta ? beta[c] : 0));
  return { scale, shift };
}

/** The producer's kernel(s) and bias with the BN's affine map applied to its output channels. */
function foldedWeights(producer: Layer, bn: Layer): tf.Tensor[] {
  const weights = producer.getWeights();
  const kernelIndex = producer.getClassName() === 'SeparableConv2D' ? 1 : 0; // the pointwise kernel carries the output channels
  const kernel = weights[kernelIndex];
  const k = kernel.dataSync() as Float32Array;
  const { scale, shift } = bnAffine(bn);
  const n = scale.length;
  const bias = weights.length > kernelIndex + 1 ? (weights[kernelIndex + 1].dataSync() as Float32Array) : new Float32Array(n);
  // Every kernel layout here keeps output channels on its flattened last axis (depthwise: in·mult).
  if (k.length % n !== 0) throw new Error(`cannot fold "${bn.name}" into "${producer.name}": ${n} channels vs kernel ${kernel.shape.join('×')}`);
  const k2 = new Float32Array(k.length);
  for (let i = 0; i < k.length; i++) k2[i] = k[i] * scale[i % n];
  const out = weights.slice(0, kernelIndex).map((t) => t.clone());
  out.push(tf.tensor(k2, kernel.shape), tf.tensor1d(shift(bias)));
  return out;
}

/** A channels_first BN as a 1×1 depthwise convolution: kernel [1, 1, C, 1] = scale, bias = shift. */
function depthwiseWeights(bn: Layer): tf.Tensor[] {
  const { scale, shift } = bnAffine(bn);
  return [tf.tensor4d(Float32Array.from(scale), [1, 1, scale.length, 1]), tf.tensor1d(shift(new Float32Array(scale.length)))];
}

function inputRankOf(layer: Layer | undefined): number | undefined {
  const node = (layer as unknown as { inboundNodes?: { inputTensors: { shape: unknown[] }[] }[] } | undefined)?.inboundNodes?.[0];
  return node?.inputTensors[0]?.shape.length;
}

/**
 * Returns the rewritten model and what was folded. The input model is left as is; when nothing
 * needed rewriting the same model object comes back (compare before disposing).
 */
export async function foldModel(model: tfl.LayersModel, opts: RewriteOptions = {}): Promise<{ model: tfl.LayersModel; report: FoldReport }> {
  const topology = modelTopology(model) as unknown as LayerEntry;
  const root = `/${String(topology.config.name)}`;
  const before = layersByPath(model.layers, root);
  const plan: Plan = {
    fold: opts.fold !== false,
    producers: new Map(),
    bnAsDepthwise: new Set(),
    splitSeparable: new Set(),
    inputRank: (key) => inputRankOf(before.get(key)),
    report: { batchNorms: 0, activations: 0 },
  };
  planContainer(topology, root, plan);
  if (plan.producers.size === 0 && plan.bnAsDepthwise.size === 0 && plan.splitSeparable.size === 0) return { model, report: plan.report };
  const folded = await tfl.models.modelFromJSON({ modelTopology: topology as unknown as tfl.ModelAndWeightsConfig['modelTopology'] });
  const after = layersByPath(folded.layers, root);
  const containerOf = (key: string): string => key.slice(0, key.lastIndexOf('/'));
  /** The weights the layer at key (in the model before) ends up with: folded, rewritten or as is. */
  const weightsFor = (key: string): { tensors: tf.Tensor[]; owned: boolean } => {
    const source = before.get(key);
    if (!source) throw new Error(`folding lost layer ${key}`);
    const fold = plan.producers.get(key);
    const bn = fold?.bn !== undefined ? before.get(`${containerOf(key)}/${fold.bn}`) : undefined;
    const computed = bn ? foldedWeights(source, bn) : plan.bnAsDepthwise.has(key) ? depthwiseWeights(source) : undefined;
    return computed ? { tensors: computed, owned: true } : { tensors: source.getWeights(), owned: false };
  };
  try {
    for (const [key, layer] of after) {
      if (layer.weights.length === 0) continue;
      const split = key.endsWith(DEPTHWISE_SUFFIX) && plan.splitSeparable.has(key.slice(0, -DEPTHWISE_SUFFIX.length));
      const original = split ? key.slice(0, -DEPTHWISE_SUFFIX.length) : key;
      const { tensors, owned } = weightsFor(original);
      // A split SeparableConv2D: [depthwise, pointwise, bias?] → depthwise part, then 1×1 conv part.
      const mine = split ? tensors.slice(0, 1) : plan.splitSeparable.has(key) ? tensors.slice(1) : tensors;
      layer.setWeights(mine);
      if (owned) tensors.forEach((t) => t.dispose());
    }
  } catch (e) {
    folded.dispose();
    throw e;
  }
  return { model: folded, report: plan.report };
}
