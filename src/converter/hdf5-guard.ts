// Checks HDF5 structures that the HDF5 library itself would loop on forever when damaged, before
// the bytes reach it (h5wasm runs synchronously: a hang there freezes the page). Found by the fuzz
// test: a zeroed block in a global heap collection (where variable-length strings such as Keras'
// model_config live) gives a free-space object of size 0, and H5HG's deserialize loop never moves on.
import { ConversionError } from './errors.ts';

const GCOL = [0x47, 0x43, 0x4f, 0x4c]; // "GCOL"
const MIN_COLLECTION = 4096; // HDF5 never writes smaller collections
const HEADER = 16; // signature, version, 3 reserved, 8-byte size
const OBJECT_HEADER = 16; // index (2), reference count (2), reserved (4), size (8)

const u64 = (v: DataView, at: number): number => v.getUint32(at, true) + v.getUint32(at + 4, true) * 2 ** 32;

export function checkGlobalHeaps(bytes: Uint8Array, what: string): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = bytes.indexOf(GCOL[0]); at >= 0 && at + HEADER <= bytes.length; at = bytes.indexOf(GCOL[0], at + 1)) {
    if (bytes[at + 1] !== GCOL[1] || bytes[at + 2] !== GCOL[2] || bytes[at + 3] !== GCOL[3] || bytes[at + 4] !== 1) continue;
    const size = u64(view, at + 8);
    // Not a collection (a coincidence in weight data), or one cut off by truncation: HDF5 says so itself.
    if (size < MIN_COLLECTION || at + size > bytes.length) continue;
    const end = at + size;
    let p = at + HEADER;
    while (p < end) {
      if (p + OBJECT_HEADER > end) break; // trailing space too small for an object: free space
      const index = view.getUint16(p, true);
      const objectSize = u64(view, p + 8);
      const need = index > 0 ? OBJECT_HEADER + Math.ceil(objectSize / 8) * 8 : objectSize;
      if (need <= 0 || p + need > end + 8) {
        throw new ConversionError(`${what} is a damaged HDF5 file: its global heap at byte ${at} is corrupt (where its text attributes are stored)`);
      }
      p += need;
    }
  }
}
