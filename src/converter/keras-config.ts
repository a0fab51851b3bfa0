// Normalises a Keras 2 or Keras 3 model config into the JSON that tfjs-layers' modelFromJSON
// accepts. Only layers we know tfjs computes exactly like Keras pass; anything else fails here,
// before any weight is read, with the layer's class and where it sits.
import { ConversionError } from './errors.ts';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);

/** Layers whose inference maths is the same in tfjs-layers 4.22 as in Keras 2 and 3. */
export const SUPPORTED_LAYERS = [
  'InputLayer', 'Conv2D', 'SeparableConv2D', 'DepthwiseConv2D', 'BatchNormalization', 'Activation', 'ReLU',
  'LeakyReLU', 'ELU', 'Softmax', 'MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling2D',
  'GlobalMaxPooling2D', 'ZeroPadding2D', 'Cropping2D', 'UpSampling2D', 'Dropout', 'SpatialDropout2D',
  'Flatten', 'Reshape', 'Permute', 'Dense', 'Add', 'Concatenate', 'Multiply', 'Average', 'Maximum', 'Minimum',
  'Rescaling',
] as const;
const SUPPORTED = new Set<string>(SUPPORTED_LAYERS);

/** Keras activation name → tfjs name. hard_sigmoid is left out: Keras 3 and tfjs define it differently. */
const ACTIVATIONS: Record<string, string> = {
  linear: 'linear', relu: 'relu', relu6: 'relu6', elu: 'elu', selu: 'selu', sigmoid: 'sigmoid',
  softplus: 'softplus', softsign: 'softsign', tanh: 'tanh', softmax: 'softmax', log_softmax: 'log_softmax',
  swish: 'swish', silu: 'swish', gelu: 'gelu', mish: 'mish',
};

/** Keys that only matter for training, or that only Keras 3 writes; tfjs must not see them. */
const DROPPED_KEYS = new Set([
  'module', 'registered_name', 'shared_object_id', 'build_config', 'compile_config', 'quantization_config',
  'lora_rank', 'lora_alpha', 'ragged', 'optional', 'synchronized', 'fused', 'renorm_clipping', 'renorm_momentum',
  'virtual_batch_size', 'adjustment', 'groups', 'keepdims', 'seed', 'noise_shape', 'autocast',
]);
const TRAINING_ONLY = /_(initializer|regularizer|constraint)$/;

export interface NormalisedModel {
  /** tfjs-layers topology: what model.json's "modelTopology" holds. */
  topology: Json;
  /** Number of layers, nested models' layers included (for the summary). */
  layerCount: number;
}

interface Ctx {
  where: string[];
  warnings: string[];
  layerCount: number;
}

export function parseArchitecture(text: string, what: string): Json {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConversionError(`${what} is not valid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(json)) throw new ConversionError(`${what} is not a Keras model architecture (not a JSON object)`);
  if (isRecord(json.modelTopology) || Array.isArray(json.weightsManifest)) {
    throw new ConversionError(`${what} is already a TensorFlow.js model.json: it needs no conversion`);
  }
  // Keras' to_json() wraps the model; some tools save only the inner {"class_name", "config"} or the
  // "model_config" object of a full save.
  const inner = isRecord(json.model_config) ? json.model_config : json;
  if (typeof inner.class_name !== 'string' || inner.config === undefined) {
    throw new ConversionError(`${what} is JSON but not a Keras model architecture (no "class_name"/"config")`);
  }
  return inner;
}

export function normaliseModel(arch: Json, warnings: string[]): NormalisedModel {
  const className = String(arch.class_name);
  if (!MODEL_CLASSES.has(className)) {
    throw new ConversionError(`the architecture's top level is a "${className}", not a Keras Sequential or Functional model`);
  }
  const ctx: Ctx = { where: [], warnings, layerCount: 0 };
  const topology = normaliseModelLayer(arch, ctx);
  return { topology, layerCount: ctx.layerCount };
}

function where(ctx: Ctx, name: string): string {
  return ctx.where.length ? `layer "${name}" in ${ctx.where.join(' › ')}` : `layer "${name}"`;
}

