import { describe, expect, it } from 'vitest';
import { cameraErrorCode, CodedError, asCodedError, type AppErrorCode } from '../faults/coded-error';
import { errorMessage } from './error-messages';

const CODES: AppErrorCode[] = ['insecure-context', 'no-camera-api', 'camera-denied', 'no-camera', 'camera-in-use', 'camera-ended', 'model-load', 'no-backend', 'unsupported-file', 'bad-file', 'unknown'];
const domError = (name: string) => Object.assign(new Error('x'), { name });

describe('error codes', () => {
  it.each([
    ['NotAllowedError', 'camera-denied'],
    ['SecurityError', 'camera-denied'],
    ['NotFoundError', 'no-camera'],
    ['OverconstrainedError', 'no-camera'],
    ['NotReadableError', 'camera-in-use'],
    ['TypeError', 'unknown'],
  ])('getUserMedia %s → %s', (name, code) => {
    expect(cameraErrorCode(domError(name))).toBe(code);
  });

  it('any failure becomes a coded error with its detail; coded ones pass through', () => {
    const coded = new CodedError('bad-file', 'x.png is empty');
    expect(asCodedError(coded)).toBe(coded);
    expect(asCodedError(new TypeError('boom'))).toMatchObject({ code: 'unknown', detail: 'TypeError: boom' });
    expect(asCodedError('odd', 'model-load')).toMatchObject({ code: 'model-load', detail: 'odd' });
  });
});

describe('error messages', () => {
  it('every code has its own title', () => {
    const titles = CODES.map((c) => errorMessage(c).title);
    expect(new Set(titles).size).toBe(CODES.length);
  });

  it.each([
    ['camera-denied', /allow the camera/i],
    ['insecure-context', /https:\/\/|localhost/],
    ['camera-in-use', /close other apps/i],
    ['no-camera', /connect a camera/i],
    ['model-load', /reload the page/i],
    ['unsupported-file', /photo|video/i],
  ] as const)('%s says what to do', (code, hint) => {
    expect(errorMessage(code).hint).toMatch(hint);
  });
});
