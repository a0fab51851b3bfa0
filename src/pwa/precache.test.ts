import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBuiltFiles, sha256, writeServiceWorker } from '../../build/pwa';
import { headersFile, SECURITY_HEADERS } from '../../build/headers';
import { cacheName, precacheManifest, shouldPrecache, staleCaches, type BuiltFile } from './precache';

const f = (p: string, hash: string, size = 10): BuiltFile => ({ path: p, hash, size });

describe('precacheManifest', () => {
  const files = [f('index.html', 'a1'), f('assets/index-X1.js', 'b2', 100), f('models/emotion/emotion.bin', 'c3', 1000), f('wasm/tfjs.wasm', 'd4')];

  it('lists the app, models and wasm as sorted absolute URLs under the base', () => {
    const m = precacheManifest(files, '/', sha256);
    expect(m.urls).toEqual(['/assets/index-X1.js', '/index.html', '/models/emotion/emotion.bin', '/wasm/tfjs.wasm']);
    expect(m.bytes).toBe(1120);
    expect(precacheManifest(files, '/app', sha256).urls[0]).toBe('/app/assets/index-X1.js');
  });

  it('leaves out the worker itself, docs, checksums, source maps and dot files', () => {
    for (const p of ['sw.js', 'models/README.md', 'models/SHA256SUMS', 'assets/index.js.map', '.bench-stamp', 'models/LICENSE.human-models', '_headers']) {
      expect(shouldPrecache(p), p).toBe(false);
    }
    expect(shouldPrecache('manifest.webmanifest')).toBe(true);
    expect(shouldPrecache('icons/icon-192.png')).toBe(true);
  });

  it('has the same version for the same files in any order', () => {
    expect(precacheManifest([...files].reverse(), '/', sha256).version).toBe(precacheManifest(files, '/', sha256).version);
  });

  it('changes version when a model file changes, a bundle is renamed, or a file is added', () => {
    const v = precacheManifest(files, '/', sha256).version;
    const newModel = files.map((x) => (x.path.endsWith('.bin') ? { ...x, hash: 'c4' } : x));
    const newBundle = files.map((x) => (x.path.endsWith('.js') ? { ...x, path: 'assets/index-Y2.js' } : x));
    const added = [...files, f('models/other/model.json', 'e5')];
    const versions = [newModel, newBundle, added].map((fs2) => precacheManifest(fs2, '/', sha256).version);
    for (const other of versions) expect(other).not.toBe(v);
    expect(new Set(versions).size).toBe(3);
    // A file the worker does not cache does not force a re-download.
    expect(precacheManifest([...files, f('models/README.md', 'zz')], '/', sha256).version).toBe(v);
  });
});

describe('staleCaches', () => {
  it('deletes older versions of this app only', () => {
    const names = [cacheName('old1'), cacheName('new'), 'someone-else', cacheName('old2')];
    expect(staleCaches(names, 'new')).toEqual([cacheName('old1'), cacheName('old2')]);
    expect(staleCaches([cacheName('new')], 'new')).toEqual([]);
  });
});

describe('writeServiceWorker (the build step)', () => {
  let dir = '';
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes sw.js with the build output’s files and a version that follows their content', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-'));
    fs.mkdirSync(path.join(dir, 'models', 'm'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'models', 'm', 'w.bin'), new Uint8Array([1, 2, 3]));

    const first = await writeServiceWorker(dir);
    const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
    expect(first.urls).toEqual(['/assets/index-abc.js', '/index.html', '/models/m/w.bin']);
    for (const u of first.urls) expect(sw).toContain(u);
    expect(sw).toContain(first.version);
    expect(sw).not.toContain('__PRECACHE__');
    // Rebuilding with sw.js present gives the same version: the worker does not hash itself.
    expect((await writeServiceWorker(dir)).version).toBe(first.version);
    expect(listBuiltFiles(dir).map((x) => x.path)).toContain('sw.js');

    // A replaced model: new version, so installed apps fetch it into a new cache.
    fs.writeFileSync(path.join(dir, 'models', 'm', 'w.bin'), new Uint8Array([1, 2, 4]));
    const second = await writeServiceWorker(dir);
    expect(second.version).not.toBe(first.version);
    expect(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8')).toContain(second.version);
  });
});

describe('headersFile', () => {
  it('gives every path the CSP and isolation headers, wasm its MIME type, sw.js no caching', () => {
    const text = headersFile();
    const blocks = text.split(/\n(?=\/)/);
    const all = blocks.find((b) => b.startsWith('/*'))!;
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(all).toContain(`  ${k}: ${v}`);
    expect(all).toMatch(/Content-Security-Policy: default-src 'self'/);
    expect(blocks.find((b) => b.startsWith('/wasm/*'))).toContain('Content-Type: application/wasm');
    expect(blocks.find((b) => b.startsWith('/sw.js'))).toContain('Cache-Control: no-cache');
    // Blocks are merged by the host: the isolation headers must appear once, or they become invalid lists.
    expect(text.match(/Cross-Origin-Opener-Policy/g)).toHaveLength(1);
  });
});
