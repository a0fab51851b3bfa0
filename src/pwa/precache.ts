// What the service worker precaches, and its version. Pure: used by the build plugin
// (build/pwa.ts, Node) and by the service worker itself (cache names), and unit-tested.

export interface BuiltFile {
  /** Path inside the build output, with forward slashes, e.g. "assets/index-abc123.js". */
  path: string;
  /** Content hash (hex), e.g. SHA-256. */
  hash: string;
  size: number;
}

export interface PrecacheManifest {
  /** Changes whenever any precached file's content or name changes. */
  version: string;
  /** Absolute URL paths to cache, sorted. */
  urls: string[];
  /** Bytes to download on install. */
  bytes: number;
}

export const CACHE_PREFIX = 'emotion-lens-';

/** Files the app never fetches (docs, checksums, source maps, tool stamps) and the worker itself. */
export function shouldPrecache(path: string): boolean {
  const name = path.split('/').pop() ?? path;
  if (name === 'sw.js' || name === '_headers' || name.startsWith('.')) return false;
  if (/\.(map|md|txt)$/i.test(name) || /^LICENSE/i.test(name) || name === 'SHA256SUMS') return false;
  return true;
}

/**
 * The precache list and its version. `digest` hashes a string to hex (SHA-256 in the build);
 * the version covers every path and content hash, so a new bundle or a replaced model file
 * gives a new version, a new cache and a fresh download; the same files always give the same one.
 */
export function precacheManifest(files: readonly BuiltFile[], base: string, digest: (text: string) => string): PrecacheManifest {
  const root = base.endsWith('/') ? base : `${base}/`;
  const kept = files.filter((f) => shouldPrecache(f.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const version = digest(kept.map((f) => `${f.path} ${f.hash}`).join('\n')).slice(0, 16);
  return { version, urls: kept.map((f) => root + f.path), bytes: kept.reduce((s, f) => s + f.size, 0) };
}

export function cacheName(version: string): string {
  return CACHE_PREFIX + version;
}

/** Caches of older versions of this app, to delete once the new version is active. Others' caches are left alone. */
export function staleCaches(existing: readonly string[], currentVersion: string): string[] {
  const current = cacheName(currentVersion);
  return existing.filter((n) => n.startsWith(CACHE_PREFIX) && n !== current);
}
