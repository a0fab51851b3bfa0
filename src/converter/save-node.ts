// Node-only: writes a converted model and its manifest to a folder. Kept apart from index.ts so
// the browser bundle never imports node:fs.
import fs from 'node:fs/promises';
import path from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelManifest } from '../models/manifest.ts';
import { modelFiles } from './artifacts.ts';

/** Writes every file of the map (as from convertKerasToFiles) into dir; returns the paths written. */
export async function writeFiles(files: Map<string, Uint8Array>, dir: string): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, bytes] of files) {
    const p = path.join(dir, name);
    await fs.writeFile(p, bytes);
    written.push(p);
  }
  return written;
}

/** Writes <dir>/model.json, its weight shards and <dir>/manifest.json; returns the paths written. */
export async function saveConverted(model: tfl.LayersModel, manifest: ModelManifest, dir: string): Promise<string[]> {
  const files = await modelFiles(model, manifest.modelFile);
  files.set('manifest.json', new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
  return writeFiles(files, dir);
}
