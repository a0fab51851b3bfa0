// An evaluation dataset is a folder with one sub-folder per class. Folder and model label names are
// mapped onto the project's seven canonical emotions, so FER2013 ("angry"), face-api ("angry",
// "fearful", "disgusted", "surprised") and other releases ("anger", "happiness"…) all line up.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

import { EMOTIONS, canonicalEmotion, type Emotion } from '../classify/labels';

export { EMOTIONS, canonicalEmotion, type Emotion };

const IMAGE_EXT = new Set(['.jpg', '.jpeg', '.png']);

export interface Sample {
  file: string;
  label: Emotion;
}

export interface Dataset {
  root: string;
  samples: Sample[];
  /** Canonical classes that have at least one image, in EMOTIONS order. */
  classes: Emotion[];
  /** Sub-folders that are not an emotion (reported, not scored). */
  ignoredFolders: string[];
}

export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}

/** Lists a dataset folder; files are sorted so runs (and subsamples) are reproducible. */
export async function readDataset(root: string): Promise<Dataset> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    throw new DatasetError(`Dataset folder not found or unreadable: ${root}`);
  }
  const samples: Sample[] = [];
  const ignoredFolders: string[] = [];
  const seen = new Map<Emotion, string>();
  for (const e of entries.filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const label = canonicalEmotion(e.name);
    if (!label) {
      ignoredFolders.push(e.name);
      continue;
    }
    if (seen.has(label)) {
      throw new DatasetError(`Folders "${seen.get(label)}" and "${e.name}" both mean "${label}" in ${root}`);
    }
    seen.set(label, e.name);
    const dir = path.join(root, e.name);
    const files = (await readdir(dir, { withFileTypes: true }))
      .filter((f) => f.isFile() && IMAGE_EXT.has(path.extname(f.name).toLowerCase()))
      .map((f) => f.name)
      .sort();
    for (const f of files) samples.push({ file: path.join(dir, f), label });
  }
  if (samples.length === 0) {
    throw new DatasetError(
      `No images in ${root}: expected one sub-folder per emotion (${EMOTIONS.join(', ')}) holding .jpg/.png files`,
    );
  }
  const classes = EMOTIONS.filter((c) => samples.some((s) => s.label === c));
  return { root, samples, classes, ignoredFolders };
}

/** Every k-th sample of each class (deterministic, keeps the class balance of the full set). */
export function subsample(samples: Sample[], every: number): Sample[] {
  const counters = new Map<Emotion, number>();
  return samples.filter((s) => {
    const i = counters.get(s.label) ?? 0;
    counters.set(s.label, i + 1);
    return i % every === 0;
  });
}