function normaliseModelLayer(layer: Json, ctx: Ctx): Json {
  const rawConfig = layer.config;
  // Keras 2.0/2.1 Sequential: "config" is the bare list of layers.
  const config: Json = Array.isArray(rawConfig) ? { layers: rawConfig } : isRecord(rawConfig) ? rawConfig : {};
  const name = typeof config.name === 'string' ? config.name : typeof layer.name === 'string' ? layer.name : 'model';
  const layers = Array.isArray(config.layers) ? config.layers : [];
  const sequential = layer.class_name === 'Sequential';
  ctx.where.push(`"${name}"`);
  const out: Json = {
    class_name: sequential ? 'Sequential' : 'Model',
    config: sequential
      ? { name, layers: layers.map((l) => normaliseLayer(l, ctx, false)) }
      : {
          name,
          layers: layers.map((l) => normaliseLayer(l, ctx, true)),
          input_layers: tensorRefs(config.input_layers),
          output_layers: tensorRefs(config.output_layers),
        },
  };
  ctx.where.pop();
  if (typeof layer.name === 'string') out.name = layer.name;
  return out;
}

/** Keras 3 flattens a single [name, node, index] triple; tfjs wants a list of them. */
function tensorRefs(v: unknown): unknown[] {
  if (!Array.isArray(v)) return [];
  if (v.length > 0 && typeof v[0] === 'string') return [v.slice(0, 3)];
  return v.map((r) => (Array.isArray(r) ? r.slice(0, 3) : r));
}

function normaliseLayer(raw: unknown, ctx: Ctx, functional: boolean): Json {
  if (!isRecord(raw)) throw new ConversionError(`the architecture has a malformed layer entry in ${ctx.where.join(' › ') || 'the model'}`);
  const className = String(raw.class_name);
  const config = isRecord(raw.config) ? raw.config : {};
  const name = typeof config.name === 'string' ? config.name : typeof raw.name === 'string' ? raw.name : '(unnamed)';
  let out: Json;
  if (MODEL_CLASSES.has(className)) {
    out = normaliseModelLayer({ ...raw, name }, ctx);
  } else {
    ctx.layerCount++;
    if (!SUPPORTED.has(className)) {
      throw new ConversionError(
        `unsupported layer class "${className}" (${where(ctx, name)}); supported: ${SUPPORTED_LAYERS.join(', ')}`,
      );
    }
    // SpatialDropout2D drops whole feature maps in training; at inference it is the identity like
    // Dropout, and writing it as Dropout keeps model.json loadable by any tfjs without a custom class.
    const tfjsClass = className === 'SpatialDropout2D' ? 'Dropout' : className;
    out = { class_name: tfjsClass, config: normaliseLayerConfig(className, config, ctx, name) };
  }
  if (functional) {
    out.name = name;
    out.inbound_nodes = Array.isArray(raw.inbound_nodes) ? raw.inbound_nodes.map((n) => inboundNode(n, ctx, name)) : [];
  }
  return out;
}

/** Keras 3 nodes are {args: [KerasTensor...], kwargs}; Keras 2 nodes are [[name, node, tensor, kwargs]...]. */
function inboundNode(node: unknown, ctx: Ctx, layerName: string): unknown[] {
  if (Array.isArray(node)) {
    return node.map((ref) => (Array.isArray(ref) ? [ref[0], ref[1], ref[2], {}] : ref));
  }
  if (isRecord(node) && Array.isArray(node.args)) {
    const refs: unknown[] = [];
    const collect = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(collect);
      else if (isRecord(v) && v.class_name === '__keras_tensor__' && isRecord(v.config) && Array.isArray(v.config.keras_history)) {
        const [n, i, t] = v.config.keras_history as unknown[];
        refs.push([n, i, t, {}]);
      }
    };
    collect(node.args);
    if (refs.length === 0) {
      throw new ConversionError(`${where(ctx, layerName)} is called on something other than a layer output (a constant or an operator), which the converter does not support`);
    }
    return refs;
  }
  throw new ConversionError(`${where(ctx, layerName)} has an inbound node in an unknown format`);
}

/** Strips Keras-3-only metadata everywhere, and turns DTypePolicy objects into plain dtypes. */
function cleanConfig(v: unknown): Json {
  const clean = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(clean);
    if (!isRecord(x)) return x;
    const out: Json = {};
    for (const [k, val] of Object.entries(x)) {
      if (DROPPED_KEYS.has(k)) continue;
      if (TRAINING_ONLY.test(k)) continue;
      out[k] = clean(val);
    }
    return out;
  };
  return clean(v) as Json;
}

function unsupportedOption(ctx: Ctx, className: string, name: string, option: string): never {
  throw new ConversionError(`${className} ${where(ctx, name)} uses ${option}, which the converter does not support`);
}

