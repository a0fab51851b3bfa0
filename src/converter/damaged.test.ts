// Damaged files fail loudly and in one line: zip CRCs, HDF5's own diagnostics kept out of view,
// NaN/∞/absurd weights flagged, and a seeded fuzz run over mutants of small Keras files.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { strToU8, zipSync } from 'fflate';
import { convertKeras, ConversionError } from './index.ts';
import { hdf5Reason } from './hdf5.ts';
import { crc32 } from './zip-crc.ts';
import { keras2FullH5, keras3WeightsH5, kerasZip, values, type TestLayerWeights } from './testing/keras-files.ts';

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
});

const config = {
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 6, 6, 1], dtype: 'float32', name: 'input_1' } },
      { class_name: 'Conv2D', config: { name: 'conv', filters: 4, kernel_size: [3, 3], padding: 'valid', activation: 'linear', use_bias: true } },
      { class_name: 'BatchNormalization', config: { name: 'bn', axis: -1, epsilon: 0.001, center: true, scale: true } },
      { class_name: 'Activation', config: { name: 'act', activation: 'relu' } },
      { class_name: 'Flatten', config: { name: 'flatten' } },
      { class_name: 'Dense', config: { name: 'dense', units: 3, activation: 'softmax', use_bias: true } },
    ],
  },
};

const kernel = values(36, 1);
const weights = (override: Partial<Record<'kernel' | 'variance', Float32Array>> = {}): TestLayerWeights[] => [
  { layer: 'conv', weights: [{ name: 'conv/kernel:0', shape: [3, 3, 1, 4], data: override.kernel ?? kernel }, { name: 'conv/bias:0', shape: [4], data: values(4, 2) }] },
  {
    layer: 'bn',
    weights: [
      { name: 'bn/gamma:0', shape: [4], data: values(4, 3) },
      { name: 'bn/beta:0', shape: [4], data: values(4, 4) },
      { name: 'bn/moving_mean:0', shape: [4], data: values(4, 5) },
      { name: 'bn/moving_variance:0', shape: [4], data: override.variance ?? values(4, 6).map((v) => 1 + Math.abs(v)) },
    ],
  },
  { layer: 'act', weights: [] },
  { layer: 'flatten', weights: [] },
  { layer: 'dense', weights: [{ name: 'dense/kernel:0', shape: [64, 3], data: values(192, 7) }, { name: 'dense/bias:0', shape: [3], data: values(3, 8) }] },
];

async function keras3Zip(level: 0 | 6): Promise<Uint8Array> {
  const h5 = await keras3WeightsH5({
    'layers/conv2d': [{ shape: [3, 3, 1, 4], data: kernel }, { shape: [4], data: values(4, 2) }],
    'layers/batch_normalization': [3, 4, 5].map((s) => ({ shape: [4], data: values(4, s) })).concat([{ shape: [4], data: values(4, 6).map((v) => 1 + Math.abs(v)) }]),
    'layers/dense': [{ shape: [64, 3], data: values(192, 7) }, { shape: [3], data: values(3, 8) }],
  });
  if (level === 6) return kerasZip(config, h5);
  return zipSync({ 'config.json': strToU8(JSON.stringify(config)), 'model.weights.h5': h5 }, { level: 0 });
}

