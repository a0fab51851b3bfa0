import { existsSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startModelFiles } from './preload-models';

describe('preloaded start-up model files', () => {
  it("lists the shipped index, then the default detector's and the start level's manifest, model file and weights, all present", () => {
    const dir = new URL('../models', import.meta.url).pathname;
    const files = startModelFiles(dir);
    expect(files[0]).toBe('index.json');
    expect(files).toContain('blazeface-short/manifest.json');
    expect(files).toContain('mini-xception/model.json');
    expect(files.filter((f) => f.endsWith('.bin')).length).toBeGreaterThanOrEqual(2);
    expect(files.some((f) => f.startsWith('big-xception/')), "auto's richer level loads after the first label").toBe(false);
    for (const f of files) expect(existsSync(join(dir, f)), f).toBe(true);
  });

  it('follows the index: another start level, another model file name, several shards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preload-models-'));
    const write = (path: string, value: unknown) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), JSON.stringify(value));
    };
    const manifest = (id: string, kind: string, modelFile: string) => ({ id, kind, format: 'graph', modelFile, input: { width: 8, height: 8, channels: 1 }, normalization: 'minus1to1', labels: ['a', 'b'], licence: 'MIT' });
    write('index.json', { detectors: ['det'], classifiers: ['small', 'big'], defaults: { detector: 'det', classifier: 'big', quality: 'only' }, quality: [{ id: 'only', label: 'Only', members: [{ model: 'small', weight: 1 }], combine: 'logit', temperature: 1, tta: 'none', cost: { ms: 1, msPerFace: 1 } }] });
    write('det/manifest.json', { ...manifest('det', 'detector', 'd.json'), labels: undefined });
    write('det/d.json', { weightsManifest: [{ paths: ['d.bin'] }] });
    write('small/manifest.json', manifest('small', 'classifier', 'm.json'));
    write('small/m.json', { weightsManifest: [{ paths: ['s1.bin', 's2.bin'] }] });
    expect(startModelFiles(dir)).toEqual(['index.json', 'det/manifest.json', 'det/d.json', 'det/d.bin', 'small/manifest.json', 'small/m.json', 'small/s1.bin', 'small/s2.bin']);
  });
});
