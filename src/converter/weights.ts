// Puts the HDF5 weights into the tfjs model's variables. Keras 2 files name every weight
// ("<layer>/<var>:0"), Keras 3 files only number them (layers/<layer>/vars/<i>); either way each
// value is shape-checked before it is written.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { ConversionError } from './errors.ts';
import { h5Get, stringList, type H5Dataset, type H5Group } from './hdf5.ts';

type Layer = tfl.LayersModel['layers'][number];
type Variable = Layer['weights'][number];

export type WeightsLayout = 'keras2' | 'keras3';

/** Where a model's weights sit in an HDF5 file, or undefined when it holds no Keras weights. */
export function findWeights(root: H5Group): { group: H5Group; layout: WeightsLayout } | undefined {
  const mw = root.children.get('model_weights');
  if (mw?.kind === 'group' && mw.attrs.layer_names !== undefined) return { group: mw, layout: 'keras2' };
  if (root.attrs.layer_names !== undefined) return { group: root, layout: 'keras2' };
  if (root.children.get('layers')?.kind === 'group') return { group: root, layout: 'keras3' };
  return undefined;
}

interface Assignment {
  variable: Variable;
  data: H5Dataset;
  label: string;
}

/** Beyond these a trained network's weight is not plausible: a damaged file (or a diverged training). */
export const ABSURD_WEIGHT = 1e6;
export const LARGE_WEIGHT = 1e4;
/** Moving variances of raw-pixel inputs legitimately reach 255² and more. */
const ABSURD_VARIANCE = 1e12;

/** NaN, ±∞ and absurd magnitudes are errors; merely large ones a warning. */
function checkValues(data: Float32Array, label: string, isVariance: boolean, warnings: string[]): void {
  let max = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) {
      throw new ConversionError(`${label} contains ${Number.isNaN(v) ? 'NaN' : 'infinite'} values: the file is damaged (or the training diverged)`);
    }
    const a = Math.abs(v);
    if (a > max) max = a;
  }
  const limit = isVariance ? ABSURD_VARIANCE : ABSURD_WEIGHT;
  if (max > limit) {
    throw new ConversionError(`${label} has a value of ${max.toExponential(2)}, far beyond any trained weight: the file is damaged`);
  }
  if (!isVariance && max > LARGE_WEIGHT) {
    warnings.push(`${label} has a value of ${max.toExponential(2)}, unusually large for a trained network: the file may be damaged`);
  }
}

export function assignWeights(model: tfl.LayersModel, group: H5Group, layout: WeightsLayout, warnings: string[] = []): number {
  const assignments = layout === 'keras2' ? matchKeras2(model, group) : matchKeras3(model.layers, group, 'layers', []);
  for (const { variable, data, label } of assignments) {
    const expected = variable.shape;
    if (!sameShape(expected, data.shape)) {
      throw new ConversionError(
        `weight shape mismatch for ${label}: the model expects [${expected.join(', ')}], the file has [${data.shape.join(', ')}]`,
      );
    }
    if (data.dtype.startsWith('unreadable')) {
      throw new ConversionError(`${label} could not be read: ${data.dtype.replace(/^unreadable /, '')}`);
    }
    if (data.data.length !== data.shape.reduce((a, b) => a * b, 1)) {
      throw new ConversionError(`${label} holds ${data.dtype} values that cannot be read as float32 weights`);
    }
    checkValues(data.data, label, /moving_variance/.test(variable.originalName), warnings);
    const t = tf.tensor(data.data, data.shape, 'float32');
    variable.write(t);
    t.dispose();
  }
  return assignments.length;
}

