import { describe, expect, it } from 'vitest';
import { appError, cameraErrorCode } from './errors';

const domError = (name: string) => Object.assign(new Error('x'), { name });

describe('camera errors', () => {
  it.each([
    ['NotAllowedError', 'camera-denied'],
    ['SecurityError', 'camera-denied'],
    ['NotFoundError', 'no-camera'],
    ['OverconstrainedError', 'no-camera'],
    ['NotReadableError', 'camera-in-use'],
    ['TypeError', 'unknown'],
  ])('%s → %s', (name, code) => {
    expect(cameraErrorCode(domError(name))).toBe(code);
  });

  it('every message says what to do', () => {
    for (const code of ['insecure-context', 'camera-denied', 'no-camera', 'camera-in-use', 'model-load', 'no-backend'] as const) {
      const e = appError(code);
      expect(e.title.length).toBeGreaterThan(5);
      expect(e.hint.length).toBeGreaterThan(20);
    }
  });
});
