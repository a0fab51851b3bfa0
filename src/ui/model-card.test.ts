import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../models/manifest';
import { aboutModel, percent, readCard } from './model-card';

const manifest: ModelManifest = {
  id: 'emotion-xception',
  kind: 'classifier',
  name: 'FER2013 big-Xception emotion CNN',
  format: 'graph',
  modelFile: 'emotion.json',
  input: { width: 64, height: 64, channels: 1 },
  normalization: 'minus1to1',
  labels: ['angry', 'happy'],
  provenance: { trainedBy: 'Octavio Arriaga', dataset: 'FER2013', convertedBy: 'Vladimir Mandic', package: 'x@1' },
  licence: 'MIT',
};

describe('aboutModel', () => {
  it('uses the manifest card when there is one', () => {
    const card = {
      trainedOn: 'FER2013 (35,887 48×48 grey faces from web searches)',
      accuracy: [{ level: 'face crops', dataset: 'FER2013 PublicTest', accuracy: 0.661, macroF1: 0.62, command: 'npm run eval' }],
      weaknesses: ['posed faces', 'children'],
    };
    const about = aboutModel({ ...manifest, card });
    expect(about.fromCard).toBe(true);
    expect(about.trainedOn).toBe(card.trainedOn);
    expect(about.accuracy).toEqual(card.accuracy);
    expect(about.weaknesses).toEqual(['posed faces', 'children']);
    expect(about.credits).toEqual(['Trained by: Octavio Arriaga', 'Converted by: Vladimir Mandic']);
  });

  it('pieces a sensible card together from name, provenance and licence without one', () => {
    const about = aboutModel(manifest);
    expect(about.fromCard).toBe(false);
    expect(about.trainedOn).toBe("FER2013 (no measured accuracy in this model's manifest)");
    expect(about.accuracy).toEqual([]);
    expect(about.credits).toContain('Training data: FER2013');
    expect(about.licence).toBe('MIT');
  });

  it('drops malformed card entries instead of showing them', () => {
    expect(readCard({ accuracy: [] })).toBeNull();
    const card = readCard({ trainedOn: 'x', accuracy: [{ dataset: 'd', accuracy: '66%' }, { dataset: 'd', accuracy: 0.5, macroF1: 0.4, command: 'c' }], weaknesses: ['a', 3] });
    expect(card).toEqual({ trainedOn: 'x', accuracy: [{ dataset: 'd', accuracy: 0.5, macroF1: 0.4, command: 'c' }], weaknesses: ['a'] });
  });

  it('formats rates as percentages', () => {
    expect(percent(0.6612)).toBe('66.1%');
  });
});
