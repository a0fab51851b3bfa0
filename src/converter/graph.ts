// A converted Keras model as a tfjs "graph-model" (the format tf.loadGraphModel reads), when every
// layer maps to TensorFlow ops: a convolution with its bias and activation is one _FusedConv2D, a
// separable convolution a depthwise plus a fused 1×1 one, and no tfjs-layers code is needed to run
// it. The weights stay byte for byte those of the layers model (same names, same order); the few
// constants the ops need (reduction axes, a flatten's shape) are appended after them.
// A layer without a mapping (BatchNormalization left unfolded, recurrent layers, nested models, …)
// makes the whole model stay a layers model: `toGraphModel` says which layer and why.
import type * as tf from '@tensorflow/tfjs-core';

type Json = Record<string, unknown>;

interface AttrValue {
  s?: string;
  i?: string;
  f?: number;
  b?: boolean;
  type?: string;
  list?: { i?: string[]; s?: string[] };
  shape?: { dim: { size: string }[] };
  tensor?: { dtype: string; tensorShape: { dim: { size: string }[] } };
}

export interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr: Record<string, AttrValue>;
}

export interface GraphModelParts {
  /** model.json's "modelTopology" for format "graph-model". */
  topology: { node: GraphNode[]; library: Json; versions: Json };
  /** model.json's "signature": the input and output tensors by name. */
  signature: Json;
  /** The layers model's weights, then the graph's own constants. */
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: Uint8Array;
}

/** Why a model stays a layers model. */
export class GraphUnsupported extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphUnsupported';
  }
}

const b64 = (s: string): string => btoa(s);
const ints = (values: number[]): AttrValue => ({ list: { i: values.map(String) } });
const dims = (shape: number[]): { dim: { size: string }[] } => ({ dim: shape.map((d) => ({ size: String(d) })) });
const FLOAT: AttrValue = { type: 'DT_FLOAT' };
const NHWC: AttrValue = { s: b64('NHWC') };

/** Keras activation → the TensorFlow op, and whether a fused convolution/matmul can carry it. */
const ACTIVATIONS: Record<string, { op: string; fusable: boolean }> = {
  relu: { op: 'Relu', fusable: true },
  relu6: { op: 'Relu6', fusable: true },
  elu: { op: 'Elu', fusable: true },
  sigmoid: { op: 'Sigmoid', fusable: true },
  tanh: { op: 'Tanh', fusable: false },
  softmax: { op: 'Softmax', fusable: false },
  selu: { op: 'Selu', fusable: false },
  softplus: { op: 'Softplus', fusable: false },
};

/** The op for a Keras activation; undefined for none (linear); throws for one with no mapping. */
function activationOf(layer: string, activation: unknown): { op: string; fusable: boolean } | undefined {
  if (activation === undefined || activation === null || activation === 'linear') return undefined;
  const a = ACTIVATIONS[String(activation)];
  if (!a) throw new GraphUnsupported(`layer ${layer}: activation ${JSON.stringify(activation)}`);
  return a;
}

function pair(v: unknown, what: string): [number, number] {
  const a = Array.isArray(v) ? v : [v, v];
  if (a.length !== 2 || !a.every((x) => Number.isInteger(x))) throw new GraphUnsupported(`${what} ${JSON.stringify(v)} is not two integers`);
  return [a[0] as number, a[1] as number];
}

function padding(v: unknown, layer: string): AttrValue {
  if (v === 'same') return { s: b64('SAME') };
  if (v === 'valid') return { s: b64('VALID') };
  throw new GraphUnsupported(`layer ${layer}: padding ${JSON.stringify(v)}`);
}

