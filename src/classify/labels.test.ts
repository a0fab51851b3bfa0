import { describe, expect, it } from 'vitest';
import { labelPermutation } from './labels';

describe('labelPermutation', () => {
  it('reorders face-api outputs (with its label names) into the FER2013 order', () => {
    const faceApi = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'];
    const fer = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
    const perm = labelPermutation(faceApi, fer)!;
    expect(perm).toEqual([3, 5, 4, 1, 2, 6, 0]);
    expect(perm.map((i) => faceApi[i])).toEqual(['angry', 'disgusted', 'fearful', 'happy', 'sad', 'surprised', 'neutral']);
  });

  it('is null when the source lacks a target label', () => {
    expect(labelPermutation(['happy', 'sad'], ['happy', 'sad', 'angry'])).toBeNull();
  });
});