function normaliseLayerConfig(className: string, raw: Json, ctx: Ctx, name: string): Json {
  // Options tfjs lacks are checked on the raw config, before cleanConfig drops their keys.
  if (raw.groups !== undefined && raw.groups !== 1) unsupportedOption(ctx, className, name, `groups=${String(raw.groups)}`);
  if (raw.keepdims === true) unsupportedOption(ctx, className, name, 'keepdims=True');
  const c = cleanConfig(raw);
  // tfjs computes in float32 only; mixed-precision policies would otherwise reach tfjs as unknown dtypes.
  if (raw.dtype !== undefined) {
    const dtype = isRecord(raw.dtype) && isRecord(raw.dtype.config) ? raw.dtype.config.name : raw.dtype;
    if (dtype !== 'float32' && dtype !== null && !ctx.warnings.some((w) => w.startsWith('dtype'))) {
      ctx.warnings.push(`dtype ${JSON.stringify(dtype)} is computed as float32 in TensorFlow.js`);
    }
    c.dtype = 'float32';
  }
  if (raw.batch_shape !== undefined) {
    c.batch_input_shape = raw.batch_shape;
    delete c.batch_shape;
  }
  // channels_first is computed per layer by tfjs-layers (it transposes around the NHWC kernels), like
  // Keras; BatchNormalization on axis 1 is rewritten after the build (fold.ts: tfjs gets it wrong).
  if (c.data_format !== undefined && c.data_format !== null && c.data_format !== 'channels_first' && c.data_format !== 'channels_last') {
    unsupportedOption(ctx, className, name, `data_format ${JSON.stringify(c.data_format)}`);
  }
  if (c.activation !== undefined) c.activation = activation(c.activation, ctx, className, name);

  switch (className) {
    case 'InputLayer':
      if (c.sparse === true) unsupportedOption(ctx, className, name, 'sparse inputs');
      if (c.input_shape !== undefined && c.batch_input_shape === undefined) {
        c.batch_input_shape = [null, ...(c.input_shape as unknown[])];
        delete c.input_shape;
      }
      break;
    case 'BatchNormalization':
      if (Array.isArray(c.axis)) {
        if (c.axis.length !== 1) unsupportedOption(ctx, className, name, `axis ${JSON.stringify(c.axis)}`);
        c.axis = c.axis[0];
      }
      if (c.renorm === true) unsupportedOption(ctx, className, name, 'batch renormalization');
      delete c.renorm;
      break;
    case 'ReLU':
      if (Number(c.negative_slope ?? 0) !== 0) unsupportedOption(ctx, className, name, `negative_slope=${String(c.negative_slope)}`);
      if (Number(c.threshold ?? 0) !== 0) unsupportedOption(ctx, className, name, `threshold=${String(c.threshold)}`);
      delete c.negative_slope;
      delete c.threshold;
      break;
    case 'LeakyReLU':
      if (c.negative_slope !== undefined) {
        c.alpha = c.negative_slope;
        delete c.negative_slope;
      }
      break;
    case 'ELU':
      // tfjs-layers 4.22 only implements alpha = 1.
      if (c.alpha !== undefined && Number(c.alpha) !== 1) unsupportedOption(ctx, className, name, `alpha=${String(c.alpha)}`);
      break;
    case 'Softmax':
      if (Array.isArray(c.axis)) {
        if (c.axis.length !== 1) unsupportedOption(ctx, className, name, `axis ${JSON.stringify(c.axis)}`);
        c.axis = c.axis[0];
      }
      break;
    case 'UpSampling2D':
      if (c.interpolation !== undefined && c.interpolation !== 'nearest' && c.interpolation !== 'bilinear') {
        unsupportedOption(ctx, className, name, `interpolation "${String(c.interpolation)}"`);
      }
      break;
  }
  return c;
}

function activation(v: unknown, ctx: Ctx, className: string, name: string): string {
  // Keras 3 may serialise a built-in activation as {"class_name": "function", "config": "relu"}.
  const id = isRecord(v) ? (typeof v.config === 'string' ? v.config : v.class_name) : v;
  if (id === null || id === undefined) return 'linear';
  const mapped = typeof id === 'string' ? ACTIVATIONS[id] : undefined;
  if (!mapped) unsupportedOption(ctx, className, name, `activation ${JSON.stringify(id)}`);
  return mapped;
}