class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  /** The tensor name a layer's output is read from (a layer mapped to nothing reads its input's). */
  readonly outputOf = new Map<string, string>();
  private readonly weightNames: Set<string>;
  readonly extraSpecs: tf.io.WeightsManifestEntry[] = [];
  readonly extraData: Uint8Array[] = [];

  constructor(weightSpecs: tf.io.WeightsManifestEntry[]) {
    this.weightNames = new Set(weightSpecs.map((w) => w.name));
    for (const w of weightSpecs) this.nodes.push(constNode(w.name, w.shape, w.dtype));
  }

  weight(name: string): string {
    if (!this.weightNames.has(name)) throw new GraphUnsupported(`weight ${name} is missing`);
    return name;
  }

  /** An int32 constant of the graph's own (appended to the weights). */
  intConst(name: string, values: number[]): string {
    this.extraSpecs.push({ name, shape: [values.length], dtype: 'int32' });
    this.extraData.push(new Uint8Array(Int32Array.from(values).buffer));
    this.nodes.push(constNode(name, [values.length], 'int32'));
    return name;
  }

  add(name: string, op: string, input: string[], attr: Record<string, AttrValue>): string {
    this.nodes.push({ name, op, input, attr });
    return name;
  }

  /** A separate activation node after `x` (none for linear). */
  activation(layer: string, x: string, activation: unknown): string {
    const a = activationOf(layer, activation);
    if (!a) return x;
    return this.add(`${layer}/${a.op}`, a.op, [x], { T: FLOAT });
  }

  /**
   * A 2D convolution with its bias and (when TensorFlow can fuse it) activation as one node;
   * without a bias, a plain Conv2D.
   */
  conv(layer: string, name: string, x: string, kernel: string, bias: string | undefined, activation: unknown, strides: [number, number], pad: AttrValue, dilation: [number, number]): string {
    const attr: Record<string, AttrValue> = { T: FLOAT, data_format: NHWC, strides: ints([1, ...strides, 1]), padding: pad, dilations: ints([1, ...dilation, 1]), explicit_paddings: { list: {} } };
    if (!bias) return this.activation(layer, this.add(name, 'Conv2D', [x, kernel], attr), activation);
    const act = activationOf(layer, activation);
    const fused = act?.fusable ? ['BiasAdd', act.op] : ['BiasAdd'];
    const out = this.add(name, '_FusedConv2D', [x, kernel, bias], { ...attr, fused_ops: { list: { s: fused.map(b64) } }, num_args: { i: '1' }, epsilon: { f: 0 } });
    return act && !act.fusable ? this.activation(layer, out, activation) : out;
  }
}

function constNode(name: string, shape: number[], dtype: string): GraphNode {
  const type = dtype === 'int32' ? 'DT_INT32' : dtype === 'float32' ? 'DT_FLOAT' : undefined;
  if (!type) throw new GraphUnsupported(`weight ${name} has dtype ${dtype}`);
  return { name, op: 'Const', attr: { dtype: { type }, value: { tensor: { dtype: type, tensorShape: dims(shape) } } } };
}

/** The layer's inputs, as the tensor names they are read from. */
function inputsOf(entry: Json, b: GraphBuilder): string[] {
  const nodes = entry.inbound_nodes as unknown[] | undefined;
  if (!Array.isArray(nodes) || nodes.length === 0) return [];
  if (nodes.length > 1) throw new GraphUnsupported(`layer ${String(entry.name)} is shared (called ${nodes.length} times)`);
  const node = nodes[0];
  if (!Array.isArray(node)) throw new GraphUnsupported(`layer ${String(entry.name)}: inbound nodes in an unknown form`);
  return node.map((ref) => {
    if (!Array.isArray(ref) || ref[1] !== 0 || ref[2] !== 0) throw new GraphUnsupported(`layer ${String(entry.name)}: an input other than a layer's only output`);
    const from = b.outputOf.get(String(ref[0]));
    if (from === undefined) throw new GraphUnsupported(`layer ${String(entry.name)} reads ${String(ref[0])} before it is defined`);
    return from;
  });
}

function one(inputs: string[], layer: string): string {
  if (inputs.length !== 1) throw new GraphUnsupported(`layer ${layer} has ${inputs.length} inputs`);
  return inputs[0];
}

