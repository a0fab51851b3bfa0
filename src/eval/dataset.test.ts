import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalEmotion, readDataset, subsample } from './dataset';

describe('canonicalEmotion', () => {
  it('maps common folder and label aliases', () => {
    expect(canonicalEmotion('anger')).toBe('angry');
    expect(canonicalEmotion('Disgusted')).toBe('disgust');
    expect(canonicalEmotion('fearful')).toBe('fear');
    expect(canonicalEmotion('happiness')).toBe('happy');
    expect(canonicalEmotion('sadness')).toBe('sad');
    expect(canonicalEmotion('surprised')).toBe('surprise');
    expect(canonicalEmotion('3_happy')).toBe('happy');
    expect(canonicalEmotion('neutral')).toBe('neutral');
    expect(canonicalEmotion('contempt')).toBeNull();
  });
});

describe('readDataset', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'eval-ds-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });
  const touch = async (rel: string) => {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), '');
  };

  it('reads one folder per class, maps aliases, keeps only images, sorts files', async () => {
    await touch('Happiness/b.jpg');
    await touch('Happiness/a.PNG');
    await touch('Happiness/notes.txt');
    await touch('surprised/x.jpeg');
    await touch('contempt/y.jpg');
    const ds = await readDataset(root);
    expect(ds.classes).toEqual(['happy', 'surprise']);
    expect(ds.ignoredFolders).toEqual(['contempt']);
    expect(ds.samples.map((s) => [path.basename(s.file), s.label])).toEqual([
      ['a.PNG', 'happy'],
      ['b.jpg', 'happy'],
      ['x.jpeg', 'surprise'],
    ]);
  });

  it('rejects two folders meaning the same class, and empty or missing folders', async () => {
    await touch('sad/a.jpg');
    await touch('sadness/b.jpg');
    await expect(readDataset(root)).rejects.toThrow(/both mean "sad"/);
    await expect(readDataset(path.join(root, 'nope'))).rejects.toThrow(/not found/);
    await rm(path.join(root, 'sad'), { recursive: true });
    await rm(path.join(root, 'sadness/b.jpg'));
    await expect(readDataset(root)).rejects.toThrow(/No images/);
  });

  it('subsamples every k-th image per class', async () => {
    for (let i = 0; i < 5; i++) await touch(`happy/${i}.jpg`);
    for (let i = 0; i < 3; i++) await touch(`sad/${i}.jpg`);
    const ds = await readDataset(root);
    expect(subsample(ds.samples, 2).map((s) => `${s.label}/${path.basename(s.file)}`)).toEqual([
      'happy/0.jpg',
      'happy/2.jpg',
      'happy/4.jpg',
      'sad/0.jpg',
      'sad/2.jpg',
    ]);
  });
});
