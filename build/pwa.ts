// Vite plugin: after the production build is written, lists every file of the output (hashed
// assets, public/ files, models, wasm), hashes them, and writes dist/sw.js, the service worker
// from src/pwa/sw.ts with the precache list and a version derived from those hashes.
// Not active in dev (apply: 'build'), where the app registers no worker either.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as rolldownBuild } from 'rolldown';
import type { Plugin } from 'vite';
import { precacheManifest, type BuiltFile, type PrecacheManifest } from '../src/pwa/precache.ts';
import { headersFile } from './headers.ts';

const SW_SOURCE = fileURLToPath(new URL('../src/pwa/sw.ts', import.meta.url));

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export function listBuiltFiles(outDir: string): BuiltFile[] {
  const out: BuiltFile[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(full, r);
      else if (e.isFile()) {
        const data = fs.readFileSync(full);
        out.push({ path: r, hash: sha256(data), size: data.length });
      }
    }
  };
  walk(outDir, '');
  return out;
}

/** Writes outDir/sw.js for the files now in outDir; returns what it precaches. */
export async function writeServiceWorker(outDir: string, base = '/'): Promise<PrecacheManifest> {
  const manifest = precacheManifest(listBuiltFiles(outDir), base, sha256);
  const result = await rolldownBuild({
    input: SW_SOURCE,
    write: false,
    logLevel: 'silent',
    transform: { define: { __PRECACHE__: JSON.stringify({ version: manifest.version, urls: manifest.urls, base }) } },
    output: { format: 'iife', minify: true },
  });
  const code = result.output[0].code;
  fs.writeFileSync(path.join(outDir, 'sw.js'), `// Emotion Lens service worker, version ${manifest.version}\n${code}`);
  return manifest;
}

export function serviceWorkerPlugin(): Plugin {
  let outDir = 'dist';
  let base = '/';
  return {
    name: 'emotion-lens-sw',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      base = config.base;
    },
    // closeBundle: after Vite has copied public/ and written every asset, so the list is complete.
    async closeBundle() {
      // For static hosts that read a _headers file (Netlify, Cloudflare Pages); not precached.
      fs.writeFileSync(path.join(outDir, '_headers'), headersFile());
      const m = await writeServiceWorker(outDir, base);
      this.info?.(`service worker ${m.version}: ${m.urls.length} files, ${(m.bytes / 2 ** 20).toFixed(1)} MB precached`);
    },
  };
}