function sameShape(a: readonly (number | null)[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

const stripIndex = (n: string): string => n.replace(/:\d+$/, '');
const lastParts = (n: string, k: number): string => stripIndex(n).split('/').slice(-k).join('/');

function matchKeras2(model: tfl.LayersModel, root: H5Group): Assignment[] {
  const out: Assignment[] = [];
  const used = new Set<string>();
  for (const layer of model.layers) {
    const variables = layer.weights;
    if (variables.length === 0) continue;
    const group = root.children.get(layer.name);
    if (!group || group.kind !== 'group') {
      throw new ConversionError(`the weights file has no weights for layer "${layer.name}": it does not belong to this architecture`);
    }
    used.add(layer.name);
    const names = stringList(group.attrs.weight_names);
    const data = names.map((n) => h5Get(group, n));
    const label = (i: number): string => `layer "${layer.name}" weight "${stripIndex(names[i])}"`;
    const order = matchByName(variables, names) ?? matchByOrder(variables, names);
    if (!order) {
      throw new ConversionError(
        `layer "${layer.name}" does not match the weights file: the model expects ` +
          `[${variables.map((v) => lastParts(v.originalName, 2)).join(', ')}], the file has [${names.map(stripIndex).join(', ')}]`,
      );
    }
    order.forEach((fileIndex, varIndex) => {
      const d = data[fileIndex];
      if (d?.kind !== 'dataset') throw new ConversionError(`the weights file lists ${label(fileIndex)} but does not contain it`);
      out.push({ variable: variables[varIndex], data: d, label: label(fileIndex) });
    });
  }
  for (const name of stringList(root.attrs.layer_names)) {
    const g = root.children.get(name);
    if (used.has(name) || g?.kind !== 'group' || stringList(g.attrs.weight_names).length === 0) continue;
    throw new ConversionError(`the weights file has weights for layer "${name}", which the architecture does not have`);
  }
  return out;
}

/** Nested models list "<inner layer>/<var>": match those names when they are all unique. */
function matchByName(variables: Variable[], names: string[]): number[] | undefined {
  const keys = names.map((n) => lastParts(n, 2));
  const order: number[] = [];
  for (const v of variables) {
    const key = lastParts(v.originalName, 2);
    const i = keys.indexOf(key);
    if (i < 0 || keys.lastIndexOf(key) !== i) return undefined;
    order.push(i);
  }
  return order;
}

/** Old Keras (2.0.x) names weights "<layer>_1/<var>": fall back to order, checking the variable names. */
function matchByOrder(variables: Variable[], names: string[]): number[] | undefined {
  if (variables.length !== names.length) return undefined;
  const ok = variables.every((v, i) => lastParts(v.originalName, 1) === lastParts(names[i], 1));
  return ok ? variables.map((_, i) => i) : undefined;
}

type WithLayers = Layer & { layers: Layer[] };
const isContainer = (l: Layer): l is WithLayers => Array.isArray((l as Partial<WithLayers>).layers);

/** Keras 3's naming.to_snake_case: "BatchNormalization" → "batch_normalization", "ReLU" → "re_lu". */
export function kerasSnakeCase(className: string): string {
  return className
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * Keras 3 files a layer's variables under its class name in snake case, numbered per class in
 * layer order ("conv2d", "conv2d_1", ...), not under the layer's own name; early Keras 3 versions
 * used the layer name. Both are tried, in that order.
 */
function keras3Paths(layers: Layer[], prefix: string): string[][] {
  const used = new Map<string, number>();
  return layers.map((layer) => {
    // tfjs calls a nested functional model "Model"; Keras 3 calls it "Functional".
    const base = kerasSnakeCase(layer.getClassName() === 'Model' ? 'Functional' : layer.getClassName());
    const count = used.get(base);
    used.set(base, count === undefined ? 0 : count + 1);
    const byClass = count === undefined ? base : `${base}_${count + 1}`;
    return [...new Set([`${prefix}/${byClass}`, `${prefix}/${layer.name}`])];
  });
}

function matchKeras3(layers: Layer[], root: H5Group, prefix: string, where: string[]): Assignment[] {
  const out: Assignment[] = [];
  const candidates = keras3Paths(layers, prefix);
  layers.forEach((layer, index) => {
    const layerWhere = [...where, layer.name].join(' › ');
    if (isContainer(layer)) {
      const path = candidates[index].find((p) => h5Get(root, p)?.kind === 'group') ?? candidates[index][0];
      out.push(...matchKeras3(layer.layers, root, `${path}/layers`, [...where, layer.name]));
      return;
    }
    const variables = layer.weights;
    if (variables.length === 0) return;
    const found = candidates[index]
      .map((p) => ({ path: p, vars: h5Get(root, `${p}/vars`) }))
      .find((c) => c.vars?.kind === 'group');
    if (!found || found.vars?.kind !== 'group') {
      throw new ConversionError(`the weights file has no weights for layer "${layerWhere}" (looked for ${candidates[index].map((p) => `${p}/vars`).join(' and ')})`);
    }
    const vars = found.vars;
    const count = [...vars.children.keys()].filter((k) => /^\d+$/.test(k)).length;
    if (count !== variables.length) {
      throw new ConversionError(`layer "${layerWhere}" has ${count} weights in the file but the model expects ${variables.length}`);
    }
    variables.forEach((variable, i) => {
      const d = vars.children.get(String(i));
      if (d?.kind !== 'dataset') throw new ConversionError(`the weights file lacks ${found.path}/vars/${i}`);
      out.push({ variable, data: d, label: `layer "${layerWhere}" weight "${lastParts(variable.originalName, 1)}"` });
    });
  });
  return out;
}
