import { describe, expect, it } from 'vitest';
import { DEMO_SCENES, sceneAt } from './demo-source';
import { DEMO_PHOTOS } from './photos';

describe('demo clip scenes', () => {
  it('opens on all photos together, then shows each photo once', () => {
    expect(DEMO_SCENES[0].photos).toHaveLength(DEMO_PHOTOS.length);
    expect(DEMO_SCENES.slice(1).map((s) => s.photos)).toEqual(DEMO_PHOTOS.map((_, i) => [i]));
  });

  it('picks the scene by elapsed time and loops', () => {
    const first = DEMO_SCENES[0].seconds * 1000;
    const total = DEMO_SCENES.reduce((s, sc) => s + sc.seconds, 0) * 1000;
    expect(sceneAt(0)).toBe(0);
    expect(sceneAt(first - 1)).toBe(0);
    expect(sceneAt(first)).toBe(1);
    expect(sceneAt(total - 1)).toBe(DEMO_SCENES.length - 1);
    expect(sceneAt(total + 5)).toBe(0);
  });
});