function mapLayer(entry: Json, b: GraphBuilder, shapes: Map<string, (number | null)[]>): string {
  const cls = String(entry.class_name);
  const c = (entry.config ?? {}) as Json;
  const name = String(c.name ?? entry.name);
  if (c.data_format !== undefined && c.data_format !== 'channels_last') throw new GraphUnsupported(`layer ${name}: data_format ${String(c.data_format)}`);
  const inputs = inputsOf(entry, b);
  switch (cls) {
    case 'InputLayer': {
      const shape = (c.batch_input_shape ?? c.batch_shape) as (number | null)[] | undefined;
      if (!Array.isArray(shape)) throw new GraphUnsupported(`input ${name} has no shape`);
      if (c.dtype !== undefined && c.dtype !== 'float32') throw new GraphUnsupported(`input ${name} has dtype ${String(c.dtype)}`);
      return b.add(name, 'Placeholder', [], { dtype: FLOAT, shape: { shape: dims(shape.map((d) => d ?? -1)) } });
    }
    case 'Conv2D': {
      if (c.groups !== undefined && c.groups !== 1) throw new GraphUnsupported(`layer ${name}: grouped convolution`);
      const bias = c.use_bias === false ? undefined : b.weight(`${name}/bias`);
      return b.conv(name, `${name}/Conv2D`, one(inputs, name), b.weight(`${name}/kernel`), bias, c.activation, pair(c.strides ?? 1, `layer ${name}: strides`), padding(c.padding ?? 'valid', name), pair(c.dilation_rate ?? 1, `layer ${name}: dilation`));
    }
    case 'SeparableConv2D':
    case 'DepthwiseConv2D': {
      const x = one(inputs, name);
      const strides = pair(c.strides ?? 1, `layer ${name}: strides`);
      const dilation = pair(c.dilation_rate ?? 1, `layer ${name}: dilation`);
      const depthwise = b.add(`${name}/depthwise`, 'DepthwiseConv2dNative', [x, b.weight(`${name}/depthwise_kernel`)], {
        T: FLOAT, data_format: NHWC, strides: ints([1, ...strides, 1]), padding: padding(c.padding ?? 'valid', name), dilations: ints([1, ...dilation, 1]), explicit_paddings: { list: {} },
      });
      const bias = c.use_bias === false ? undefined : b.weight(`${name}/bias`);
      if (cls === 'SeparableConv2D') return b.conv(name, `${name}/pointwise`, depthwise, b.weight(`${name}/pointwise_kernel`), bias, c.activation, [1, 1], { s: b64('VALID') }, [1, 1]);
      const biased = bias ? b.add(`${name}/BiasAdd`, 'BiasAdd', [depthwise, bias], { T: FLOAT, data_format: NHWC }) : depthwise;
      return b.activation(name, biased, c.activation);
    }
    case 'Dense': {
      const x = one(inputs, name);
      const mm = b.add(`${name}/MatMul`, 'MatMul', [x, b.weight(`${name}/kernel`)], { T: FLOAT, transpose_a: { b: false }, transpose_b: { b: false } });
      const biased = c.use_bias === false ? mm : b.add(`${name}/BiasAdd`, 'BiasAdd', [mm, b.weight(`${name}/bias`)], { T: FLOAT, data_format: NHWC });
      return b.activation(name, biased, c.activation);
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const pool = pair(c.pool_size ?? 2, `layer ${name}: pool size`);
      const strides = c.strides === null || c.strides === undefined ? pool : pair(c.strides, `layer ${name}: strides`);
      const op = cls === 'MaxPooling2D' ? 'MaxPool' : 'AvgPool';
      return b.add(`${name}/${op}`, op, [one(inputs, name)], { T: FLOAT, data_format: NHWC, ksize: ints([1, ...pool, 1]), strides: ints([1, ...strides, 1]), padding: padding(c.padding ?? 'valid', name) });
    }
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D': {
      const op = cls === 'GlobalAveragePooling2D' ? 'Mean' : 'Max';
      const axes = b.intConst(`${name}/reduction_indices`, [1, 2]);
      return b.add(`${name}/${op}`, op, [one(inputs, name), axes], { T: FLOAT, Tidx: { type: 'DT_INT32' }, keep_dims: { b: c.keepdims === true } });
    }
    case 'Add': {
      if (inputs.length < 2) throw new GraphUnsupported(`layer ${name} adds ${inputs.length} input`);
      if (inputs.length === 2) return b.add(`${name}/add`, 'AddV2', inputs, { T: FLOAT });
      return b.add(`${name}/add`, 'AddN', inputs, { T: FLOAT, N: { i: String(inputs.length) } });
    }
    case 'Activation':
      return b.activation(name, one(inputs, name), c.activation);
    case 'ReLU': {
      if ((c.max_value ?? null) !== null || (c.negative_slope ?? 0) !== 0 || (c.threshold ?? 0) !== 0) throw new GraphUnsupported(`layer ${name}: ReLU with options`);
      return b.activation(name, one(inputs, name), 'relu');
    }
    case 'Softmax': {
      if (c.axis !== undefined && c.axis !== -1) throw new GraphUnsupported(`layer ${name}: softmax over axis ${String(c.axis)}`);
      return b.activation(name, one(inputs, name), 'softmax');
    }
    case 'Dropout':
    case 'SpatialDropout2D':
    case 'GaussianNoise':
    case 'GaussianDropout':
      return one(inputs, name); // identity at inference
    case 'Flatten': {
      const shape = shapes.get(name);
      const size = shape?.slice(1).reduce<number | null>((n, d) => (n === null || d === null ? null : n * d), 1);
      if (size === null || size === undefined) throw new GraphUnsupported(`layer ${name}: flatten of an unknown size`);
      return b.add(`${name}/Reshape`, 'Reshape', [one(inputs, name), b.intConst(`${name}/shape`, [-1, size])], { T: FLOAT, Tshape: { type: 'DT_INT32' } });
    }
    default:
      throw new GraphUnsupported(`layer ${name} (${cls}) has no graph mapping`);
  }
}

