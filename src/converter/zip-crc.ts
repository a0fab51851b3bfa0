// fflate unpacks a zip without checking its entries' CRC-32, so a damaged .keras file could
// convert "fine" with garbage weights. This reads each entry's CRC from the central directory and
// checks it against the unpacked bytes.
import { ConversionError } from './errors.ts';

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Entry name → CRC-32 recorded in the zip's central directory. */
export function centralDirectoryCrcs(bytes: Uint8Array, what: string): Map<string, number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes, at the very end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ConversionError(`${what} is a damaged zip: its central directory is missing (truncated file?)`);
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const crcs = new Map<string, number>();
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) {
      throw new ConversionError(`${what} is a damaged zip: entry ${i + 1} of its central directory is corrupt`);
    }
    const nameLength = view.getUint16(at + 28, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    crcs.set(name, view.getUint32(at + 16, true));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return crcs;
}

/** Every unpacked entry must have the CRC-32 the zip records for it. */
export function checkZipCrcs(bytes: Uint8Array, entries: Record<string, Uint8Array>, what: string): void {
  const crcs = centralDirectoryCrcs(bytes, what);
  for (const [name, data] of Object.entries(entries)) {
    const expected = crcs.get(name);
    if (expected === undefined) throw new ConversionError(`${what} is a damaged zip: "${name}" is missing from its central directory`);
    if (crc32(data) !== expected) throw new ConversionError(`${what} is a damaged zip: "${name}" fails its CRC-32 check`);
  }
}
