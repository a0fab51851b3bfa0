import { describe, expect, it } from 'vitest';
import { BenchArgError, parseBenchArgs } from './args';

describe('parseBenchArgs', () => {
  it('has the documented defaults', () => {
    expect(parseBenchArgs([])).toEqual({
      frames: 200,
      warmup: 10,
      backend: 'auto',
      json: false,
      build: 'auto',
      cached: true,
      query: '',
      timeoutS: 600,
      help: false,
    });
  });
  it('reads every option, with separate or inline values', () => {
    const a = parseBenchArgs(['--fixture', 'x.y4m', '--frames=50', '--warmup', '0', '--backend', 'wasm', '--json', '--build', 'never', '--no-cached', '--query', '?detectEvery=1', '--timeout', '30']);
    expect(a).toMatchObject({ fixture: 'x.y4m', frames: 50, warmup: 0, backend: 'wasm', json: true, build: 'never', cached: false, query: 'detectEvery=1', timeoutS: 30 });
    expect(parseBenchArgs(['--backend=webgl']).backend).toBe('webgl');
    expect(parseBenchArgs(['-h']).help).toBe(true);
    expect(parseBenchArgs(['--fixture', 'many-faces']).fixture).toBe('many-faces');
  });
  it('rejects bad values with a clear message', () => {
    expect(() => parseBenchArgs(['--frames', '1'])).toThrow(/--frames needs an integer ≥ 2, got 1/);
    expect(() => parseBenchArgs(['--frames', 'ten'])).toThrow(BenchArgError);
    expect(() => parseBenchArgs(['--frames'])).toThrow(/got nothing/);
    expect(() => parseBenchArgs(['--backend', 'webgpu'])).toThrow(/auto, webgl, wasm, cpu/);
    expect(() => parseBenchArgs(['--fixture', 'cam.mp4'])).toThrow(/\.y4m/);
    expect(() => parseBenchArgs(['--fixture', 'many-face'])).toThrow(/three-faces, many-faces/);
    expect(() => parseBenchArgs(['--build', 'sometimes'])).toThrow(BenchArgError);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown argument "--fast"/);
  });
});
