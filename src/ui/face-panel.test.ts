import { describe, expect, it } from 'vitest';
import type { FaceResult } from '../pipeline/types';
import { likeliest } from './FacePanel';

describe('face cards in a crowd', () => {
  it('keep the three likeliest emotions of each face', () => {
    const labels = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
    const probs = { angry: 0.05, disgust: 0.01, fear: 0.2, happy: 0.1, sad: 0.3, surprise: 0.04, neutral: 0.3 };
    const face = { id: 1, box: { x: 0, y: 0, width: 1, height: 1 }, emotion: 'sad', score: 0.3, probs } as unknown as FaceResult;
    expect([...likeliest(face, labels, 3)].sort()).toEqual(['fear', 'neutral', 'sad']);
  });
});
