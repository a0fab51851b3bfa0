// Formats are told apart by their bytes only: people rename files (a weights-only HDF5 saved as
// ".keras" is common), so the extension is never trusted.

export type FileKind = 'hdf5' | 'zip' | 'json' | 'lfs-pointer' | 'unknown';

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const LFS_PREFIX = 'version https://git-lfs.github.com/spec/';

function hasBytesAt(bytes: Uint8Array, sig: number[], at: number): boolean {
  if (bytes.length < at + sig.length) return false;
  return sig.every((b, i) => bytes[at + i] === b);
}

/** The HDF5 superblock may follow a user block, so it can sit at 0, 512, 1024, 2048, ... */
function hdf5SignatureOffset(bytes: Uint8Array): number {
  for (let at = 0; at + 8 <= bytes.length; at = at === 0 ? 512 : at * 2) {
    if (hasBytesAt(bytes, HDF5_SIGNATURE, at)) return at;
  }
  return -1;
}

function leadingText(bytes: Uint8Array, n: number): string {
  let start = 0;
  if (hasBytesAt(bytes, [0xef, 0xbb, 0xbf], 0)) start = 3; // UTF-8 BOM
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(start, start + n));
}

export function sniff(bytes: Uint8Array): FileKind {
  if (hdf5SignatureOffset(bytes) >= 0) return 'hdf5';
  if (hasBytesAt(bytes, ZIP_SIGNATURE, 0)) return 'zip';
  const head = leadingText(bytes, 256).trimStart();
  if (head.startsWith(LFS_PREFIX)) return 'lfs-pointer';
  if (head.startsWith('{')) return 'json';
  return 'unknown';
}

export function describeKind(kind: FileKind): string {
  switch (kind) {
    case 'hdf5':
      return 'HDF5';
    case 'zip':
      return 'zip';
    case 'json':
      return 'JSON';
    case 'lfs-pointer':
      return 'Git LFS pointer';
    case 'unknown':
      return 'unrecognised bytes';
  }
}
