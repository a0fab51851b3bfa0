import { afterEach, describe, expect, it, vi } from 'vitest';
import { wasmFileName, wasmThreadCount, wasmThreadsParam } from './wasm-file';

describe('WASM build choice (decided before tfjs loads, so boot can preload the file)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads ?wasmThreads= as a positive integer only', () => {
    expect(wasmThreadsParam(new URLSearchParams('wasmThreads=4'))).toBe(4);
    expect(wasmThreadsParam(new URLSearchParams('wasmThreads=0'))).toBeUndefined();
    expect(wasmThreadsParam(new URLSearchParams('wasmThreads=x'))).toBeUndefined();
    expect(wasmThreadsParam(new URLSearchParams(''))).toBeUndefined();
  });

  it('uses half the logical cores, and the threaded file only on a cross-origin isolated page', () => {
    vi.stubGlobal('navigator', { hardwareConcurrency: 8 });
    vi.stubGlobal('crossOriginIsolated', true);
    expect(wasmThreadCount(undefined)).toBe(4);
    expect(wasmFileName(undefined)).toBe('tfjs-backend-wasm-threaded-simd.wasm');
    expect(wasmFileName(1)).toBe('tfjs-backend-wasm-simd.wasm');
    vi.stubGlobal('crossOriginIsolated', false);
    expect(wasmThreadCount(4)).toBe(1);
    expect(wasmFileName(undefined)).toBe('tfjs-backend-wasm-simd.wasm');
  });

  it('stays single-threaded on 2–3 cores unless told otherwise', () => {
    vi.stubGlobal('navigator', { hardwareConcurrency: 3 });
    vi.stubGlobal('crossOriginIsolated', true);
    expect(wasmThreadCount(undefined)).toBe(1);
    expect(wasmThreadCount(2)).toBe(2);
  });
});