/**
 * The graph-model form of a layers model: `topology` is what the layers model.json holds as
 * "modelTopology" (a functional Model or a Sequential), `outputShapes` each layer's output shape
 * (for Flatten), `weightSpecs`/`weightData` its weights. Throws GraphUnsupported with the first
 * layer that has no mapping.
 */
export function toGraphModel(
  topology: Json,
  weightSpecs: tf.io.WeightsManifestEntry[],
  weightData: Uint8Array,
  outputShapes: Map<string, (number | null)[]> = new Map(),
): GraphModelParts {
  const cls = String(topology.class_name);
  const config = (topology.config ?? {}) as Json;
  const layers = (Array.isArray(config) ? config : config.layers) as Json[] | undefined;
  if (!Array.isArray(layers)) throw new GraphUnsupported(`a ${cls} without layers`);
  if (weightSpecs.some((w) => w.quantization)) throw new GraphUnsupported('quantized weights');
  const b = new GraphBuilder(weightSpecs);
  let inputs: string[];
  let outputs: string[];
  if (cls === 'Sequential') {
    // Each layer reads the one before it; the first may carry the input shape instead of an InputLayer.
    let previous: string | undefined;
    for (const layer of layers) {
      const c = (layer.config ?? {}) as Json;
      const name = String(c.name ?? layer.name);
      if (previous === undefined && layer.class_name !== 'InputLayer') {
        previous = 'input';
        b.outputOf.set(previous, mapLayer({ class_name: 'InputLayer', config: { name: previous, batch_input_shape: c.batch_input_shape } }, b, outputShapes));
      }
      b.outputOf.set(name, mapLayer(previous === undefined ? layer : { ...layer, inbound_nodes: [[[previous, 0, 0, {}]]] }, b, outputShapes));
      previous = name;
    }
    inputs = b.nodes.filter((n) => n.op === 'Placeholder').map((n) => n.name);
    outputs = previous === undefined ? [] : [previous];
  } else if (cls === 'Model' || cls === 'Functional') {
    for (const layer of layers) {
      const name = String(((layer.config ?? {}) as Json).name ?? layer.name);
      b.outputOf.set(name, mapLayer(layer, b, outputShapes));
    }
    const names = (refs: unknown): string[] => (Array.isArray(refs) ? refs.map((r) => String((r as unknown[])[0])) : []);
    inputs = names(config.input_layers);
    outputs = names(config.output_layers);
  } else {
    throw new GraphUnsupported(`a ${cls} model`);
  }
  if (inputs.length !== 1 || outputs.length !== 1) throw new GraphUnsupported(`${inputs.length} inputs and ${outputs.length} outputs (one of each is supported)`);
  // The output gets a name of its own, so a graph reader finds it whatever the last layer mapped to.
  const out = b.add('Identity', 'Identity', [b.outputOf.get(outputs[0])!], { T: FLOAT });
  const input = b.nodes.find((n) => n.op === 'Placeholder')!;
  // The output's shape, when known, lets a reader check the class count without running the model.
  const outShape = outputShapes.get(outputs[0]);
  const signature = {
    inputs: { [input.name]: { name: `${input.name}:0`, dtype: 'DT_FLOAT', tensorShape: input.attr.shape.shape } },
    outputs: { [out]: { name: `${out}:0`, dtype: 'DT_FLOAT', ...(outShape ? { tensorShape: dims(outShape.map((d) => d ?? -1)) } : {}) } },
  };
  const extra = b.extraData.reduce((n, d) => n + d.byteLength, 0);
  const data = new Uint8Array(weightData.byteLength + extra);
  data.set(weightData, 0);
  let at = weightData.byteLength;
  for (const d of b.extraData) {
    data.set(d, at);
    at += d.byteLength;
  }
  return { topology: { node: b.nodes, library: {}, versions: {} }, signature, weightSpecs: [...weightSpecs, ...b.extraSpecs], weightData: data };
}
