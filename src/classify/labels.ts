// The project's seven emotions and the other names datasets and models use for them, so label
// sets from different sources (FER2013, face-api, user models) can be compared and combined.
export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;
export type Emotion = (typeof EMOTIONS)[number];

const ALIASES: Record<string, Emotion> = {
  angry: 'angry',
  anger: 'angry',
  mad: 'angry',
  disgust: 'disgust',
  disgusted: 'disgust',
  disgusting: 'disgust',
  fear: 'fear',
  fearful: 'fear',
  afraid: 'fear',
  scared: 'fear',
  happy: 'happy',
  happiness: 'happy',
  joy: 'happy',
  sad: 'sad',
  sadness: 'sad',
  surprise: 'surprise',
  surprised: 'surprise',
  neutral: 'neutral',
  calm: 'neutral',
};

/** Canonical emotion for a folder or label name, or null if it is not an emotion we know. */
export function canonicalEmotion(name: string): Emotion | null {
  // "0_angry", "Happy", "sad-faces" style names: compare letters only.
  const key = name.toLowerCase().replace(/^[0-9]+[_\- ]*/, '').replace(/[^a-z]/g, '');
  return ALIASES[key] ?? null;
}

/**
 * For each label of `target`, the index of the same emotion in `source` (aliases allowed), so
 * gathering `source` outputs with it yields `target`'s order. Null if any target label is missing.
 */
export function labelPermutation(source: string[], target: string[]): number[] | null {
  const src = source.map((l) => canonicalEmotion(l) ?? l);
  const perm = target.map((l) => src.indexOf(canonicalEmotion(l) ?? l));
  return perm.every((i) => i >= 0) ? perm : null;
}
