import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizationParams, parseManifest, parseModelIndex, ManifestError } from './manifest';
import { MODELS_DIR } from '../node/tf-node';

const valid = {
  id: 'x',
  kind: 'classifier',
  name: 'X',
  format: 'graph',
  modelFile: 'model.json',
  input: { width: 48, height: 48, channels: 1 },
  normalization: 'zero1',
  labels: ['a', 'b'],
  licence: 'MIT',
};

describe('parseManifest', () => {
  it('accepts a valid classifier and fills the gray weights for 1-channel input', () => {
    const m = parseManifest(valid);
    expect(m.input).toEqual({ width: 48, height: 48, channels: 1 });
    expect(m.grayWeights).toEqual([0.2989, 0.587, 0.114]);
    expect(m.provenance).toEqual({});
  });

  it.each([
    [{ ...valid, kind: 'other' }, /"kind"/],
    [{ ...valid, input: { width: 0, height: 48, channels: 1 } }, /input.width/],
    [{ ...valid, input: { width: 48, height: 48, channels: 2 } }, /channels/],
    [{ ...valid, normalization: 'weird' }, /normalization/],
    [{ ...valid, labels: ['only-one'] }, /labels/],
    [{ ...valid, labels: ['a', 'a'] }, /unique/],
    [{ ...valid, licence: '' }, /licence/],
    ['not an object', /not a JSON object/],
  ])('rejects %j', (json, message) => {
    expect(() => parseManifest(json, 'test.json')).toThrow(ManifestError);
    expect(() => parseManifest(json, 'test.json')).toThrow(message);
  });

  it('names the file in its errors', () => {
    expect(() => parseManifest({}, 'models/x/manifest.json')).toThrow('models/x/manifest.json');
  });
});

describe('normalizationParams', () => {
  it('maps 0 and 255 to the trained ranges', () => {
    const at = (n: Parameters<typeof normalizationParams>[0], x: number) => {
      const { scale, offset } = normalizationParams(n);
      return x * scale + offset;
    };
    expect(at('minus1to1', 0)).toBeCloseTo(-1, 6);
    expect(at('minus1to1', 255)).toBeCloseTo(1, 6);
    expect(at('minus1to1', 127.5)).toBeCloseTo(0, 6);
    expect(at('zero1', 255)).toBeCloseTo(1, 6);
    expect(at('raw', 200)).toBe(200);
  });
});

describe('the shipped models', () => {
  const index = parseModelIndex(JSON.parse(readFileSync(path.join(MODELS_DIR, 'index.json'), 'utf8')));
  const ids = [...index.detectors, ...index.classifiers];

  it('index defaults point at listed models', () => {
    expect(index.detectors).toContain(index.defaults.detector);
    expect(index.classifiers).toContain(index.defaults.classifier);
  });

  it.each(ids)('%s has a valid manifest whose files match their checksums', (id) => {
    const m = parseManifest(JSON.parse(readFileSync(path.join(MODELS_DIR, id, 'manifest.json'), 'utf8')), id);
    expect(m.id).toBe(id);
    expect(m.licence).not.toBe('');
    expect(Object.keys(m.sha256 ?? {})).toContain(m.modelFile);
    for (const [file, sum] of Object.entries(m.sha256 ?? {})) {
      const actual = createHash('sha256').update(readFileSync(path.join(MODELS_DIR, id, file))).digest('hex');
      expect(actual, `${id}/${file}`).toBe(sum);
    }
  });

  it('rejects an index whose default is not listed', () => {
    expect(() => parseModelIndex({ detectors: ['a'], classifiers: ['b'], defaults: { detector: 'z', classifier: 'b' } })).toThrow(/not listed/);
  });
});

describe('model card and quality levels', () => {
  const base = { id: 'm', kind: 'classifier', format: 'layers', modelFile: 'model.json', input: { width: 64, height: 64, channels: 1 }, normalization: 'minus1to1', labels: ['a', 'b'], licence: 'MIT' };
  const card = { trainedOn: 'FER2013', accuracy: [{ level: 'fast', dataset: 'PublicTest', accuracy: 0.66, macroF1: 0.6, command: 'npm run eval' }], weaknesses: ['disgust is rare'] };

  it('parses an optional card', () => {
    expect(parseManifest(base).card).toBeUndefined();
    expect(parseManifest({ ...base, card }).card).toEqual(card);
  });

  it.each([
    [{ ...card, trainedOn: '' }, /trainedOn/],
    [{ ...card, weaknesses: 'none' }, /weaknesses/],
    [{ ...card, accuracy: [{ ...card.accuracy[0], accuracy: 66 }] }, /from 0 to 1/],
    [{ ...card, accuracy: [{ ...card.accuracy[0], command: undefined }] }, /command/],
    ['card', /must be an object/],
  ])('rejects a bad card %#', (bad, msg) => {
    expect(() => parseManifest({ ...base, card: bad }, 'x')).toThrow(msg);
  });

  it('the shipped index has quality levels, lightest first, and a valid default', () => {
    const index = parseModelIndex(JSON.parse(readFileSync(path.join(MODELS_DIR, 'index.json'), 'utf8')));
    expect(index.quality?.map((l) => l.id)).toEqual(['fast', 'balanced', 'best']);
    expect(index.defaults.quality).toBe('auto');
    expect(() => parseModelIndex({ ...index, defaults: { ...index.defaults, quality: 'ultra' } })).toThrow(/default quality/);
  });
});
