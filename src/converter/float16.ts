// IEEE 754 half precision → float32, for Keras weights saved by mixed-precision training (HDF5
// "<f2"). h5wasm 0.10 refuses to decode float16, so hdf5.ts reads those datasets' raw bytes (HDF5
// converts them to the native, little-endian, layout) and decodes them here.

export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24; // zero and subnormals
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** Little-endian half floats → Float32Array. */
export function decodeFloat16(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = halfToFloat(bytes[2 * i] | (bytes[2 * i + 1] << 8));
  return out;
}

/** float32 → nearest half (round to nearest even), little-endian bytes; for writing test files. */
export function encodeFloat16(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < values.length; i++) {
    f[0] = values[i];
    const x = u[0];
    const sign = (x >>> 16) & 0x8000;
    const exp = ((x >>> 23) & 0xff) - 127 + 15;
    let mant = x & 0x7fffff;
    let h: number;
    if (((x >>> 23) & 0xff) === 0xff) h = sign | 0x7c00 | (mant ? 0x200 : 0);
    else if (exp >= 0x1f) h = sign | 0x7c00;
    else if (exp <= 0) {
      if (exp < -10) h = sign;
      else {
        mant |= 0x800000;
        const shift = 14 - exp;
        const half = 1 << (shift - 1);
        let m = mant >> shift;
        const rest = mant & ((1 << shift) - 1);
        if (rest > half || (rest === half && m & 1)) m++;
        h = sign | m;
      }
    } else {
      let m = mant >> 13;
      const rest = mant & 0x1fff;
      let e = exp;
      if (rest > 0x1000 || (rest === 0x1000 && m & 1)) {
        m++;
        if (m === 0x400) {
          m = 0;
          e++;
        }
      }
      h = e >= 0x1f ? sign | 0x7c00 : sign | (e << 10) | m;
    }
    out[2 * i] = h & 0xff;
    out[2 * i + 1] = h >> 8;
  }
  return out;
}
