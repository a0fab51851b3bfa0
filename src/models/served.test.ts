import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModelIndex } from './manifest';
import { isServedModelFile } from './served';
import { MODELS_DIR } from '../node/tf-node';

const index = parseModelIndex(JSON.parse(readFileSync(path.join(MODELS_DIR, 'index.json'), 'utf8')));

describe('isServedModelFile', () => {
  it('serves the index and the files of listed models', () => {
    expect(isServedModelFile('index.json', index)).toBe(true);
    expect(isServedModelFile('big-xception/model.json', index)).toBe(true);
    expect(isServedModelFile('mini-xception/group1-shard1of1.bin', index)).toBe(true);
    expect(isServedModelFile('blazeface-short/manifest.json', index)).toBe(true);
  });

  it('keeps unlisted folders, docs and licences out of the build', () => {
    expect(isServedModelFile('emotion-xception/emotion.bin', index)).toBe(false); // Human's conversion, reference for a test only
    expect(isServedModelFile('face-expression/model.json', index)).toBe(false);
    expect(isServedModelFile('big-xception/LICENSE', index)).toBe(false);
    expect(isServedModelFile('README.md', index)).toBe(false);
    expect(isServedModelFile('../package.json', index)).toBe(false);
  });
});