/** Everything written to stderr or console.error while fn runs (HDF5's diagnostics went there). */
async function quietly<T>(fn: () => Promise<T>): Promise<{ result: T | Error; noise: string }> {
  let noise = '';
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    noise += String(chunk);
    return true;
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (noise += a.join(' ')));
  try {
    return { result: await fn().catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))), noise };
  } finally {
    write.mockRestore();
    error.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('damaged zip', () => {
  it('a stored (uncompressed) .keras with one flipped weight byte fails its CRC instead of converting', async () => {
    const zip = await keras3Zip(0);
    expect((await convertKeras({ main: zip })).outputClasses).toBe(3); // intact, it converts
    const bad = zip.slice();
    // A byte in the middle of model.weights.h5's data: unzips fine, wrong weights without the CRC.
    const at = bad.length - 2000;
    bad[at] ^= 0x40;
    await expect(convertKeras({ main: bad }, { mainName: 'm.keras' })).rejects.toThrow('m.keras is a damaged zip: "model.weights.h5" fails its CRC-32 check');
  });

  it('computes CRC-32 as zip does', () => {
    expect(crc32(strToU8('123456789')).toString(16)).toBe('cbf43926');
  });
});

describe('damaged HDF5', () => {
  it('a truncated file fails with one line and nothing from the HDF5 library on stderr', async () => {
    const h5 = await keras2FullH5(config, weights());
    const { result, noise } = await quietly(() => convertKeras({ main: h5.slice(0, Math.floor(h5.length * 0.6)) }, { mainName: 'm.h5' }));
    expect(result).toBeInstanceOf(ConversionError);
    expect((result as Error).message).toMatch(/^m\.h5 has an HDF5 signature but could not be opened: the file is damaged or truncated \(.*truncated file/);
    expect((result as Error).message).not.toContain('\n');
    expect(noise).not.toContain('HDF5');
  });

  it('condenses an HDF5 error stack to its routine and object', () => {
    const stack = `HDF5-DIAG: Error detected in HDF5 (2.0.0):
  #000: /src/H5Gdeprec.c line 967 in H5Gget_objinfo(): can't get info for object: '/model_weights/conv2d_3/conv2d_3/bias:0'
    major: Symbol table
  #001: /src/H5Oint.c line 1 in H5O_get_info(): bad object header version number
    major: Object header`;
    expect(hdf5Reason(new Error(stack))).toBe("can't get info for object: bad object header version number (at /model_weights/conv2d_3/conv2d_3/bias:0)");
  });
});

describe('implausible weights', () => {
  it('NaN and infinite weights are refused, naming the weight', async () => {
    for (const bad of [NaN, Infinity]) {
      const k = kernel.slice();
      k[5] = bad;
      await expect(convertKeras({ main: await keras2FullH5(config, weights({ kernel: k })) })).rejects.toThrow(
        new RegExp(`layer "conv" weight "conv/kernel" contains ${Number.isNaN(bad) ? 'NaN' : 'infinite'} values`),
      );
    }
  });

  it('an absurd weight is refused, a merely large one warned about, a large BN variance accepted', async () => {
    const absurd = kernel.slice();
    absurd[0] = 3e7;
    await expect(convertKeras({ main: await keras2FullH5(config, weights({ kernel: absurd })) })).rejects.toThrow(/weight "conv\/kernel" has a value of 3\.00e\+7, far beyond any trained weight/);
    const large = kernel.slice();
    large[0] = -2e4;
    const r = await convertKeras({ main: await keras2FullH5(config, weights({ kernel: large, variance: Float32Array.of(6e4, 1, 1, 1) })) });
    expect(r.warnings.filter((w) => w.includes('unusually large'))).toEqual([
      'layer "conv" weight "conv/kernel" has a value of 2.00e+4, unusually large for a trained network: the file may be damaged',
    ]);
  });
});

// ---- Fuzz: a fixed seed, mutants of three small files, each converting or failing in one line ----

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function mutate(src: Uint8Array, kind: number, rnd: () => number): Uint8Array {
  const at = (n = 0) => Math.floor(rnd() * (src.length - n));
  switch (kind % 4) {
    case 0: {
      const b = src.slice();
      for (let i = 1 + Math.floor(rnd() * 20); i > 0; i--) b[at()] ^= 1 + Math.floor(rnd() * 255);
      return b;
    }
    case 1:
      return src.slice(0, Math.max(8, at()));
    case 2: {
      const b = src.slice();
      const p = at(512);
      b.fill(0, p, p + 64 + Math.floor(rnd() * 448));
      return b;
    }
    default: {
      const p = at(1024);
      const chunk = src.slice(p, p + 32 + Math.floor(rnd() * 992));
      const b = new Uint8Array(src.length + chunk.length);
      b.set(src.subarray(0, p));
      b.set(chunk, p);
      b.set(src.subarray(p), p + chunk.length);
      return b;
    }
  }
}

const within = <T>(ms: number, p: Promise<T>): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

describe('fuzz: damaged copies of small Keras files', () => {
  it('48 seeded mutants each convert or fail with one line, quietly, within a few seconds', async () => {
    const sources: [string, Uint8Array, string?][] = [
      ['model.h5', await keras2FullH5(config, weights())],
      ['model.keras', await keras3Zip(6)],
      ['weights.h5', await keras2FullH5({}, weights()).then(() => import('./testing/keras-files.ts')).then((m) => m.keras2WeightsH5(weights())), JSON.stringify(config)],
    ];
    // FUZZ_SEED / FUZZ_COUNT explore further by hand; npm test runs the fixed 48.
    const rnd = lcg(Number(process.env.FUZZ_SEED ?? 20261202));
    const count = Number(process.env.FUZZ_COUNT ?? 48);
    const outcomes: string[] = [];
    for (let i = 0; i < count; i++) {
      const [name, src, arch] = sources[i % 3];
      const kind = Math.floor(i / 3) % 4;
      const bytes = mutate(src, kind, rnd);
      if (process.env.FUZZ_LOG) {
        const fs = await import('node:fs');
        fs.appendFileSync(process.env.FUZZ_LOG, `${i} ${name} ${kind} ${bytes.length}\n`);
        fs.writeFileSync(`${process.env.FUZZ_LOG}.${i}`, bytes);
      }
      const t0 = performance.now();
      const { result, noise } = await quietly(() => within(5000, convertKeras({ main: bytes, arch }, { mainName: name })));
      const ms = performance.now() - t0;
      const label = `mutant ${i} (${name}, ${['flipped bytes', 'truncated', 'zeroed block', 'repeated chunk'][kind]})`;
      expect(ms, label).toBeLessThan(5000);
      expect(noise, `${label} printed: ${noise.slice(0, 200)}`).toBe('');
      if (result instanceof Error) {
        expect(result, `${label}: ${result.message}`).toBeInstanceOf(ConversionError);
        expect(result.message, label).not.toContain('\n');
        expect(result.message.length, label).toBeLessThan(400);
        outcomes.push(`${label}: ${result.message}`);
      } else {
        // A mutant that still converts must compute finite outputs.
        const out = tf.tidy(() => (result.model.predict(tf.ones([1, 6, 6, 1])) as tf.Tensor).dataSync());
        expect(Array.from(out).every(Number.isFinite), label).toBe(true);
        result.model.dispose();
        outcomes.push(`${label}: converted`);
      }
    }
    if (process.env.FUZZ_LOG) (await import('node:fs')).appendFileSync(process.env.FUZZ_LOG, `${outcomes.join('\n')}\n`);
    // Most damage must be detected, not converted through.
    expect(outcomes.filter((o) => o.endsWith('converted')).length).toBeLessThan(count / 2);
  }, 120_000);
});
