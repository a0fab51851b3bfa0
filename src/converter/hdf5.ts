// Reads a whole (small) Keras HDF5 file into plain JS objects, so the rest of the converter never
// touches h5wasm's file handles or its in-memory file system. h5wasm is imported lazily: it is a
// 4 MB module the app should only load when the user actually converts a model.
import { ConversionError } from './errors.ts';
import { decodeFloat16 } from './float16.ts';
import { checkGlobalHeaps } from './hdf5-guard.ts';

export interface H5Dataset {
  kind: 'dataset';
  shape: number[];
  dtype: string;
  data: Float32Array;
}

export interface H5Group {
  kind: 'group';
  attrs: Record<string, unknown>;
  children: Map<string, H5Group | H5Dataset>;
}

/** Groups that only matter for resuming training; skipping them halves the read time. */
const SKIPPED_GROUPS = new Set(['optimizer_weights', 'optimizer']);

let counter = 0;

export async function readHdf5(bytes: Uint8Array, what: string): Promise<H5Group> {
  const h5wasm = (await import('h5wasm')).default;
  const module = await h5wasm.ready;
  const { FS } = module;
  if (!FS) throw new Error('h5wasm has no in-memory file system');
  checkGlobalHeaps(bytes, what);
  const path = `/emotion-lens-convert-${Date.now()}-${counter++}.h5`;
  FS.writeFile(path, bytes);
  // HDF5 prints its error stack (40–90 lines) to stderr by default; this makes each error a JS
  // exception instead, whose text is condensed to one line below.
  module.activate_throwing_error_handler();
  let file: InstanceType<typeof h5wasm.File> | undefined;
  try {
    try {
      file = new h5wasm.File(path, 'r');
    } catch (e) {
      throw new ConversionError(`${what} has an HDF5 signature but could not be opened: the file is damaged or truncated (${hdf5Reason(e)})`);
    }
    try {
      return readGroup(h5wasm, module, file, what);
    } catch (e) {
      if (e instanceof ConversionError) throw e;
      throw new ConversionError(`${what} is a damaged HDF5 file: ${hdf5Reason(e)}`);
    }
  } finally {
    try {
      file?.close();
    } catch {
      // A damaged file may not close cleanly; its bytes are dropped below either way.
    }
    module.deactivate_throwing_error_handler();
    FS.unlink(path);
  }
}

/**
 * One line from an HDF5 error stack ("HDF5-DIAG: Error detected … #000: …/H5Gdeprec.c line 967 in
 * H5Gget_objinfo(): can't get info for object: '/model_weights/x/bias:0' …"): the innermost
 * routine's words, the object named if any.
 */
export function hdf5Reason(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const frames = [...text.matchAll(/#\d+: [^\n]* in (\w+)\(\): ([^\n]*)/g)].map((m) => m[2].trim());
  const object = /'(\/[^']*)'/.exec(text)?.[1];
  if (frames.length === 0) return text.split('\n')[0].slice(0, 200);
  const first = frames[0].replace(/:?\s*'[^']*'$/, '');
  const last = frames[frames.length - 1];
  const reason = last !== frames[0] ? `${first}: ${last}` : first;
  return `${reason}${object ? ` (at ${object})` : ''}`.slice(0, 300);
}

type H5 = Awaited<typeof import('h5wasm')>['default'];
type Group = InstanceType<H5['Group']>;
type H5Module = Awaited<H5['ready']>;

function readGroup(h5wasm: H5, module: H5Module, g: Group, what: string): H5Group {
  const attrs: Record<string, unknown> = {};
  for (const [name, attr] of Object.entries(g.attrs)) attrs[name] = attr.value;
  const children = new Map<string, H5Group | H5Dataset>();
  for (const key of g.keys()) {
    if (SKIPPED_GROUPS.has(key)) continue;
    const child = g.get(key);
    if (child instanceof h5wasm.Dataset) {
      children.set(key, readDataset(module, child, `${what}:${child.path}`));
    } else if (child instanceof h5wasm.Group) {
      children.set(key, readGroup(h5wasm, module, child, what));
    }
  }
  return { kind: 'group', attrs, children };
}

/** HDF5 IEEE half floats: read as raw bytes (HDF5 hands them over little-endian) and decoded. */
function readFloat16(module: H5Module, d: InstanceType<H5['Dataset']>): Float32Array {
  const bytes = 2 * Number(d.metadata.total_size);
  const ptr = module._malloc(bytes);
  try {
    module.get_dataset_data(d.file_id, d.path, null, null, null, BigInt(ptr));
    return decodeFloat16(module.HEAPU8.slice(ptr, ptr + bytes));
  } finally {
    module._free(ptr);
  }
}

function readDataset(module: H5Module, d: InstanceType<H5['Dataset']>, where: string): H5Dataset {
  const dtype = typeof d.dtype === 'string' ? d.dtype : JSON.stringify(d.dtype);
  const shape = d.shape ?? [];
  if (d.metadata.type === 1 && d.metadata.size === 2) {
    try {
      return { kind: 'dataset', shape, dtype: 'float16', data: readFloat16(module, d) };
    } catch (e) {
      return { kind: 'dataset', shape, dtype: `unreadable float16 (${hdf5Reason(e)}) at ${where}`, data: new Float32Array(0) };
    }
  }
  let value: unknown;
  try {
    value = d.value;
  } catch (e) {
    // h5wasm cannot decode some types (float16): fail on this weight only if a layer needs it.
    return { kind: 'dataset', shape, dtype: `unreadable ${dtype} (${hdf5Reason(e)}) at ${where}`, data: new Float32Array(0) };
  }
  let data: Float32Array;
  if (value instanceof Float32Array) data = value;
  else if (value instanceof Float64Array || value instanceof Int32Array || value instanceof Int16Array ||
    value instanceof Int8Array || value instanceof Uint8Array || value instanceof Uint16Array || value instanceof Uint32Array) {
    data = Float32Array.from(value);
  } else if (typeof value === 'number') {
    data = Float32Array.of(value);
  } else if (typeof value === 'bigint') {
    data = Float32Array.of(Number(value));
  } else if (value instanceof BigInt64Array || value instanceof BigUint64Array) {
    data = Float32Array.from(value, (v) => Number(v));
  } else {
    // Strings, compound types, references: never a Keras weight. Keep the shape for error messages.
    return { kind: 'dataset', shape, dtype: `unsupported(${dtype}) at ${where}`, data: new Float32Array(0) };
  }
  return { kind: 'dataset', shape, dtype, data };
}

/** Walks a slash-separated path; undefined when any part is missing. */
export function h5Get(root: H5Group, path: string): H5Group | H5Dataset | undefined {
  let node: H5Group | H5Dataset | undefined = root;
  for (const part of path.split('/').filter(Boolean)) {
    if (!node || node.kind !== 'group') return undefined;
    node = node.children.get(part);
  }
  return node;
}

/** Keras stores names as string arrays, single strings, or (when empty) an empty numeric array. */
export function stringList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.map((x) => (x instanceof Uint8Array ? new TextDecoder().decode(x) : String(x)));
  return [];
}

export function stringAttr(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  if (Array.isArray(v) && v.length === 1) return stringAttr(v[0]);
  return undefined;
}
